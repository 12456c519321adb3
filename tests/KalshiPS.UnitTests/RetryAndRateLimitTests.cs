using System.Net;
using System.Net.Http.Headers;
using KalshiPS.Http;
using RichardSzalay.MockHttp;
using KalshiPS.Models;

namespace KalshiPS.UnitTests;

/// <summary>Retry timing driven entirely by fake time: nothing here sleeps; the clock moves only when the test says.</summary>
public class RetryTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(10);

    private sealed class Rig : IDisposable
    {
        public readonly RecordingTime Time = new();
        public readonly ScriptedHandler Handler = new();
        public readonly TransportOptions Options;
        private KalshiHttpPipeline? _http;
        public Rig(Action<TransportOptions>? tweak = null) { Options = Pipelines.Options(Handler, Time); tweak?.Invoke(Options); }
        public KalshiHttpPipeline Http => _http ??= Pipelines.Create(Options);
        /// <summary>The next fake delay that is not a per-attempt timeout.</summary>
        public Task<TimeSpan> NextDelay() => Time.NextTimerAsync(d => d != Options.Timeout);
        public void Dispose() => _http?.Dispose();
    }

    [Fact]
    public async Task Get_503_503_200_succeeds_after_exponential_delays_and_not_before()
    {
        using var rig = new Rig();
        rig.Handler.Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.OK, "{\"exchange_active\":true}");
        var task = rig.Http.SendAsync(new KalshiRequest("GET", "/exchange/status"), CancellationToken.None);

        await rig.Handler.WaitForRequestsAsync(1);
        Assert.Equal(TimeSpan.FromSeconds(1), await rig.NextDelay());   // RetryDelay × 2^0 × jitter factor 1.0
        rig.Time.Advance(TimeSpan.FromSeconds(1) - Ms);
        Assert.Equal(1, rig.Handler.Count);
        Assert.False(task.IsCompleted);
        rig.Time.Advance(Ms);
        await rig.Handler.WaitForRequestsAsync(2);

        Assert.Equal(TimeSpan.FromSeconds(2), await rig.NextDelay());   // RetryDelay × 2^1
        rig.Time.Advance(TimeSpan.FromSeconds(2) - Ms);
        Assert.Equal(2, rig.Handler.Count);
        rig.Time.Advance(Ms);

        using var doc = await task.WaitAsync(Bounded);
        Assert.Equal(3, rig.Handler.Count);
        Assert.True(doc!.RootElement.GetProperty("exchange_active").GetBoolean());
    }

    [Fact]
    public async Task Each_attempt_is_freshly_signed_with_the_current_time()
    {
        using var signer = KalshiPS.Auth.RequestSigner.FromPem(Keys.KeyId, Keys.Pkcs1Pem);
        var time = new RecordingTime();
        var handler = new ScriptedHandler().Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.OK);
        var options = Pipelines.Options(handler, time);
        using var http = Pipelines.Create(options, signer);
        var task = http.SendAsync(new KalshiRequest("GET", "/portfolio/balance"), CancellationToken.None);
        await handler.WaitForRequestsAsync(1);
        time.Advance(await time.NextTimerAsync(d => d != options.Timeout));
        (await task.WaitAsync(Bounded))?.Dispose();
        var stamps = handler.Seen.Select(r => long.Parse(r.Headers[KalshiPS.Auth.RequestSigner.TimestampHeader])).ToArray();
        Assert.Equal(1000, stamps[1] - stamps[0]);
    }

    [Fact]
    public async Task A_429_is_retried_with_backoff()
    {
        using var rig = new Rig();
        rig.Handler.Then(HttpStatusCode.TooManyRequests, """{"error":"too many requests"}""").Then(HttpStatusCode.OK);
        var task = rig.Http.SendAsync(new KalshiRequest("GET", "/markets"), CancellationToken.None);
        await rig.Handler.WaitForRequestsAsync(1);
        Assert.Equal(TimeSpan.FromSeconds(1), await rig.NextDelay());
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        (await task.WaitAsync(Bounded))?.Dispose();
        Assert.Equal(2, rig.Handler.Count);
    }

    [Theory]
    [InlineData(7, 7)]
    [InlineData(120, 30)] // capped at MaxRetryDelay
    public async Task Retry_After_seconds_is_honoured(int header, int expected)
    {
        using var rig = new Rig();
        rig.Handler.Then(HttpStatusCode.TooManyRequests, "{}", r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(header)))
                   .Then(HttpStatusCode.OK);
        var task = rig.Http.SendAsync(new KalshiRequest("GET", "/markets"), CancellationToken.None);
        await rig.Handler.WaitForRequestsAsync(1);
        Assert.Equal(TimeSpan.FromSeconds(expected), await rig.NextDelay());
        rig.Time.Advance(TimeSpan.FromSeconds(expected) - Ms);
        Assert.Equal(1, rig.Handler.Count);
        rig.Time.Advance(Ms);
        (await task.WaitAsync(Bounded))?.Dispose();
        Assert.Equal(2, rig.Handler.Count);
    }

    [Fact]
    public async Task Retry_After_date_is_honoured_against_the_fake_clock()
    {
        using var rig = new Rig();
        rig.Handler.Then(HttpStatusCode.ServiceUnavailable, "{}", r => r.Headers.RetryAfter = new RetryConditionHeaderValue(RecordingTime.Start.AddSeconds(5)))
                   .Then(HttpStatusCode.OK);
        var task = rig.Http.SendAsync(new KalshiRequest("GET", "/markets"), CancellationToken.None);
        await rig.Handler.WaitForRequestsAsync(1);
        Assert.Equal(TimeSpan.FromSeconds(5), await rig.NextDelay());
        rig.Time.Advance(TimeSpan.FromSeconds(5));
        (await task.WaitAsync(Bounded))?.Dispose();
    }

    [Fact]
    public async Task A_post_that_is_not_retry_safe_is_not_retried_on_503()
    {
        using var rig = new Rig();
        rig.Handler.Then(HttpStatusCode.ServiceUnavailable, """{"error":{"code":"service_unavailable","message":"down"}}""");
        var request = new KalshiRequest("POST", "/portfolio/order_groups/create") { JsonBody = "{\"contracts_limit\":10}" };
        Assert.False(request.RetrySafe);
        var e = await Assert.ThrowsAsync<KalshiApiException>(() => rig.Http.SendAsync(request, CancellationToken.None).WaitAsync(Bounded));
        Assert.Equal(KalshiErrorKind.ServerUnavailable, e.Kind);
        Assert.Equal(1, rig.Handler.Count);
        Assert.Equal("{\"contracts_limit\":10}", rig.Handler.Seen.Single().Body);
    }

    [Fact]
    public async Task A_post_marked_retry_safe_is_retried()
    {
        using var rig = new Rig();
        rig.Handler.Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.Created, "{\"order_id\":\"o1\"}");
        var request = new KalshiRequest("POST", "/portfolio/events/orders") { JsonBody = "{\"client_order_id\":\"c1\"}", RetrySafe = true };
        var task = rig.Http.SendAsync(request, CancellationToken.None);
        await rig.Handler.WaitForRequestsAsync(1);
        rig.Time.Advance(await rig.NextDelay());
        (await task.WaitAsync(Bounded))?.Dispose();
        Assert.Equal(new[] { "{\"client_order_id\":\"c1\"}", "{\"client_order_id\":\"c1\"}" }, rig.Handler.Seen.Select(r => r.Body));
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, KalshiErrorKind.ServerUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests, KalshiErrorKind.RateLimited)]
    [InlineData(HttpStatusCode.InternalServerError, KalshiErrorKind.ServerUnavailable)]
    public async Task Retries_stop_after_MaxRetries_with_the_typed_error(HttpStatusCode status, KalshiErrorKind kind)
    {
        using var rig = new Rig(o => o.MaxRetries = 2);
        for (var i = 0; i < 3; i++) rig.Handler.Then(status, """{"error":{"code":"busy","message":"try later"}}""");
        var task = rig.Http.SendAsync(new KalshiRequest("GET", "/markets"), CancellationToken.None);
        var expected = new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 2; i++)
        {
            await rig.Handler.WaitForRequestsAsync(i + 1);
            Assert.Equal(expected[i], await rig.NextDelay());
            rig.Time.Advance(expected[i]);
        }
        var e = await Assert.ThrowsAsync<KalshiApiException>(() => task.WaitAsync(Bounded));
        Assert.Equal(kind, e.Kind);
        Assert.Equal((int)status, e.StatusCode);
        Assert.Equal("busy", e.Code);
        Assert.Equal(3, rig.Handler.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Conflict)]
    public async Task Client_errors_are_never_retried(HttpStatusCode status)
    {
        using var rig = new Rig();
        rig.Handler.Then(status, """{"error":{"code":"invalid_parameters","message":"bad"}}""");
        var e = await Assert.ThrowsAsync<KalshiApiException>(() => rig.Http.SendAsync(new KalshiRequest("GET", "/markets"), CancellationToken.None).WaitAsync(Bounded));
        Assert.Equal((int)status, e.StatusCode);
        Assert.Equal(1, rig.Handler.Count);
    }

    [Fact]
    public async Task Cancellation_during_a_retry_delay_ends_promptly()
    {
        using var rig = new Rig();
        rig.Handler.Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.OK);
        using var cts = new CancellationTokenSource();
        var task = rig.Http.SendAsync(new KalshiRequest("GET", "/markets"), cts.Token);
        await rig.Handler.WaitForRequestsAsync(1);
        await rig.NextDelay();
        cts.Cancel(); // fake time never advances: only the cancellation can end the wait
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.WaitAsync(Bounded));
        Assert.Equal(1, rig.Handler.Count);
    }

    [Fact]
    public async Task Cancellation_during_a_request_is_not_reported_as_a_timeout()
    {
        using var rig = new Rig();
        rig.Handler.ThenHang();
        using var cts = new CancellationTokenSource();
        var task = rig.Http.SendAsync(new KalshiRequest("GET", "/markets"), cts.Token);
        await rig.Handler.WaitForRequestsAsync(1);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.WaitAsync(Bounded));
    }

    [Fact]
    public async Task An_attempt_that_never_answers_times_out_on_fake_time()
    {
        using var rig = new Rig(o => { o.MaxRetries = 0; o.Timeout = TimeSpan.FromSeconds(2); });
        rig.Handler.ThenHang();
        var task = rig.Http.SendAsync(new KalshiRequest("GET", "/markets"), CancellationToken.None);
        await rig.Handler.WaitForRequestsAsync(1);
        Assert.Equal(TimeSpan.FromSeconds(2), await rig.Time.NextTimerAsync(d => d == TimeSpan.FromSeconds(2)));
        rig.Time.Advance(TimeSpan.FromSeconds(2) - Ms);
        Assert.False(task.IsCompleted);
        rig.Time.Advance(Ms);
        var e = await Assert.ThrowsAsync<KalshiTransportException>(() => task.WaitAsync(Bounded));
        Assert.Equal(KalshiErrorKind.Timeout, e.Kind);
        Assert.Contains("no answer within 2 s", e.Message);
    }

    [Fact]
    public async Task A_timed_out_get_is_retried()
    {
        using var rig = new Rig(o => { o.MaxRetries = 1; o.Timeout = TimeSpan.FromSeconds(2); });
        rig.Handler.ThenHang().Then(HttpStatusCode.OK);
        var task = rig.Http.SendAsync(new KalshiRequest("GET", "/markets"), CancellationToken.None);
        await rig.Handler.WaitForRequestsAsync(1);
        await rig.Time.NextTimerAsync(d => d == TimeSpan.FromSeconds(2));
        rig.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(1), await rig.Time.NextTimerAsync(d => d != TimeSpan.FromSeconds(2)));
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        (await task.WaitAsync(Bounded))?.Dispose();
        Assert.Equal(2, rig.Handler.Count);
    }

    [Fact]
    public async Task A_connection_failure_becomes_a_typed_transport_error()
    {
        var mock = new RichardSzalay.MockHttp.MockHttpMessageHandler();
        mock.When("*").Throw(new HttpRequestException("connection refused"));
        var options = Pipelines.Options(mock, new RecordingTime());
        options.MaxRetries = 0;
        using var http = Pipelines.Create(options);
        var e = await Assert.ThrowsAsync<KalshiTransportException>(() => http.SendAsync(new KalshiRequest("GET", "/markets"), CancellationToken.None).WaitAsync(Bounded));
        Assert.Equal(KalshiErrorKind.Connection, e.Kind);
        Assert.Contains("connection refused", e.Message);
    }

    [Fact]
    public void Retry_delay_jitter_spans_plus_minus_20_percent()
    {
        var options = Pipelines.Options(new ScriptedHandler(), new RecordingTime());
        double j = 0;
        options.Jitter = () => j;
        using var http = Pipelines.Create(options);
        Assert.Equal(TimeSpan.FromSeconds(0.8), http.RetryDelayFor(0, null));
        j = 0.5;
        Assert.Equal(TimeSpan.FromSeconds(4), http.RetryDelayFor(2, null));
        j = 1;
        Assert.Equal(TimeSpan.FromSeconds(1.2), http.RetryDelayFor(0, null));
        Assert.Equal(options.MaxRetryDelay, http.RetryDelayFor(10, null));
    }
}

