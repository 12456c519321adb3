using System.Management.Automation;
using KalshiPS.Sandbox;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>
/// -IncludeHistorical through the engine against a sandbox whose account history is partly older than the cutoff:
/// one stream across the seam, each record once, -First stopping before the archive, the one cutoff lookup, and
/// the one warning when a listing without the switch reaches before the cutoff. Checks outputs and the requests.
/// </summary>
public class ArchiveListingTests : IClassFixture<ArchiveListingTests.History>
{
    private readonly History _h;
    public ArchiveListingTests(History h) { _h = h; _h.Server.ResetRequestLog(); _h.Server.HistoricalCutoff.Overlap = TimeSpan.Zero; }
    private SandboxServer S => _h.Server;
    private Exchange Ex => _h.Server.Exchange;

    /// <summary>Markets: A and B traded ten and nine days ago and now; S traded and settled ten days ago; cutoff five days back.</summary>
    public sealed class History : IAsyncLifetime
    {
        public readonly ShiftedClock Clock = new();
        public SandboxServer Server = null!;
        public PowerShellHost Host = null!;
        public string A = "", B = "", Settled = "";

        public async Task InitializeAsync()
        {
            Server = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 30, Seed = 11, Clock = Clock });
            var ex = Server.Exchange;
            var picks = ex.Markets.Where(m => m.Status == "active" && m.PriceStructure == PriceLevelStructure.LinearCent && !m.FractionalTradingEnabled).Take(3).ToList();
            (A, B, Settled) = (picks[0].Ticker, picks[1].Ticker, picks[2].Ticker);
            foreach (var m in picks) ex.CancelAll(Exchange.HouseUserId, m.Ticker);
            Clock.Offset = TimeSpan.FromDays(-10);
            Trade(A, 0.40m); Trade(Settled, 0.30m); Trade(B, 0.35m);
            ex.SettleMarket(Settled, "yes");
            Clock.Offset = TimeSpan.FromDays(-9);
            Trade(A, 0.41m);
            Clock.Offset = TimeSpan.Zero;
            Trade(A, 0.45m); Trade(A, 0.46m); Trade(B, 0.36m);
            ex.PlaceOrder(Server.UserId, new OrderRequest { Ticker = A, Side = OrderSide.Bid, Price = 0.05m, Count = 1 });
            Server.HistoricalCutoff.MoveTo(DateTimeOffset.UtcNow.AddDays(-5));
            Host = new PowerShellHost();
            Ps.Assert(Host.Run($"Connect-Kalshi -BaseUri '{Server.RestUri}' -ApiKeyId '{Server.ApiKeyId}' -PrivateKeyPath '{Server.PrivateKeyPath}' -SkipValidation"));
        }

        private void Trade(string ticker, decimal price)
        {
            Server.Exchange.PlaceOrder(Exchange.HouseUserId, new OrderRequest { Ticker = ticker, Side = OrderSide.Ask, Price = price, Count = 2 });
            Server.Exchange.PlaceOrder(Server.UserId, new OrderRequest { Ticker = ticker, Side = OrderSide.Bid, Price = price, Count = 2, TimeInForce = TimeInForce.ImmediateOrCancel });
        }

        public async Task DisposeAsync() { Host.Dispose(); await Server.DisposeAsync(); }
    }

    private int Seen(string path) => S.RequestLog.Count(r => r.Method == "GET" && r.Path == "/trade-api/v2" + path);
    private PsResult Run(string script) => _h.Host.Run(script);
    private static List<string> Ids(PsResult r, string property) => r.Output.Select(o => o.S(property)!).ToList();
    private IReadOnlyList<KalshiPS.Sandbox.Fill> MyFills => Ex.GetOrCreateAccount(S.UserId).Fills;

    [Fact]
    public void Fills_continue_into_the_archive_as_one_newest_first_stream()
    {
        var r = Run("Get-KalshiFill -IncludeHistorical");

        Ps.Assert(r);
        Assert.Empty(r.Warnings);
        Assert.Equal(MyFills.Reverse().Select(f => f.FillId), Ids(r, "FillId"));
        Assert.Equal(7, r.Output.Count);
        Assert.All(r.Output, o => Assert.Equal("KalshiPS.Models.KalshiFill", o.TypeName()));
        Assert.Equal((1, 1, 1), (Seen("/portfolio/fills"), Seen("/historical/fills"), Seen("/historical/cutoff")));
    }

    [Fact]
    public void Records_in_both_halves_at_the_seam_are_written_once()
    {
        S.HistoricalCutoff.Overlap = TimeSpan.FromDays(30); // the archive already holds the live fills too
        var r = Run("Get-KalshiFill -IncludeHistorical -PageSize 2");

        Ps.Assert(r);
        Assert.Equal(MyFills.Reverse().Select(f => f.FillId), Ids(r, "FillId"));
        Assert.Equal(2, Seen("/portfolio/fills"));  // 3 live fills, 2 a page
        Assert.Equal(4, Seen("/historical/fills")); // 7 archived (overlap), 2 a page: the duplicates did reach the client
    }

    [Fact]
    public void First_stops_before_the_archive_and_a_window_after_the_cutoff_never_asks_it()
    {
        var first = Run("Get-KalshiFill -IncludeHistorical -First 3");
        Ps.Assert(first);
        Assert.Equal(MyFills.Reverse().Take(3).Select(f => f.FillId), Ids(first, "FillId"));
        Assert.Equal(0, Seen("/historical/fills"));

        var recent = Run("Get-KalshiFill -IncludeHistorical -Since ([datetime]::UtcNow.AddDays(-1))");
        Ps.Assert(recent);
        Assert.Equal(3, recent.Output.Count);
        Assert.Equal(0, Seen("/historical/fills"));

        S.ResetRequestLog();
        var old = Run("Get-KalshiFill -IncludeHistorical -Until ([datetime]::UtcNow.AddDays(-8))");
        Ps.Assert(old);
        Assert.Equal(MyFills.Take(4).Reverse().Select(f => f.FillId), Ids(old, "FillId"));
        Assert.Equal((0, 1), (Seen("/portfolio/fills"), Seen("/historical/fills"))); // nothing live can be that old
    }

    [Fact]
    public void Without_the_switch_a_window_reaching_before_the_cutoff_warns_once()
    {
        var r = Run("Get-KalshiFill -Since ([datetime]::UtcNow.AddDays(-30))");
        Ps.Assert(r);
        Assert.Equal(3, r.Output.Count);
        var warning = Assert.Single(r.Warnings);
        Assert.Contains("-IncludeHistorical", warning);
        Assert.Contains(S.HistoricalCutoff.TradesCreated.UtcDateTime.ToString("u"), warning);
        Assert.Equal((0, 1), (Seen("/historical/fills"), Seen("/historical/cutoff")));

        var trades = Run($"Get-KalshiTrade -Ticker {_h.A},{_h.B} -Since ([datetime]::UtcNow.AddDays(-30))"); // two listings, one warning, one lookup
        Ps.Assert(trades);
        Assert.Single(trades.Warnings);
        Assert.Equal(2, Seen("/historical/cutoff"));

        S.ResetRequestLog();
        var plain = Run("Get-KalshiFill; Get-KalshiFill -Since ([datetime]::UtcNow.AddDays(-1))");
        Ps.Assert(plain);
        Assert.Empty(plain.Warnings); // no window, or one that starts after the cutoff
        Assert.Equal(1, Seen("/historical/cutoff"));
    }

    [Fact]
    public void Orders_join_the_archive_but_resting_ones_never_ask_it()
    {
        var all = Run("Get-KalshiOrder -IncludeHistorical");
        Ps.Assert(all);
        var ids = Ids(all, "OrderId");
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.Equal(Ex.GetOrders(S.UserId).Select(o => o.OrderId).OrderBy(x => x), ids.OrderBy(x => x));
        Assert.Equal(4, all.Output.Count(o => Ex.IsArchived(Ex.GetOrder(o.S("OrderId")!)!)));

        S.ResetRequestLog();
        var resting = Run("Get-KalshiOrder -Status Resting -IncludeHistorical");
        Ps.Assert(resting);
        Assert.Equal("Resting", resting.One().S("Status"));
        Assert.Equal((1, 0), (Seen("/portfolio/orders"), Seen("/historical/orders")));

        var executed = Run($"Get-KalshiOrder -Ticker {_h.A} -Status Executed -IncludeHistorical");
        Ps.Assert(executed);
        Assert.Equal(4, executed.Output.Count); // two live, two archived; the status filter applied to the archive here
        Assert.Contains(S.RequestDetails, d => d.Path == "/trade-api/v2/historical/orders" && d.Query.Contains("ticker=" + _h.A) && !d.Query.Contains("status"));

        S.ResetRequestLog();
        var refused = Run($"Get-KalshiOrder -EventTicker {Ex.GetMarket(_h.A)!.EventTicker} -IncludeHistorical");
        Assert.Contains("-EventTicker", Assert.Single(refused.Errors).ToString());
        Assert.Empty(S.RequestLog);
    }

    [Fact]
    public void An_archived_market_is_found_by_ticker_and_in_settled_listings_with_the_switch()
    {
        var missing = Run($"Get-KalshiMarket -Ticker {_h.Settled}");
        Assert.Single(missing.Errors);
        Assert.Contains("-IncludeHistorical", Assert.Single(missing.Warnings));

        S.ResetRequestLog();
        var found = Run($"Get-KalshiMarket -Ticker {_h.A},{_h.Settled} -IncludeHistorical");
        Ps.Assert(found);
        Assert.Equal(new[] { _h.A, _h.Settled }, Ids(found, "Ticker"));
        Assert.Equal("Finalized", found.Output[1].S("Status"));
        var archiveAsk = Assert.Single(S.RequestDetails, d => d.Path == "/trade-api/v2/historical/markets");
        Assert.Equal("?limit=200&tickers=" + _h.Settled, archiveAsk.Query);

        var settled = Run("Get-KalshiMarket -Status Settled -IncludeHistorical");
        Ps.Assert(settled);
        Assert.Single(settled.Output, o => o.S("Ticker") == _h.Settled);
        Assert.Equal(Ex.Markets.Count(m => m.Status == "finalized"), settled.Output.Count);

        var liveOnly = Run("Get-KalshiMarket -Status Settled");
        Ps.Assert(liveOnly);
        Assert.DoesNotContain(_h.Settled, Ids(liveOnly, "Ticker"));
        Assert.Contains("-IncludeHistorical", Assert.Single(liveOnly.Warnings));
    }

    [Fact]
    public void Trades_of_a_market_read_live_then_archived()
    {
        var r = Run($"Get-KalshiTrade -Ticker {_h.A} -IncludeHistorical");
        Ps.Assert(r);
        var trades = Ex.GetTrades(_h.A);
        var expected = trades.Where(t => !Ex.IsArchived(t)).Reverse().Concat(trades.Where(t => Ex.IsArchived(t)).Reverse()).Select(t => t.TradeId);
        Assert.Equal(expected, Ids(r, "TradeId"));
        Assert.Equal(2, trades.Count(t => Ex.IsArchived(t)));
        Assert.Equal(0.41m, r.Output[^2].D("YesPrice"));
    }

    [Fact]
    public void Candles_of_an_archived_market_come_from_the_archive()
    {
        const string window = "-Start ([datetime]::UtcNow.AddDays(-11)) -End ([datetime]::UtcNow.AddDays(-9)) -Interval OneHour";
        var r = Run($"Get-KalshiCandlestick -Ticker {_h.Settled} {window} -IncludeHistorical");
        Ps.Assert(r);
        var candle = r.One();
        Assert.Equal((0.30m, 2m), (candle.D("Close"), candle.D("Volume")));
        Assert.Equal(_h.Settled, candle.S("Ticker"));
        Assert.Equal(1, Seen($"/historical/markets/{_h.Settled}/candlesticks"));

        var without = Run($"Get-KalshiCandlestick -Ticker {_h.Settled} {window}");
        Assert.Single(without.Errors);
        Assert.Contains("-IncludeHistorical", Assert.Single(without.Warnings));
    }

    [Fact]
    public void Closed_positions_include_the_archived_settled_ones_with_the_switch()
    {
        var r = Run("Get-KalshiPosition -IncludeClosed -IncludeHistorical");
        Ps.Assert(r);
        Assert.Empty(r.Warnings);
        Assert.Single(r.Output, o => o.S("Ticker") == _h.Settled);
        Assert.Equal(Ids(r, "Ticker").Distinct().Count(), r.Output.Count);
        Assert.Equal(1, Seen("/historical/positions"));

        var live = Run("Get-KalshiPosition -IncludeClosed");
        Ps.Assert(live);
        Assert.DoesNotContain(_h.Settled, Ids(live, "Ticker"));
        Assert.Empty(live.Warnings); // positions have no time window: the help, not a warning on every -IncludeClosed, says so

        S.ResetRequestLog();
        Ps.Assert(Run("Get-KalshiPosition -IncludeHistorical")); // open positions only: archived ones are all closed
        Assert.Equal(0, Seen("/historical/positions"));
    }
}
