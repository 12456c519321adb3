using KalshiPS.Sandbox;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>Issue 9, budgets from the exchange: GET /account/limits and /account/endpoint_costs, batches that fit.</summary>
public class ExchangeBudgetTests
{
    private static async Task<(SandboxServer Server, PowerShellHost Host)> StartAsync(int readTokens, int writeTokens)
    {
        var server = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 20, Seed = 7 });
        server.Faults.ReadTokensPerSecond = readTokens;
        server.Faults.WriteTokensPerSecond = writeTokens;
        return (server, new PowerShellHost());
    }

    private static string Connect(SandboxServer s, string extra = "") =>
        $"Connect-Kalshi -BaseUri '{s.RestUri}' -ApiKeyId '{s.ApiKeyId}' -PrivateKeyPath '{s.PrivateKeyPath}' -RetryDelay 0.05 -TimeoutSec 10 {extra}";

    private static string EmptyMarket(SandboxServer s)
    {
        var m = s.Exchange.Markets.First(x => x.Status == "active" && x.PriceStructure == PriceLevelStructure.LinearCent && !x.FractionalTradingEnabled);
        s.Exchange.CancelAll(Exchange.HouseUserId, m.Ticker);
        return m.Ticker;
    }

    private static int WireRateLimited(PsResult r) => r.Verbose.Count(v => v.Contains(" -> 429 "));

    [Fact]
    public async Task Connect_reads_the_accounts_budget_and_overrides_still_win()
    {
        var (s, host) = await StartAsync(120, 30);
        await using var _ = s;
        using var __ = host;
        var session = host.Run(Connect(s, "-PassThru")).One();
        Assert.Equal("exchange", session.S("BudgetSource"));
        Assert.Equal(120m, session.D("ReadRate"));
        Assert.Equal(30m, session.D("WriteRate"));
        Assert.Equal(60m, session.D("WriteCapacity"));
        Assert.Equal("Basic", session.S("Tier"));
        Assert.Equal(1, s.RequestCount("GET", "/account/limits"));
        Assert.Equal(1, s.RequestCount("GET", "/account/endpoint_costs"));

        var over = host.Run(Connect(s, "-WriteRate 80 -PassThru")).One();
        Assert.Equal("override", over.S("BudgetSource"));
        Assert.Equal(80m, over.D("WriteRate"));
        Assert.Equal(120m, over.D("ReadRate")); // the bucket not overridden still comes from the exchange
        Assert.Equal("override", host.Run(Connect(s, "-Tier Premier -PassThru")).One().S("BudgetSource"));
        Assert.Equal(1000m, host.Run(Connect(s, "-Tier Premier -PassThru")).One().D("WriteRate"));

        var fallback = host.Run(Connect(s, "-PassThru -SkipValidation")); // nothing asked: the tier table
        Assert.Equal(100m, fallback.Output.Single().D("WriteRate"));
    }

    [Fact]
    public async Task Default_budget_against_a_smaller_server_budget_meets_no_429s_and_no_failures()
    {
        var (s, host) = await StartAsync(60, 20);
        await using var _ = s;
        using var __ = host;
        var t = EmptyMarket(s);
        Ps.Assert(host.Run(Connect(s)));
        var r = host.Run($@"
            $o = 1..8 | ForEach-Object {{ New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price ('0.0' + $_) -Verbose }}
            $o | ForEach-Object {{ Remove-KalshiOrder -OrderId $_.OrderId -Verbose }}
            Get-KalshiOrder -Ticker {t} -Verbose | Out-Null");
        Ps.Assert(r);
        Assert.True(WireRateLimited(r) == 0, string.Join("\n", r.Verbose.Where(v => v.Contains(" -> "))));
        Assert.Equal(8, s.Exchange.GetOrders(s.UserId).Count(o => o.Status == OrderStatus.Canceled));
    }

    [Fact]
    public async Task A_batch_of_20_against_a_100_token_bucket_is_sized_to_fit()
    {
        var (s, host) = await StartAsync(0, 50);
        await using var _ = s;
        using var __ = host;
        var t = EmptyMarket(s);
        Ps.Assert(host.Run(Connect(s)));
        var r = host.Run($"1..20 | ForEach-Object {{ [pscustomobject]@{{ Ticker='{t}'; Side='Yes'; Action='Buy'; Count='1'; Price=('0.{{0:00}}' -f $_) }} }} | New-KalshiOrder -Verbose");
        Ps.Assert(r);
        Assert.Equal(20, r.Output.Count);
        Assert.Equal(20, s.Exchange.GetOrders(s.UserId).Count);
        Assert.Equal(2, s.RequestCount("POST", "/portfolio/events/orders/batched"));
        Assert.Equal(0, WireRateLimited(r));
    }

    [Fact]
    public async Task A_batch_met_by_429_is_split_and_placed_not_abandoned()
    {
        var (s, host) = await StartAsync(0, 50);
        await using var _ = s;
        using var __ = host;
        var t = EmptyMarket(s);
        Ps.Assert(host.Run(Connect(s, "-SkipValidation"))); // the client believes Basic's 200-token bucket
        var r = host.Run($"1..20 | ForEach-Object {{ [pscustomobject]@{{ Ticker='{t}'; Side='Yes'; Action='Buy'; Count='1'; Price=('0.{{0:00}}' -f $_) }} }} | New-KalshiOrder -Verbose");
        Ps.Assert(r);
        Assert.Equal(20, r.Output.Count);
        Assert.Equal(20, s.Exchange.GetOrders(s.UserId).Count);
        Assert.Contains(r.Verbose, v => v.Contains("sending it as 10 + 10"));
    }
}
