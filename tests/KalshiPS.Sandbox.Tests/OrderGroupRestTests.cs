using System.Net.Http;
using System.Text.Json;
using Xunit;

namespace KalshiPS.Sandbox.Tests;

/// <summary>
/// /portfolio/order_groups* and /account/api_usage_level/* over HTTP: the field names of the official SDK's models
/// (kalshi-typescript 3.30.0) and the refusals.
/// </summary>
public class OrderGroupRestTests : IAsyncLifetime
{
    private SandboxServer _s = null!;
    private TestClient _c = null!;
    public async Task InitializeAsync() { _s = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 20 }); _c = new TestClient(_s); }
    public async Task DisposeAsync() { _c.Dispose(); await _s.DisposeAsync(); }

    private static string[] Names(JsonElement o) => o.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task Order_group_routes_answer_with_the_spec_shapes()
    {
        var (created, c) = await _c.PostAsync("/portfolio/order_groups/create", new { contracts_limit_fp = "15.00" });
        Assert.Equal(201, created);
        Assert.Equal(new[] { "exchange_index", "order_group_id", "subaccount" }, Names(c));
        var id = c.GetProperty("order_group_id").GetString()!;

        var (_, list) = await _c.GetAsync("/portfolio/order_groups");
        var item = Assert.Single(list.GetProperty("order_groups").EnumerateArray());
        Assert.Equal(new[] { "contracts_limit_fp", "exchange_index", "id", "is_auto_cancel_enabled" }, Names(item));
        Assert.Equal("15.00", item.GetProperty("contracts_limit_fp").GetString());

        var (_, one) = await _c.GetAsync("/portfolio/order_groups/" + id);
        Assert.Equal(new[] { "contracts_limit_fp", "exchange_index", "is_auto_cancel_enabled", "orders" }, Names(one));

        foreach (var (path, body) in new (string, object?)[] { ("/limit", new { contracts_limit = 20 }), ("/trigger", null), ("/reset", null) })
        {
            var (st, answer) = await _c.SendAsync(HttpMethod.Put, "/portfolio/order_groups/" + id + path, body);
            Assert.Equal(200, st);
            Assert.Equal(JsonValueKind.Object, answer.ValueKind);
            Assert.Empty(Names(answer));
        }
        Assert.Equal(20m, _s.Exchange.GetOrderGroup(_s.UserId, id).ContractsLimit);
        var (deleted, _) = await _c.DeleteAsync("/portfolio/order_groups/" + id);
        Assert.Equal(200, deleted);
        Assert.Equal(404, (await _c.GetAsync("/portfolio/order_groups/" + id)).Status);
    }

    [Fact]
    public async Task Bad_limits_and_other_users_groups_are_refused()
    {
        Assert.Equal(400, (await _c.PostAsync("/portfolio/order_groups/create", new { })).Status);
        Assert.Equal(400, (await _c.PostAsync("/portfolio/order_groups/create", new { contracts_limit = 5, contracts_limit_fp = "6.00" })).Status);
        Assert.Equal(400, (await _c.PostAsync("/portfolio/order_groups/create", new { contracts_limit_fp = "2.50" })).Status);
        var (_, c) = await _c.PostAsync("/portfolio/order_groups/create", new { contracts_limit = 5, contracts_limit_fp = "5.00" });
        var id = c.GetProperty("order_group_id").GetString()!;
        using var other = TestClient.NewUser(_s);
        Assert.Equal(404, (await other.GetAsync("/portfolio/order_groups/" + id)).Status);
        Assert.Equal(404, (await other.SendAsync(HttpMethod.Put, "/portfolio/order_groups/" + id + "/trigger")).Status);
        Assert.Empty((await other.GetAsync("/portfolio/order_groups")).Body.GetProperty("order_groups").EnumerateArray());
    }

    [Fact]
    public async Task Volume_progress_and_upgrade_answer_with_the_spec_shapes()
    {
        var (st, body) = await _c.GetAsync("/account/api_usage_level/volume_progress");
        Assert.Equal(200, st);
        var progress = Assert.Single(body.GetProperty("volume_progress").EnumerateArray());
        Assert.Equal(new[] { "computed_ts", "goals", "trailing_30d_volume_fp" }, Names(progress));
        Assert.Equal(new[] { "earn_volume_goal_fp", "keep_volume_goal_fp", "level" }, Names(progress.GetProperty("goals")[0]));
        Assert.Equal("0.00", progress.GetProperty("trailing_30d_volume_fp").GetString());

        Assert.Equal(400, (await _c.PostAsync("/account/api_usage_level/upgrade", new { })).Status); // no API order yet
        var m = _s.Exchange.Markets.First(x => x.Status == "active" && x.PriceStructure == PriceLevelStructure.LinearCent && !x.FractionalTradingEnabled);
        await _c.PostAsync("/portfolio/events/orders", new { ticker = m.Ticker, side = "bid", price = "0.0100", count = "1.00", time_in_force = "good_till_canceled", self_trade_prevention_type = "taker_at_cross" });
        Assert.Equal(204, (await _c.PostAsync("/account/api_usage_level/upgrade", new { })).Status);
        var (_, limits) = await _c.GetAsync("/account/limits");
        Assert.Equal("advanced", limits.GetProperty("usage_tier").GetString());
        var grant = Assert.Single(limits.GetProperty("grants").EnumerateArray());
        Assert.Equal(new[] { "exchange_instance", "level", "source" }, Names(grant)); // expires_ts absent: permanent
    }
}
