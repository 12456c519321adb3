using System.Text;
using KalshiPS.Fix;

namespace KalshiPS.UnitTests;

/// <summary>The typed application messages both ends use: exact values, Kalshi's documented examples, clear errors.</summary>
public class FixApplicationMessageTests
{
    // Body fields of a piped message (header fields the session writes are dropped), as the decoder hands them over.
    private static FixMessage Body(string piped)
    {
        var fields = piped.Trim('|').Split('|').Select(p => p.Split('=', 2)).Select(kv => (Tag: int.Parse(kv[0]), Value: kv[1]))
            .Where(f => f.Tag is not (8 or 9 or 10 or 34 or 49 or 52 or 56)).ToList();
        var m = new FixMessage(fields.First(f => f.Tag == 35).Value);
        foreach (var f in fields.Where(f => f.Tag != 35)) m.Add(f.Tag, f.Value);
        return m;
    }

    // Through the real encoder and frame reader, so field order, BodyLength and CheckSum are exercised too.
    private static FixMessage Wire(FixMessage m)
    {
        m.Add(FixTags.SenderCompID, "a").Add(FixTags.TargetCompID, "b").Add(FixTags.MsgSeqNum, 1).Add(FixTags.SendingTime, "20260101-00:00:00.000");
        var bytes = FixEncoding.Encode(m);
        var r = new FixFrameReader();
        r.Append(bytes, 0, bytes.Length);
        return r.TryRead()!;
    }

    [Fact]
    public void The_order_entry_pages_example_NewOrderSingle_parses()
    {
        var m = Body("8=FIXT.1.1|9=200|35=D|34=5|52=20230809-12:34:56.789|49=your-api-key|56=KalshiNR|11=550e8400-e29b-41d4-a716-446655440000|38=10|40=2|54=1|55=HIGHNY-23DEC31|44=75|59=1|10=123|");
        Assert.True(FixNewOrderSingle.TryParse(m, out var o, out var error), error);
        Assert.Equal("550e8400-e29b-41d4-a716-446655440000", o.ClOrdId);
        Assert.Equal("HIGHNY-23DEC31", o.Symbol);
        Assert.Equal(FixSide.Buy, o.Side);
        Assert.Equal(10m, o.Quantity);
        Assert.Equal(75, o.PriceCents);
        Assert.Equal(FixTimeInForce.GoodTillCancel, o.TimeInForce);
        Assert.False(o.PostOnly);
    }

