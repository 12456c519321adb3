using System.Text;
using System.Text.Json;
using KalshiPS.Api;
using KalshiPS.Models;
using KalshiPS.Wire;

namespace KalshiPS.UnitTests;

/// <summary>
/// Readers of the archive, money and queue endpoints (spec shapes, decimal dollars from cents), the seam that joins a
/// live listing to the archive, and marking positions to market.
/// </summary>
public class ArchiveWireTests
{
    private static T Read<T>(string json, ReadValue<T> read)
    {
        var r = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        r.Read();
        return read(ref r);
    }

    [Fact]
    public void Archived_candle_reads_the_unsuffixed_spelling_and_null_prices()
    {
        const string json = """
            {"end_period_ts":1764633600,"yes_bid":{"open":"0.4100","low":"0.4000","high":"0.4300","close":"0.4200"},
             "yes_ask":{"open":"0.4500","low":"0.4400","high":"0.4700","close":"0.4600"},
             "price":{"open":"0.4200","low":"0.4100","high":"0.4500","close":"0.4400","mean":"0.4325","previous":null},
             "volume":"120.00","open_interest":"75.50","later_field":{"x":1}}
            """;
        var c = Read(json, (ref Utf8JsonReader r) => MarketDataWire.Candle(ref r, "KXT-1", 60));
        Assert.Equal(("KXT-1", 60), (c.Ticker, c.PeriodMinutes));
        Assert.Equal(new DateTime(2025, 12, 2, 0, 0, 0, DateTimeKind.Utc), c.EndTime);
        Assert.Equal((0.4200m, 0.4500m, 0.4100m, 0.4400m, 0.4325m), (c.Open!.Value, c.High!.Value, c.Low!.Value, c.Close!.Value, c.Mean!.Value));
        Assert.Equal((0.4200m, 0.4600m), (c.YesBidClose!.Value, c.YesAskClose!.Value));
        Assert.Equal((120.00m, 75.50m), (c.Volume!.Value, c.OpenInterest!.Value));
        Assert.Equal("0.4325", c.Mean.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)); // scale kept