public class RateLimitTests
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(10);

    [Fact]
    public void Basic_read_bucket_lets_20_requests_through_then_the_21st_waits_50ms()
    {
        var time = new RecordingTime();
        var limiter = new RateLimiter(RateLimits.Budget(KalshiTier.Basic).Read, RateLimits.Budget(KalshiTier.Basic).Write, time);
        var bucket = limiter.For("GET", "/markets");
        for (var i = 0; i < 20; i++) Assert.Equal(TimeSpan.Zero, bucket.Reserve(RateLimits.Cost("GET", "/markets")));
        Assert.Equal(TimeSpan.FromMilliseconds(50), bucket.Reserve(10));
        Assert.Equal(TimeSpan.FromMilliseconds(100), bucket.Reserve(10)); // queued behind the 21st
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(TimeSpan.FromMilliseconds(50), bucket.Reserve(10));
    }

    [Fact]
    public void Refill_is_capped_at_capacity()
    {
        var time = new RecordingTime();
        var bucket = new TokenBucket(200, 200, time);
        time.Advance(TimeSpan.FromMinutes(5));
        for (var i = 0; i < 20; i++) Assert.Equal(TimeSpan.Zero, bucket.Reserve(10));
        Assert.Equal(TimeSpan.FromMilliseconds(50), bucket.Reserve(10));
    }

    [Fact]
    public void Write_bucket_is_separate_and_holds_two_seconds()
    {
        var time = new RecordingTime();
        var limiter = new RateLimiter(200, 100, time);
        for (var i = 0; i < 20; i++) limiter.For("GET", "/markets").Reserve(10);
        Assert.True(limiter.For("GET", "/portfolio/orders").Reserve(10) > TimeSpan.Zero); // reads exhausted, order reads too
        Assert.Same(limiter.Write, limiter.For("POST", "/portfolio/events/orders"));
        for (var i = 0; i < 20; i++) Assert.Equal(TimeSpan.Zero, limiter.For("POST", "/portfolio/events/orders").Reserve(10));
        Assert.Equal(TimeSpan.FromMilliseconds(100), limiter.Write.Reserve(10));
    }

    [Theory]
    [InlineData("DELETE", "/portfolio/events/orders/abc", 2, true)]
    [InlineData("DELETE", "/portfolio/events/orders", 2, true)]
    [InlineData("GET", "/portfolio/orders/abc", 2, false)]
    [InlineData("GET", "/portfolio/orders", 10, false)]
    [InlineData("GET", "/portfolio/orders/abc/queue_position", 10, false)]
    [InlineData("POST", "/portfolio/events/orders", 10, true)]
    [InlineData("POST", "/portfolio/events/orders/abc/amend", 10, true)]
    [InlineData("POST", "/portfolio/order_groups/create", 10, true)]
    [InlineData("GET", "/markets", 10, false)]
    [InlineData("POST", "/api_keys", 10, false)]
    public void Costs_and_buckets_per_endpoint(string method, string path, int cost, bool write)
    {
        Assert.Equal(cost, RateLimits.Cost(method, path));
        Assert.Equal(write, RateLimits.IsWrite(method, path));
    }

    [Fact]
    public void Cancels_cost_two_so_a_hundred_fit_in_the_basic_write_burst()
    {
        var limiter = new RateLimiter(200, 100, new RecordingTime());
        for (var i = 0; i < 100; i++) Assert.Equal(TimeSpan.Zero, limiter.For("DELETE", "/portfolio/events/orders/o" + i).Reserve(RateLimits.Cost("DELETE", "/portfolio/events/orders/o" + i)));
        Assert.Equal(TimeSpan.FromMilliseconds(20), limiter.Write.Reserve(2));
    }

    [Theory]
    [InlineData(KalshiTier.Basic, 200, 100)]
    [InlineData(KalshiTier.Advanced, 300, 300)]
    [InlineData(KalshiTier.Premier, 1000, 1000)]
    [InlineData(KalshiTier.Paragon, 2000, 2000)]
    [InlineData(KalshiTier.Prime, 4000, 4000)]
    public void Tier_budgets(KalshiTier tier, int read, int write) => Assert.Equal((read, write), RateLimits.Budget(tier));

    [Fact]
    public async Task Pipeline_holds_the_21st_read_until_fake_time_covers_it_while_writes_go_through()
    {
        var time = new RecordingTime();
        var handler = new ScriptedHandler();
        for (var i = 0; i < 22; i++) handler.Then(HttpStatusCode.OK);
        var options = Pipelines.Options(handler, time);
        using var http = Pipelines.Create(options);
        for (var i = 0; i < 20; i++) (await http.SendAsync(new KalshiRequest("GET", "/markets"), CancellationToken.None).WaitAsync(Bounded))?.Dispose();
        Assert.Equal(20, handler.Count);

        var held = http.SendAsync(new KalshiRequest("GET", "/markets"), CancellationToken.None);
        Assert.Equal(TimeSpan.FromMilliseconds(50) + TokenBucket.TimerSlack, await time.NextTimerAsync(d => d != options.Timeout));
        Assert.Equal(20, handler.Count);

        // The write bucket is untouched by reads: an order goes out at once.
        (await http.SendAsync(new KalshiRequest("POST", "/portfolio/events/orders") { JsonBody = "{}" }, CancellationToken.None).WaitAsync(Bounded))?.Dispose();
        Assert.Equal(21, handler.Count);
        Assert.Equal("POST", handler.Seen.Last().Method);
        Assert.False(held.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(49) + TokenBucket.TimerSlack);
        Assert.False(held.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        (await held.WaitAsync(Bounded))?.Dispose();
        Assert.Equal(22, handler.Count);
    }
}
