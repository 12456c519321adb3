using System.Net;
using System.Text.Json;
using KalshiPS.Api;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Session;
using KalshiPS.Wire;

namespace KalshiPS.UnitTests;

/// <summary>Issue 9: the pipeline's "may have committed" mark, outcome settling, and budgets from the exchange.</summary>
public class OutcomeTests
{
    // A hang guard only (fake time drives every wait): generous, since a loaded machine can starve the thread pool for seconds.
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(60);
    private const string TooMany = """{"error":"too many requests"}""";

    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromMinutes(5);
    private readonly RecordingTime _time = new();

    private KalshiSession Session(ScriptedHandler handler) => KalshiSession.Create(new SessionSettings
    {
        BaseUri = Pipelines.Base, InnerHandler = handler, TimeProvider = _time,
        RetryDelay = TimeSpan.Zero, MaxRetries = 3, Timeout = AttemptTimeout,
    });

    /// <summary>Runs the call, moving fake time on whenever it waits (a 429 drains the bucket, so the next attempt waits for the refill).</summary>
    private async Task<T> Drive<T>(Func<Task<T>> call)
    {
        var task = call();
        while (!task.IsCompleted)
        {
            var timer = _time.NextTimerAsync(d => d != AttemptTimeout && d > TimeSpan.Zero);
            if (await Task.WhenAny(task, timer).WaitAsync(Bounded) == timer) _time.Advance(await timer);
        }
        return await task;
    }

    private static OrderSpec Spec(string cid) => new() { Ticker = "T-1", Side = KalshiSide.Yes, Action = KalshiAction.Buy, Count = 1, Price = 0.10m, ClientOrderId = cid };

    private static string Listing(string cid) =>
        $$"""{"orders":[{"order_id":"o-1","client_order_id":"{{cid}}","ticker":"T-1","book_side":"bid","outcome_side":"yes","yes_price_dollars":"0.1000","initial_count_fp":"1.00","remaining_count_fp":"1.00","fill_count_fp":"0.00","status":"resting"}],"cursor":""}""";

    [Fact]
    public async Task An_attempt_answered_5xx_marks_the_request_even_when_a_later_attempt_answers_429()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.TooManyRequests, TooMany)
            .Then(HttpStatusCode.TooManyRequests, TooMany).Then(HttpStatusCode.TooManyRequests, TooMany);
        using var session = Session(handler);
        var request = new KalshiRequest("POST", "/portfolio/events/orders") { JsonBody = "{}", RetrySafe = true };
        var e = await Assert.ThrowsAsync<KalshiApiException>(() => Drive(() => session.Http.SendAsync(request, CancellationToken.None)));
        Assert.Equal(KalshiErrorKind.RateLimited, e.Kind);
        Assert.True(request.MayHaveCommitted);

        var clean = new KalshiRequest("POST", "/portfolio/events/orders") { JsonBody = "{}", RetrySafe = true };
        handler.Then(HttpStatusCode.TooManyRequests, TooMany).Then(HttpStatusCode.Created, "{}");
        (await Drive(() => session.Http.SendAsync(clean, CancellationToken.None)))?.Dispose();
        Assert.False(clean.MayHaveCommitted); // a 429 is answered before processing
    }

    [Fact]
    public async Task Create_committed_then_429s_is_settled_by_client_order_id()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.TooManyRequests, TooMany)
            .Then(HttpStatusCode.TooManyRequests, TooMany).Then(HttpStatusCode.TooManyRequests, TooMany)
            .Then(HttpStatusCode.OK, Listing("c-1"));
        using var session = Session(handler);
        var result = await Drive(() => new OrdersApi(session).CreateAsync(Spec("c-1"), CancellationToken.None));
        Assert.True(result.AlreadyExisted);
        Assert.Equal("o-1", result.OrderId);
        Assert.Contains("ticker=T-1", handler.Seen.Last().Uri.Query);
    }

    [Fact]
    public async Task Lookup_failing_in_the_first_round_is_read_again_and_settles()
    {
        var handler = new ScriptedHandler();
        for (int i = 0; i < 4; i++) handler.Then(HttpStatusCode.BadGateway);              // the create: no answer
        for (int i = 0; i < 4; i++) handler.Then(HttpStatusCode.ServiceUnavailable);      // round 1 of the lookup
        handler.Then(HttpStatusCode.OK, """{"orders":[],"cursor":""}""");                  // round 2: not there
        using var session = Session(handler);
        var e = await Assert.ThrowsAsync<KalshiApiException>(() => new OrdersApi(session).CreateAsync(Spec("c-2"), CancellationToken.None).WaitAsync(Bounded));
        Assert.IsNotType<KalshiOutcomeUnknownException>(e);
        Assert.Contains("no order with client order id c-2 exists on T-1, so it was not placed", e.Message);
        Assert.Equal("POST", e.Method);
    }

    [Fact]
    public async Task Every_lookup_round_failing_leaves_the_create_unknown_with_its_id_and_settle_command()
    {
        var handler = new ScriptedHandler();
        for (int i = 0; i < 4; i++) handler.Then(HttpStatusCode.ServiceUnavailable);
        for (int i = 0; i < 4 * WriteOutcomes.LookupRounds; i++) handler.Then(HttpStatusCode.ServiceUnavailable, """{"error":{"code":"lookup_down","message":"lookup down"}}""");
        using var session = Session(handler);
        var e = await Assert.ThrowsAsync<KalshiOutcomeUnknownException>(() => new OrdersApi(session).CreateAsync(Spec("c-3"), CancellationToken.None).WaitAsync(Bounded));
        Assert.Equal("c-3", e.ClientOrderId);
        Assert.Equal("Get-KalshiOrder -Ticker T-1 -ClientOrderId c-3", e.SettleCommand);
        Assert.Equal("POST", e.WriteError.Method);                 // the write's outcome, not the lookup's
        Assert.Contains("lookup down", e.Message);
        Assert.Equal(4 + 4 * WriteOutcomes.LookupRounds, handler.Count);
    }

    [Fact]
    public async Task Single_cancel_without_an_answer_is_settled_by_the_orders_state()
    {
        var handler = new ScriptedHandler();
        for (int i = 0; i < 4; i++) handler.Then(HttpStatusCode.ServiceUnavailable);
        handler.Then(HttpStatusCode.OK, """{"order":{"order_id":"0f8fad5b-d9cb-469f-a165-709000000009","client_order_id":"c-9","ticker":"T-1","status":"canceled"}}""");
        using var session = Session(handler);
        var done = await new OrdersApi(session).CancelAsync("0f8fad5b-d9cb-469f-a165-709000000009", "T-1", CancellationToken.None).WaitAsync(Bounded);
        Assert.Equal("c-9", done.ClientOrderId);

        for (int i = 0; i < 4; i++) handler.Then(HttpStatusCode.ServiceUnavailable);
        handler.Then(HttpStatusCode.OK, """{"order":{"order_id":"0f8fad5b-d9cb-469f-a165-709000000009","ticker":"T-1","status":"resting"}}""");
        var e = await Assert.ThrowsAsync<KalshiApiException>(() => new OrdersApi(session).CancelAsync("0f8fad5b-d9cb-469f-a165-709000000009", "T-1", CancellationToken.None).WaitAsync(Bounded));
        Assert.Contains("order 0f8fad5b-d9cb-469f-a165-709000000009 is Resting, so it was not canceled", e.Message);
    }
}