        var empty = Read("""{"end_period_ts":1764633600,"price":{"open":null,"close":null},"volume":"0.00"}""", (ref Utf8JsonReader r) => MarketDataWire.Candle(ref r, "KXT-1", 1));
        Assert.Null(empty.Open);
        Assert.Null(empty.Close);
    }

    [Fact]
    public void Deposits_and_withdrawals_turn_integer_cents_into_dollars()
    {
        var d = Read("""{"id":"d1","status":"applied","type":"ach","amount_cents":123456,"fee_cents":0,"created_ts":1764633600,"finalized_ts":1764637200}""", MoneyWire.Deposit);
        Assert.Equal(("d1", "Applied", "Ach"), (d.Id, d.Status, d.Method));
        Assert.Equal(1234.56m, d.Amount);
        Assert.Equal(0m, d.Fee);
        Assert.Equal(new DateTime(2025, 12, 2, 1, 0, 0, DateTimeKind.Utc), d.FinalizedTime);
        var w = Read("""{"id":"w1","status":"pending","type":"wire","amount_cents":5,"fee_cents":250,"created_ts":1764633600,"finalized_ts":null}""", MoneyWire.Withdrawal);
        Assert.Equal(("Pending", "Wire", 0.05m, 2.50m), (w.Status, w.Method, w.Amount!.Value, w.Fee!.Value));
        Assert.Null(w.FinalizedTime);
        Assert.Equal(0.2m, Read("""{"resting_order_value_breakdown":[{"exchange_index":0,"balance":"0.2000"}],"total_resting_order_value":20}""", MoneyWire.RestingOrderValue));
        Assert.Null(Read("[]", MoneyWire.RestingOrderValue));
    }

    [Fact]
    public void Queue_positions_read_the_batch_items_and_the_single_answer()
    {
        var items = Read("""{"queue_positions":[{"order_id":"o1","market_ticker":"KXA-1","queue_position_fp":"12.50"},{"order_id":"o2","market_ticker":"KXB-2","queue_position_fp":"0.00"}]}""",
            (ref Utf8JsonReader r) => r.Field("queue_positions", QueuePositionWire.Item));
        Assert.Equal(new[] { ("o1", "KXA-1", 12.50m), ("o2", "KXB-2", 0.00m) }, items.Select(q => (q.OrderId, q.Ticker, q.QueuePosition!.Value)));
        Assert.Equal(3.00m, Read("""{"queue_position_fp":"3.00"}""", QueuePositionWire.Count));
    }

    private static IAsyncEnumerable<Page<KalshiFill>> Pages(List<string[]> pages, List<int>? started = null, int id = 0)
    {
        async IAsyncEnumerable<Page<KalshiFill>> Run()
        {
            started?.Add(id);
            for (int i = 0; i < pages.Count; i++)
            {
                await Task.Yield();
                yield return new Page<KalshiFill>(i + 1, pages[i].Select(f => new KalshiFill { FillId = f }).ToList(), i == pages.Count - 1);
            }
        }
        return Run();
    }

    private static async Task<List<Page<KalshiFill>>> All(IAsyncEnumerable<Page<KalshiFill>> pages, int? stopAfter = null)
    {
        var list = new List<Page<KalshiFill>>();
        await foreach (var p in pages) { list.Add(p); if (list.Count == stopAfter) break; }
        return list;
    }

    [Fact]
    public async Task The_seam_joins_live_and_archive_pages_and_drops_records_seen_live()
    {
        var live = Pages(new() { new[] { "f5", "f4" }, new[] { "f3" } });
        var archive = Pages(new() { new[] { "f3", "f2" }, new[] { "f1" } }); // f3 moved into the archive while we read
        var pages = await All(ArchiveSeam.Concat(live, () => archive, f => f.FillId));
        Assert.Equal(new[] { "f5", "f4", "f3", "f2", "f1" }, pages.SelectMany(p => p.Items).Select(f => f.FillId));
        Assert.Equal(new[] { 1, 2, 3, 4 }, pages.Select(p => p.Number));
        Assert.Equal(new[] { false, false, false, true }, pages.Select(p => p.IsLast)); // the last live page is no longer the end
    }

    [Fact]
    public async Task The_archive_is_not_started_until_the_live_pages_are_used_up()
    {
        var started = new List<int>();
        var seam = ArchiveSeam.Concat(Pages(new() { new[] { "f2", "f1" } }, started, 1), () => Pages(new() { new[] { "f0" } }, started, 2), f => f.FillId);
        await All(seam, stopAfter: 1); // -First satisfied by the live page
        Assert.Equal(new[] { 1 }, started);
    }

    [Fact]
    public async Task The_seam_applies_the_filters_the_archive_lacks_and_can_skip_either_side()
    {
        var archiveOnly = await All(ArchiveSeam.Concat<KalshiFill>(null, () => Pages(new() { new[] { "a1", "b2", "a3" } }), f => f.FillId, f => f.FillId!.StartsWith('a')));
        Assert.Equal(new[] { "a1", "a3" }, archiveOnly.SelectMany(p => p.Items).Select(f => f.FillId));
        var live = Pages(new() { new[] { "x" } });
        Assert.Same(live, ArchiveSeam.Concat(live, null, f => f.FillId)); // live alone: the pages as they are
        var nothing = await All(ArchiveSeam.Concat<KalshiFill>(null, null, f => f.FillId));
        Assert.True(Assert.Single(nothing).IsLast);
    }

    [Theory]
    [InlineData("Yes", 10, 4.00, 0.40, 0.62, 6.20, 2.20)]    // a Yes holding sells into the Yes bid
    [InlineData("No", 3, 1.00, 0.333333, 0.25, 0.75, -0.25)] // a No holding into the No bid; cost per contract to 6 places
    public void A_position_is_marked_at_the_bid_of_its_own_side(string side, int contracts, double exposure, double average, double bid, double value, double pnl)
    {
        var p = new KalshiPosition { Ticker = "KXA-1", Side = side, Contracts = contracts, Position = side == "Yes" ? contracts : -contracts, Exposure = (decimal)exposure };
        var m = new KalshiMarket { Ticker = "KXA-1", YesBid = side == "Yes" ? (decimal)bid : 0.11m, NoBid = side == "No" ? (decimal)bid : 0.22m };
        PositionValuation.Value(p, m);
        Assert.Equal((decimal)average, p.AveragePrice);
        Assert.Equal((decimal)bid, p.CurrentPrice);
        Assert.Equal((decimal)value, p.MarketValue);
        Assert.Equal((decimal)pnl, p.UnrealizedPnl);
    }

    [Fact]
    public void A_flat_position_is_worth_nothing_and_an_unpriced_one_is_unknown()
    {
        var flat = new KalshiPosition { Ticker = "KXA-1", Side = "Flat", Contracts = 0, Exposure = 0m };
        PositionValuation.Value(flat, null);
        Assert.Equal((0m, 0m), (flat.MarketValue!.Value, flat.UnrealizedPnl!.Value));
        Assert.Null(flat.AveragePrice);
        var unpriced = new KalshiPosition { Ticker = "KXA-1", Side = "Yes", Contracts = 2, Exposure = 1m };
        PositionValuation.Value(unpriced, null);
        Assert.Equal(0.5m, unpriced.AveragePrice);
        Assert.Null(unpriced.CurrentPrice);
        Assert.Null(unpriced.MarketValue);
        Assert.Null(unpriced.UnrealizedPnl);
    }
}
