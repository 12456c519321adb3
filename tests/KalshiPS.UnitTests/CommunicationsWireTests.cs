using System.Text;
using System.Text.Json;
using KalshiPS.Models;
using KalshiPS.Streaming;
using KalshiPS.Wire;

namespace KalshiPS.UnitTests;

/// <summary>RFQ, quote, block trade and API key shapes of kalshi-typescript 3.30.0, read by field name into decimals.</summary>
public class CommunicationsWireTests
{
    private static T Read<T>(string json, ReadValue<T> read)
    {
        var r = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        r.Read();
        return read(ref r);
    }

    [Fact]
    public void Rfq_reads_every_documented_field_and_ignores_unknown_ones()
    {
        var q = Read("""
            {"id":"0f8fad5b-d9cb-469f-a165-70867728950e","creator_id":"comm_1","market_ticker":"KXA-1","contracts_fp":"10.00",
             "target_cost_dollars":"12.5000","target_cost_excludes_fees":true,"status":"open","created_ts":"2026-11-24T12:00:00Z",
             "mve_collection_ticker":"KXMVE","mve_selected_legs":[{"event_ticker":"E","market_ticker":"M","side":"yes","yes_settlement_value_dollars":"1.0000"}],
             "rest_remainder":false,"creator_user_id":"u1","creator_subaccount":3,"updated_ts":"2026-11-24T12:01:00Z","future_field":{"x":[1,2]},
             "contracts":10,"target_cost_centi_cents":125000}
            """, CommunicationsWire.Rfq);
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", q.RfqId);
        Assert.Equal(10.00m, q.Contracts);
        Assert.Equal("10.00", q.Contracts!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(12.5m, q.TargetCost);
        Assert.Equal("Open", q.Status);
        Assert.Equal(new DateTime(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc), q.CreatedTime);
        Assert.Equal(3, q.CreatorSubaccount);
        var leg = Assert.Single(q.MveSelectedLegs!);
        Assert.Equal("Yes", leg.Side);
        Assert.Equal(1m, leg.YesSettlementValue);
    }

    [Fact]
    public void Quote_reads_prices_counts_states_and_order_ids()
    {
        var q = Read("""
            {"id":"q1","rfq_id":"r1","creator_id":"c","rfq_creator_id":"rc","market_ticker":"KXA-1","contracts_fp":"5.00",
             "yes_bid_dollars":"0.4100","no_bid_dollars":"0.553","created_ts":"2026-11-24T12:00:00Z","updated_ts":"2026-11-24T12:00:01Z",
             "status":"executed","accepted_side":"no","executed_ts":"2026-11-24T12:00:02Z","creator_order_id":"o1","rfq_creator_order_id":"o2",
             "yes_contracts_fp":"12.00","no_contracts_fp":"","rfq_target_cost_dollars":"5.0000","post_only":true}
            """, CommunicationsWire.Quote);
        Assert.Equal(0.4100m, q.YesBid);
        Assert.Equal(0.553m, q.NoBid);
        Assert.Equal("Executed", q.Status);
        Assert.Equal("No", q.AcceptedSide);
        Assert.Equal("o1", q.CreatorOrderId);
        Assert.Equal(12m, q.YesContracts);
        Assert.Null(q.NoContracts);
        Assert.True(q.PostOnly);
    }

    [Fact]
    public void Block_trade_converts_centi_cents_and_centicounts_exactly()
    {
        var b = Read("""
            {"id":"bt-1","proposer_user_id":"p","buyer_user_id":"","seller_user_id":"s","market_ticker":"KXA-1","price_centi_cents":4550,
             "centicount":725,"maker_side":"yes","expiration_ts":"2026-11-24T13:00:00Z","status":"pending","created_ts":"2026-11-24T12:00:00Z",
             "updated_ts":"2026-11-24T12:00:00Z","buyer_accepted":false,"seller_accepted":true}
            """, CommunicationsWire.BlockTrade);
        Assert.Equal(0.455m, b.Price);
        Assert.Equal(7.25m, b.Count);
        Assert.Null(b.BuyerUserId); // "empty when you are not the buyer"
        Assert.Equal("Yes", b.MakerSide);
        Assert.True(b.SellerAccepted);
    }

    [Fact]
    public void Block_trade_request_refuses_prices_finer_than_the_wire_unit()
    {
        var spec = new BlockTradeSpec { BuyerUserId = "b", SellerUserId = "s", Ticker = "T", Price = 0.45m, Count = 2.5m, MakerSide = KalshiSide.No, Expiration = new DateTime(2026, 11, 24, 13, 0, 0, DateTimeKind.Utc) };
        using var doc = JsonDocument.Parse(CommunicationsWire.ProposeBlockTrade(spec));
        Assert.Equal(4500, doc.RootElement.GetProperty("price_centi_cents").GetInt64());
        Assert.Equal(250, doc.RootElement.GetProperty("centicount").GetInt64());
        Assert.Equal("no", doc.RootElement.GetProperty("maker_side").GetString());
        Assert.Equal("2026-11-24T13:00:00Z", doc.RootElement.GetProperty("expiration_ts").GetString());
        spec.Price = 0.45005m;
        Assert.Throws<ArgumentException>(() => CommunicationsWire.ProposeBlockTrade(spec));
    }

    [Fact]
    public void Request_bodies_use_fixed_point_strings()
    {
        using var rfq = JsonDocument.Parse(CommunicationsWire.CreateRfq(new RfqSpec { Ticker = "T", Contracts = 10m }));
        Assert.Equal("10.00", rfq.RootElement.GetProperty("contracts_fp").GetString());
        Assert.False(rfq.RootElement.TryGetProperty("target_cost_dollars", out _));
        Assert.False(rfq.RootElement.GetProperty("rest_remainder").GetBoolean());
        using var quote = JsonDocument.Parse(CommunicationsWire.CreateQuote(new QuoteSpec { RfqId = "r", YesBid = 0.4m, NoBid = 0m }));
        Assert.Equal("0.4000", quote.RootElement.GetProperty("yes_bid").GetString());
        Assert.Equal("0.0000", quote.RootElement.GetProperty("no_bid").GetString());
        Assert.Equal("""{"accepted_side":"yes"}""", CommunicationsWire.AcceptQuote(KalshiSide.Yes));
    }

    [Theory]
    [InlineData("rfq_created", """{"id":"r1","creator_id":"","market_ticker":"M","event_ticker":"E","contracts_fp":"100.00","target_cost_dollars":"0.35","created_ts":"2024-12-01T10:00:00Z"}""")]
    [InlineData("quote_accepted", """{"quote_id":"q1","rfq_id":"r1","quote_creator_id":"c2","market_ticker":"M","event_ticker":"E","yes_bid_dollars":"0.35","no_bid_dollars":"0.65","accepted_side":"yes","contracts_accepted_fp":"50.00"}""")]
    [InlineData("quote_executed", """{"quote_id":"q1","rfq_id":"r1","quote_creator_id":"c2","rfq_creator_id":"c1","order_id":"o9","client_order_id":"my_1","market_ticker":"M","executed_ts":"2024-12-01T10:05:00Z"}""")]
    public void Communications_messages_become_one_event_shape(string type, string msg)
    {
        var m = new StreamMessage { Type = type, ReceivedAt = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc), Msg = JsonDocument.Parse(msg).RootElement.Clone() };
        var e = CommunicationsWire.Event(m);
        Assert.Equal("r1", e.RfqId);
        Assert.Equal("M", e.Ticker);
        switch (type)
        {
            case "rfq_created":
                Assert.Equal("RfqCreated", e.EventType);
                Assert.Null(e.QuoteId);
                Assert.Null(e.RfqCreatorId);
                Assert.Equal(100m, e.Contracts);
                Assert.Equal(new DateTime(2024, 12, 1, 10, 0, 0, DateTimeKind.Utc), e.Timestamp);
                break;
            case "quote_accepted":
                Assert.Equal("q1", e.QuoteId);
                Assert.Equal("Yes", e.AcceptedSide);
                Assert.Equal(50m, e.ContractsAccepted);
                Assert.Equal(m.ReceivedAt, e.Timestamp); // no time of its own
                break;
            default:
                Assert.Equal("o9", e.OrderId);
                Assert.Equal("my_1", e.ClientOrderId);
                Assert.Equal("c1", e.RfqCreatorId);
                break;
        }
    }