    [Fact]
    public void NewOrderSingle_round_trips_every_optional_field()
    {
        var sent = new FixNewOrderSingle
        {
            ClOrdId = "c-1", Symbol = "KXA-1", Side = FixSide.Sell, Quantity = 2.5m, PriceCents = 44, TimeInForce = FixTimeInForce.GoodTillDate,
            ExpireTime = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero), PostOnly = true, Subaccount = 3, OrderGroupId = "g-1",
            SelfTradePrevention = 2, CancelOrderOnPause = true, MaxExecutionCost = 12.34m,
        };
        var m = Wire(sent.ToMessage());
        Assert.Equal("2.50", m.Get(38));
        Assert.True(FixNewOrderSingle.TryParse(m, out var got, out var error), error);
        Assert.Equal(sent.ClOrdId, got.ClOrdId);
        Assert.Equal(2.5m, got.Quantity);
        Assert.Equal(FixSide.Sell, got.Side);
        Assert.Equal(sent.ExpireTime, got.ExpireTime);
        Assert.True(got.PostOnly);
        Assert.Equal(3, got.Subaccount);
        Assert.Equal("g-1", got.OrderGroupId);
        Assert.Equal(2, got.SelfTradePrevention);
        Assert.True(got.CancelOrderOnPause);
        Assert.Equal(12.34m, got.MaxExecutionCost);
    }

    [Theory]
    [InlineData("11=a|38=1|40=1|54=1|55=T|44=50|", "Only limit orders")]
    [InlineData("11=a|38=1|40=2|54=1|55=T|44=100|", "1 to 99")]
    [InlineData("11=a|38=1|40=2|54=3|55=T|44=50|", "Tag 54")]
    [InlineData("11=a|38=1e3|40=2|54=1|55=T|44=50|", "Tag 38")]
    [InlineData("11=a|38=1|40=2|54=1|44=50|", "Required tag 55")]
    [InlineData("11=a|38=1|40=2|54=1|55=T|44=50|59=6|", "ExpireTime (126)")]
    [InlineData("11=a|38=0|40=2|54=1|55=T|44=50|", "must be positive")]
    public void A_bad_NewOrderSingle_is_refused_with_the_reason(string body, string expected)
    {
        Assert.False(FixNewOrderSingle.TryParse(Body("35=D|" + body), out _, out var error));
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData("550e8400-e29b-41d4-a716-446655440000", true)]
    [InlineData("a:b+c=d/e_f", true)]
    [InlineData("has space", false)]
    [InlineData("semi;colon", false)]
    [InlineData("", false)]
    public void ClOrdId_rules_follow_the_order_entry_page(string id, bool ok)
    {
        Assert.Equal(ok, FixClOrdId.Problem(id) == null);
        Assert.NotNull(FixClOrdId.Problem(new string('x', 65)));
    }

    [Fact]
    public void ExecutionReport_round_trips_with_exact_decimals()
    {
        var sent = new FixExecutionReport
        {
            OrderId = "o-1", ClOrdId = "c-2", OrigClOrdId = "c-1", ExecId = "17;3", ExecType = FixExecType.Trade, OrdStatus = FixOrdStatus.PartiallyFilled,
            Symbol = "KXA-1", Side = FixSide.Buy, OrderQty = 10m, CumQty = 4m, LeavesQty = 6m, PriceCents = 56m, AvgPxCents = 55.5m,
            LastPxCents = 55m, LastQty = 2m, TimeInForce = FixTimeInForce.GoodTillCancel, Subaccount = 1, Text = "fill",
            TransactTime = new DateTimeOffset(2026, 12, 2, 1, 2, 3, 456, TimeSpan.Zero),
        };
        Assert.True(FixExecutionReport.TryParse(Wire(sent.ToMessage()), out var got, out var error), error);
        Assert.Equal("17;3", got.ExecId);
        Assert.Equal(FixExecType.Trade, got.ExecType);
        Assert.Equal(FixOrdStatus.PartiallyFilled, got.OrdStatus);
        Assert.Equal(55.5m, got.AvgPxCents);
        Assert.Equal(6m, got.LeavesQty);
        Assert.Equal(2m, got.LastQty);
        Assert.Equal("c-1", got.OrigClOrdId);
        Assert.Equal(sent.TransactTime, got.TransactTime);
        Assert.Equal(1, got.Subaccount);
    }

    [Fact]
    public void Cancel_and_replace_requests_and_their_reject_round_trip()
    {
        var cancel = new FixOrderCancelRequest { ClOrdId = "c-2", OrigClOrdId = "c-1", OrderId = "o-1", Symbol = "KXA-1", Side = FixSide.Buy };
        Assert.True(FixOrderCancelRequest.TryParse(Wire(cancel.ToMessage()), out var c, out var e1), e1);
        Assert.Equal(("c-2", "c-1", "o-1"), (c.ClOrdId, c.OrigClOrdId, c.OrderId));

        var replace = new FixOrderCancelReplaceRequest { ClOrdId = "c-3", OrigClOrdId = "c-1", Symbol = "KXA-1", Side = FixSide.Sell, Quantity = 5m, PriceCents = 61 };
        Assert.True(FixOrderCancelReplaceRequest.TryParse(Wire(replace.ToMessage()), out var r, out var e2), e2);
        Assert.Equal((5m, 61), (r.Quantity, r.PriceCents));

        var reject = new FixOrderCancelReject { ClOrdId = "c-3", OrigClOrdId = "c-1", OrdStatus = FixOrdStatus.Canceled, ForReplace = true, Reason = 0, Text = "too late" };
        Assert.True(FixOrderCancelReject.TryParse(Wire(reject.ToMessage()), out var j, out var e3), e3);
        Assert.True(j.ForReplace);
        Assert.Null(j.OrderId);
        Assert.Equal("too late", j.Text);

        Assert.False(FixOrderCancelRequest.TryParse(Body("35=F|11=x|55=T|54=1|"), out _, out var e4));
        Assert.Contains("OrigClOrdID (41) or OrderID (37)", e4);
    }

    [Fact]
    public void Drop_copy_messages_and_ExecId_order()
    {
        var m = Body("8=FIXT.1.1|35=U1|21001=12345;67890|21002=12350;67895|");
        Assert.True(FixEventResendRequest.TryParse(m, out var req, out var error), error);
        Assert.Equal(("12345;67890", "12350;67895"), (req.BeginExecId, req.EndExecId));
        Assert.True(FixExecId.Compare("9;5", "10;1") < 0);
        Assert.True(FixExecId.Compare("10;2", "10;1") > 0);
        Assert.False(FixEventResendRequest.TryParse(Body("35=U1|21001=abc|"), out _, out var bad));
        Assert.Contains("21001", bad);

        Assert.True(FixEventResendComplete.TryParse(Wire(new FixEventResendComplete { RefSeqNum = 4, ResentEventCount = 7 }.ToMessage()), out var done, out _));
        Assert.Equal((4L, 7), (done.RefSeqNum, done.ResentEventCount));
        Assert.True(FixEventResendReject.TryParse(Wire(new FixEventResendReject { RefSeqNum = 4, Reason = FixEventResendRejectReason.BeginOutsideWindow }.ToMessage()), out var rej, out _));
        Assert.Contains("3-hour window", rej.Describe());
    }

    [Fact]
    public void The_market_data_pages_examples_parse_with_dollar_prices()
    {
        var sub = Body("8=FIXT.1.1|35=V|49=your-api-key|56=KalshiMD|263=1|146=1|55=KXNBAGAME-26MAY25NYKCLE-NYK|");
        Assert.True(FixMarketDataRequest.TryParse(sub, out var req, out var e1), e1);
        Assert.Equal(FixSubscriptionType.SnapshotAndUpdates, req.Type);
        Assert.Equal(new[] { "KXNBAGAME-26MAY25NYKCLE-NYK" }, req.Symbols);
        Assert.True(FixMarketDataRequest.TryParse(Body("35=V|263=2|"), out var all, out _));
        Assert.Empty(all.Symbols);

        var snap = Body("8=FIXT.1.1|35=W|49=KalshiMD|56=your-api-key|55=KXNBAGAME-26MAY25NYKCLE-NYK|268=2|269=0|270=0.3500|271=10.00|269=1|270=0.6500|271=5.00|");
        Assert.True(FixMarketDataSnapshot.TryParse(snap, out var s, out var e2), e2);
        Assert.Equal(2, s.Entries.Count);
        Assert.Equal((FixMdEntryType.Bid, 0.35m, 10m), (s.Entries[0].Type, s.Entries[0].PriceDollars, s.Entries[0].Size));
        Assert.Equal((FixMdEntryType.Offer, 0.65m, 5m), (s.Entries[1].Type, s.Entries[1].PriceDollars, s.Entries[1].Size));
        Assert.Equal("0.3500", s.ToMessage().Groups(268, 269, 270, 271)[0][1].Value);

        var inc = new FixMarketDataIncremental
        {
            Entries =
            {
                new FixMdEntry { Action = FixMdUpdateAction.Change, Symbol = "KXA-1", Type = FixMdEntryType.Bid, PriceDollars = 0.4m, Size = 3m },
                new FixMdEntry { Action = FixMdUpdateAction.Delete, Symbol = "KXB-1", Type = FixMdEntryType.Offer, PriceDollars = 0.61m, Size = 0m },
            },
        };
        Assert.True(FixMarketDataIncremental.TryParse(Wire(inc.ToMessage()), out var x, out var e3), e3);
        Assert.Equal(("KXB-1", FixMdUpdateAction.Delete, 0.61m), (x.Entries[1].Symbol, x.Entries[1].Action, x.Entries[1].PriceDollars));

        Assert.False(FixMarketDataSnapshot.TryParse(Body("35=W|55=T|268=2|269=0|270=0.35|271=1|"), out _, out var e4));
        Assert.Contains("268", e4);
    }

    [Fact]
    public void Values_are_read_exactly_and_never_through_double()
    {
        Assert.True(FixValues.TryDecimal("0.1000000000000000000000000001", out var tiny));
        Assert.Equal(0.1000000000000000000000000001m, tiny);
        Assert.False(FixValues.TryDecimal("1e2", out _));
        Assert.False(FixValues.TryDecimal("1,000", out _));
        Assert.False(FixValues.TryDecimal(".5", out _));
        Assert.Equal("10", FixValues.Quantity(10.00m));
        Assert.Equal("0.5600", FixValues.Dollars(0.56m));
        Assert.Equal("0.123456", FixValues.Dollars(0.123456m)); // a sub-penny price is written as it is, not rounded
        Assert.Equal("2.505", FixValues.Quantity(2.505m));
    }
}