public class BudgetTests
{
    [Fact]
    public async Task Waiting_for_rate_limit_tokens_does_not_count_against_the_attempt_timeout()
    {
        var time = new RecordingTime();
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK).Then(HttpStatusCode.OK);
        var options = Pipelines.Options(handler, time);
        options.Timeout = TimeSpan.FromMilliseconds(500);
        options.ReadTokensPerSecond = 10; // one 10-token read per second
        options.MaxRetries = 0;
        using var http = Pipelines.Create(options);
        (await http.SendAsync(new KalshiRequest("GET", "/markets"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)))?.Dispose();
        var held = http.SendAsync(new KalshiRequest("GET", "/markets"), CancellationToken.None);
        var wait = await time.NextTimerAsync(d => d > options.Timeout); // the token wait: 1 s, longer than the timeout
        time.Advance(wait);
        (await held.WaitAsync(TimeSpan.FromSeconds(10)))?.Dispose();     // sent and answered, not a timeout
        Assert.Equal(2, handler.Count);
    }

    [Fact]
    public void Drain_after_a_429_makes_the_next_request_wait_for_the_refill()
    {
        var time = new RecordingTime();
        var bucket = new TokenBucket(100, 200, time);
        Assert.Equal(TimeSpan.Zero, bucket.Reserve(10));
        bucket.Drain();
        Assert.Equal(TimeSpan.FromMilliseconds(100), bucket.Reserve(10));
        time.Advance(TimeSpan.FromSeconds(1));
        bucket.Drain(); // debt is kept, refill counts
        Assert.Equal(TimeSpan.FromMilliseconds(100), bucket.Reserve(10));
    }

    [Fact]
    public void Batches_are_sized_to_fit_the_write_bucket()
    {
        var limiter = new RateLimiter(new BucketBudget(200, 200), new BucketBudget(50, 100), new RecordingTime());
        Assert.Equal(10, limiter.ItemsThatFit("POST", "/portfolio/events/orders/batched", 20));  // 20 × 10 = 200 > 100
        Assert.Equal(20, limiter.ItemsThatFit("DELETE", "/portfolio/events/orders/batched", 20)); // cancels cost 2
        limiter.Configure(new BucketBudget(200, 200), new BucketBudget(5, 8));
        Assert.Equal(1, limiter.ItemsThatFit("POST", "/portfolio/events/orders/batched", 20));   // never 0
        Assert.Equal(200, limiter.CostOf(new KalshiRequest("POST", "/portfolio/events/orders/batched") { Items = 20 }));
    }

    [Fact]
    public void Exchange_cost_table_prices_requests_by_method_and_template()
    {
        using var doc = JsonDocument.Parse("""
            {"default_cost":12,"endpoint_costs":[
              {"method":"DELETE","path":"/trade-api/v2/portfolio/events/orders/{order_id}","cost":3},
              {"method":"DELETE","path":"/portfolio/events/orders/batched","cost":1},
              {"method":"GET","path":"/portfolio/orders/{order_id}","cost":2},
              {"method":"POST","path":"/portfolio/events/orders/{order_id}/amend","cost":7}],"new_field":1}
            """);
        var costs = WireReader.Read(doc.RootElement, AccountWire.Costs)!;
        Assert.Equal(1, costs.Cost("DELETE", "/portfolio/events/orders/batched")); // the literal beats {order_id}
        Assert.Equal(3, costs.Cost("DELETE", "/portfolio/events/orders/abc"));
        Assert.Equal(2, costs.Cost("GET", "/portfolio/orders/abc"));
        Assert.Equal(12, costs.Cost("GET", "/portfolio/orders"));
        Assert.Equal(7, costs.Cost("POST", "/portfolio/events/orders/abc/amend"));
        Assert.Equal(12, costs.Cost("POST", "/portfolio/events/orders"));
        var limiter = new RateLimiter(100, 100, new RecordingTime()) { Costs = costs };
        Assert.Equal(20, limiter.CostOf(new KalshiRequest("DELETE", "/portfolio/events/orders/batched") { Items = 20 }));
        using var bad = JsonDocument.Parse("""{"endpoint_costs":[]}""");
        Assert.Null(WireReader.Read(bad.RootElement, AccountWire.Costs));
    }

    [Theory]
    [InlineData("""{"usage_tier":"advanced","read":{"refill_rate":300,"bucket_capacity":300},"write":{"refill_rate":300,"bucket_capacity":600},"grants":[]}""", "advanced", 300, 300, 300, 600)]
    [InlineData("""{"usage_tier":"basic","read":{"refill_rate":"40"},"write":{"refill_rate":"20"}}""", "basic", 40, 40, 20, 40)]
    [InlineData("""{"usage_tier":"basic","read_limit":20,"write_limit":10}""", "basic", 20, 20, 10, 20)]
    public void Account_limits_in_current_and_older_shapes(string json, string tier, double read, double readCap, double write, double writeCap)
    {
        using var doc = JsonDocument.Parse(json);
        var limits = WireReader.Read(doc.RootElement, AccountWire.Limits)!;
        Assert.Equal(tier, limits.UsageTier);
        Assert.Equal((read, readCap, write, writeCap), (limits.Read.RefillPerSecond, limits.Read.Capacity, limits.Write.RefillPerSecond, limits.Write.Capacity));
    }

    [Fact]
    public void Unusable_limits_keep_the_tier_table_and_overrides_win_over_the_exchange()
    {
        using var doc = JsonDocument.Parse("""{"usage_tier":"basic","read":{},"write":{"refill_rate":0}}""");
        Assert.Null(WireReader.Read(doc.RootElement, AccountWire.Limits));

        using var given = KalshiSession.Create(new SessionSettings { BaseUri = Pipelines.Base, WriteRate = 80, TimeProvider = new RecordingTime() });
        Assert.Equal("override", given.BudgetSource);
        given.UseExchangeBudget(new AccountLimits("premier", new BucketBudget(1000, 1000), new BucketBudget(1000, 2000)), null);
        Assert.Equal((1000d, 80d, 160d), (given.ReadRate, given.WriteRate, given.WriteCapacity));
        Assert.Equal(KalshiTier.Premier, given.Tier);
        Assert.Equal("override", given.BudgetSource);

        using var plain = KalshiSession.Create(new SessionSettings { BaseUri = Pipelines.Base, TimeProvider = new RecordingTime() });
        Assert.Equal("tier table", plain.BudgetSource);
        plain.UseExchangeBudget(null, null);
        Assert.Equal(("tier table", 100d), (plain.BudgetSource, plain.WriteRate));
        plain.UseExchangeBudget(new AccountLimits("basic", new BucketBudget(40, 40), new BucketBudget(20, 40)), null);
        Assert.Equal(("exchange", 20d, 40d), (plain.BudgetSource, plain.WriteRate, plain.WriteCapacity));
        Assert.Equal(20 * KalshiSession.ExchangeHeadroom, plain.Limiter.Write.RatePerSecond, 6); // paced a little under it
    }
}