    [Fact]
    public void Api_keys_read_scopes_as_enum_names_and_keep_unknown_words()
    {
        var keys = Read("""
            {"api_keys":[{"api_key_id":"k1","name":"bot","scopes":["read","write::trade","read::something_new"],"subaccount":null},
                         {"api_key_id":"k2","name":"x","scopes":[],"subaccount":4,"fcm_subtrader_id":"u_1"}],
             "api_key_region_expiration_ts":1795000000}
            """, ApiKeysWire.Keys);
        Assert.Equal(new[] { "Read", "WriteTrade", "read::something_new" }, keys[0].Scopes);
        Assert.Null(keys[0].Subaccount);
        Assert.Equal(4, keys[1].Subaccount);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795000000).UtcDateTime, keys[1].RegionAttestationExpires);
        using var body = JsonDocument.Parse(ApiKeysWire.Create("n", null, new[] { KalshiApiKeyScope.Read, KalshiApiKeyScope.WriteBlockTradeAccept }, 2));
        Assert.Equal(new[] { "read", "write::block_trade_accept" }, body.RootElement.GetProperty("scopes").EnumerateArray().Select(x => x.GetString()));
        Assert.False(body.RootElement.TryGetProperty("public_key", out _));
    }

    [Fact]
    public void A_generated_key_answer_never_shows_the_private_key_in_text()
    {
        var g = Read("""{"api_key_id":"k1","private_key":"-----BEGIN RSA PRIVATE KEY-----\nMIIEsecret\n-----END RSA PRIVATE KEY-----\n"}""", ApiKeysWire.Created);
        Assert.Equal("k1", g.ApiKeyId);
        Assert.False(g.PrivateKey.IsEmpty);
        Assert.DoesNotContain("secret", g.ToString() + g.PrivateKey);
        Assert.False(g.PrivateKey.IsUsableRsaKey);
    }
}
