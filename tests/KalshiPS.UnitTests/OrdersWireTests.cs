using System.Text.Json;
using KalshiPS.Api;
using KalshiPS.Cmdlets;
using KalshiPS.Models;
using KalshiPS.Wire;
using Xunit;

namespace KalshiPS.UnitTests;

public class OrdersWireTests
{
    private static MarketRules Rules(string json, bool fractional = false)
    {
        using var doc = JsonDocument.Parse(json);
        return new MarketRules("T", "E", "active", PriceGrid.From(doc.RootElement), fractional);
    }
    private static readonly MarketRules Cent = Rules("{}");
    private static readonly MarketRules Tapered = Rules(@"{""price_ranges"":[{""start"":""0"",""end"":""0.1"",""step"":""0.001""},{""start"":""0.1"",""end"":""0.9"",""step"":""0.01""},{""start"":""0.9"",""end"":""1"",""step"":""0.001""}]}");

    [Theory]
    [InlineData(KalshiSide.Yes, KalshiAction.Buy, "0.45", "bid", "0.4500")]
    [InlineData(KalshiSide.Yes, KalshiAction.Sell, "0.45", "ask", "0.4500")]
    [InlineData(KalshiSide.No, KalshiAction.Buy, "0.30", "ask", "0.7000")]
    [InlineData(KalshiSide.No, KalshiAction.Sell, "0.30", "bid", "0.7000")]
    public void Create_body_maps_side_action_and_always_sends_tif_and_stp(KalshiSide side, KalshiAction action, string price, string book, string wirePrice)
    {
        var o = new OrderSpec { Ticker = "T", Side = side, Action = action, Count = 10, Price = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), ClientOrderId = "c" };
        using var doc = JsonDocument.Parse(OrderRequestWire.Create(o));
        var r = doc.RootElement;
        Assert.Equal(book, r.GetProperty("side").GetString());
        Assert.Equal(wirePrice, r.GetProperty("price").GetString());
        Assert.Equal("10.00", r.GetProperty("count").GetString());
        Assert.Equal("good_till_canceled", r.GetProperty("time_in_force").GetString());
        Assert.Equal("taker_at_cross", r.GetProperty("self_trade_prevention_type").GetString());
        Assert.Equal("c", r.GetProperty("client_order_id").GetString());
        Assert.False(r.TryGetProperty("post_only", out _));
    }

    [Fact]
    public void Generated_client_order_id_is_a_guid_and_kept()
    {
        var o = new OrderSpec();
        o.EnsureClientOrderId();
        Assert.True(Guid.TryParse(o.ClientOrderId, out _));
        Assert.True(o.ClientOrderIdGenerated);
        var id = o.ClientOrderId;
        o.EnsureClientOrderId();
        Assert.Equal(id, o.ClientOrderId);
    }

    [Fact]
    public void Off_grid_price_names_neighbours_in_the_users_side_and_never_rounds()
    {
        var e = Assert.Throws<OrderValidationException>(() => OrderValidation.CheckPrice(KalshiSide.Yes, 0.455m, Cent, "Price"));
        Assert.Contains("0.45 or 0.46", e.Message);
        var no = Assert.Throws<OrderValidationException>(() => OrderValidation.CheckPrice(KalshiSide.No, 0.0555m, Tapered, "Price"));
        Assert.Contains("0.055 or 0.056", no.Message);
        OrderValidation.CheckPrice(KalshiSide.No, 0.055m, Tapered, "Price"); // Yes 0.945 is on the 0.001 band
        Assert.Throws<OrderValidationException>(() => OrderValidation.CheckPrice(KalshiSide.Yes, 0.555m, Tapered, "Price"));
    }

    [Fact]
    public void Count_granularity()
    {
        OrderValidation.CheckCount(3m, Cent, "Count");
        Assert.Contains("whole number", Assert.Throws<OrderValidationException>(() => OrderValidation.CheckCount(1.5m, Cent, "Count")).Message);
        var frac = Rules("{}", fractional: true);
        OrderValidation.CheckCount(1.25m, frac, "Count");
        Assert.Contains("0.01", Assert.Throws<OrderValidationException>(() => OrderValidation.CheckCount(1.255m, frac, "Count")).Message);
    }

    [Theory]
    [InlineData(KalshiTimeInForce.GoodTillCanceled, true, false, false, "ImmediateOrCancel")]
    [InlineData(KalshiTimeInForce.ImmediateOrCancel, false, true, false, "PostOnly")]
    [InlineData(KalshiTimeInForce.FillOrKill, false, false, true, "ExpirationTime")]
    public void Forbidden_combinations(KalshiTimeInForce tif, bool reduceOnly, bool postOnly, bool expiry, string mentioned)
    {
        var o = new OrderSpec { Ticker = "T", Count = 1, Price = 0.5m, TimeInForce = tif, ReduceOnly = reduceOnly, PostOnly = postOnly,
            ExpirationTime = expiry ? DateTime.UtcNow.AddHours(1) : null };
        Assert.Contains(mentioned, Assert.Throws<OrderValidationException>(() => OrderValidation.CheckStatic(o, DateTime.UtcNow)).Message);
    }

    [Fact]
    public void Create_answer_becomes_a_result_in_the_users_side()
    {
        var o = new OrderSpec { Ticker = "T", Side = KalshiSide.No, Action = KalshiAction.Buy, Count = 10, Price = 0.30m, ClientOrderId = "c" };
        using var doc = JsonDocument.Parse(@"{""order_id"":""o1"",""client_order_id"":""c"",""fill_count"":""4.00"",""remaining_count"":""6.00"",""average_fill_price"":""0.7100"",""ts_ms"":1760000000000}");
        var r = OrderRequestWire.CreateResult(doc.RootElement, o);
        Assert.Equal(KalshiOrderStatus.Resting, r.Status);
        Assert.Equal(0.29m, r.AverageFillPrice);
        Assert.Equal(0.70m, r.YesPrice);
        Assert.Equal("Ask", r.BookSide);
        Assert.Equal(KalshiOrderStatus.Executed, OrderRequestWire.DeriveStatus(5, 5, 0, KalshiTimeInForce.ImmediateOrCancel));
        Assert.Equal(KalshiOrderStatus.Canceled, OrderRequestWire.DeriveStatus(5, 2, 0, KalshiTimeInForce.ImmediateOrCancel));
        Assert.Equal(KalshiOrderStatus.Canceled, OrderRequestWire.DeriveStatus(5, 0, 0, KalshiTimeInForce.FillOrKill));
    }

    [Fact]
    public void Order_time_in_force_is_pascal_case()
    {
        using var doc = JsonDocument.Parse(@"{""order_id"":""o"",""time_in_force"":""good_till_canceled"",""status"":""resting""}");
        var o = PortfolioWire.Order(doc.RootElement);
        Assert.Equal("GoodTillCanceled", o.TimeInForce);
        Assert.Equal("Resting", o.Status);
    }

    [Fact]
    public void Confirm_target_names_ticker_side_action_count_and_price()
    {
        var o = new OrderSpec { Ticker = "KX-1", Side = KalshiSide.Yes, Action = KalshiAction.Sell, Count = 10, Price = 0.45m };
        Assert.Equal("KX-1: Sell 10 Yes @ 0.45 (GoodTillCanceled)", o.Describe());
    }

    [Fact]
    public void Decrease_sends_exactly_one_of_reduce_by_and_reduce_to_and_amend_sends_the_total()
    {
        Assert.Equal(@"{""reduce_by"":""3.00"",""market_ticker"":""KX-1""}", OrderRequestWire.Decrease("KX-1", 3m, null));
        Assert.Equal(@"{""reduce_to"":""0.00"",""market_ticker"":""KX-1""}", OrderRequestWire.Decrease("KX-1", null, 0m));
        Assert.Equal(@"{""ticker"":""KX-1"",""side"":""ask"",""price"":""0.7500"",""count"":""12.00""}", OrderRequestWire.Amend("KX-1", "ask", 0.75m, 12m, null));
    }

    [Fact]
    public void A_found_order_is_only_the_same_order_when_ticker_book_side_price_and_count_agree()
    {
        var spec = new OrderSpec { Ticker = "KX-1", Side = KalshiSide.No, Action = KalshiAction.Buy, Count = 2, Price = 0.30m };
        KalshiOrder Found(string book, decimal yes, decimal count) => new KalshiOrder { Ticker = "KX-1", BookSide = book, YesPrice = yes, Count = count };
        Assert.Null(OrdersApi.Mismatch(Found("ask", 0.70m, 2m), spec));
        Assert.Contains("Yes price 0.71", OrdersApi.Mismatch(Found("ask", 0.71m, 2m), spec));
        Assert.Contains("count 3.00", OrdersApi.Mismatch(Found("ask", 0.70m, 3m), spec));
        Assert.Contains("book side Bid", OrdersApi.Mismatch(Found("bid", 0.70m, 2m), spec));
    }
}
