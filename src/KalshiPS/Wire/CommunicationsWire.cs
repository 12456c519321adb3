using System;
using System.Globalization;
using System.Text.Json;
using KalshiPS.Models;
using KalshiPS.Streaming;

namespace KalshiPS.Wire
{
    /// <summary>What New-KalshiRfq asks for (CreateRFQRequest): exactly one of Contracts and TargetCost.</summary>
    internal sealed class RfqSpec
    {
        public string Ticker { get; set; }
        public decimal? Contracts { get; set; }
        public decimal? TargetCost { get; set; }
        public bool TargetCostExcludesFees { get; set; }
        public bool RestRemainder { get; set; }
        public bool ReplaceExisting { get; set; }
        public int? Subaccount { get; set; }
    }

    /// <summary>What New-KalshiQuote asks for (CreateQuoteRequest).</summary>
    internal sealed class QuoteSpec
    {
        public string RfqId { get; set; }
        public decimal YesBid { get; set; }
        public decimal NoBid { get; set; }
        public bool RestRemainder { get; set; }
        public bool PostOnly { get; set; }
        public int? Subaccount { get; set; }
    }

    /// <summary>What New-KalshiBlockTrade proposes (ProposeBlockTradeRequest), in dollars and contracts.</summary>
    internal sealed class BlockTradeSpec
    {
        public string BuyerUserId { get; set; }
        public int? BuyerSubaccount { get; set; }
        public string SellerUserId { get; set; }
        public int? SellerSubaccount { get; set; }
        public string Ticker { get; set; }
        public decimal Price { get; set; }
        public decimal Count { get; set; }
        public KalshiSide MakerSide { get; set; }
        public DateTime Expiration { get; set; }
    }

    /// <summary>RFQs, quotes and block trade proposals (/communications/*): the only place that knows their JSON spelling.</summary>
    internal static class CommunicationsWire
    {
        /// <summary>Block trades speak centi-cents (1/10,000 dollar) and centicounts (1/100 contract).</summary>
        internal const decimal CentiCentsPerDollar = 10000m, CenticountsPerContract = 100m;

        public static KalshiRfq Rfq(ref Utf8JsonReader r)
        {
            var q = new KalshiRfq();
            while (r.NextProperty(out var f))
                switch (f)
                {
                    case "id": q.RfqId = r.Str(); break;
                    case "creator_id": q.CreatorId = MarketDataWire.NullIfEmpty(r.Str()); break;
                    case "market_ticker": q.Ticker = r.Str(); break;
                    case "contracts_fp": q.Contracts = r.Dec(); break;
                    case "target_cost_dollars": q.TargetCost = r.Dec(); break;
                    case "target_cost_excludes_fees": q.TargetCostExcludesFees = r.Bool(); break;
                    case "status": q.Status = r.Repeated(); break;
                    case "created_ts": q.CreatedTime = r.Time(); break;
                    case "updated_ts": q.UpdatedTime = r.Time(); break;
                    case "cancelled_ts": q.CancelledTime = r.Time(); break;
                    case "mve_collection_ticker": q.MveCollectionTicker = MarketDataWire.NullIfEmpty(r.Str()); break;
                    case "mve_selected_legs": q.MveSelectedLegs = r.Objects(Leg)?.ToArray(); break;
                    case "rest_remainder": q.RestRemainder = r.Bool(); break;
                    case "cancellation_reason": q.CancellationReason = MarketDataWire.NullIfEmpty(r.Str()); break;
                    case "creator_user_id": q.CreatorUserId = MarketDataWire.NullIfEmpty(r.Str()); break;
                    case "creator_subaccount": q.CreatorSubaccount = (int?)r.Long(); break;
                    default: r.Skip(); break;
                }
            return q;
        }

        private static KalshiRfqLeg Leg(ref Utf8JsonReader r)
        {
            var l = new KalshiRfqLeg();
            while (r.NextProperty(out var f))
                switch (f)
                {
                    case "event_ticker": l.EventTicker = r.Str(); break;
                    case "market_ticker": l.Ticker = r.Str(); break;
                    case "side": l.Side = r.Repeated(); break;
                    case "yes_settlement_value_dollars": l.YesSettlementValue = r.Dec(); break;
                    default: r.Skip(); break;
                }
            return l;
        }

        public static KalshiQuote Quote(ref Utf8JsonReader r)
        {
            var q = new KalshiQuote();
            while (r.NextProperty(out var f))
                switch (f)
                {
                    case "id": q.QuoteId = r.Str(); break;
                    case "rfq_id": q.RfqId = r.Str(); break;
                    case "creator_id": q.CreatorId = MarketDataWire.NullIfEmpty(r.Str()); break;
                    case "rfq_creator_id": q.RfqCreatorId = MarketDataWire.NullIfEmpty(r.Str()); break;
                    case "market_ticker": q.Ticker = r.Str(); break;
                    case "contracts_fp": q.Contracts = r.Dec(); break;
                    case "yes_bid_dollars": q.YesBid = r.Dec(); break;
                    case "no_bid_dollars": q.NoBid = r.Dec(); break;
                    case "created_ts": q.CreatedTime = r.Time(); break;
                    case "updated_ts": q.UpdatedTime = r.Time(); break;
                    case "status": q.Status = r.Repeated(); break;
                    case "accepted_side": q.AcceptedSide = MarketDataWire.NullIfEmpty(r.Repeated()); break;
                    case "accepted_ts": q.AcceptedTime = r.Time(); break;
                    case "confirmed_ts": q.ConfirmedTime = r.Time(); break;
                    case "executed_ts": q.ExecutedTime = r.Time(); break;
                    case "cancelled_ts": q.CancelledTime = r.Time(); break;
                    case "rest_remainder": q.RestRemainder = r.Bool(); break;
                    case "post_only": q.PostOnly = r.Bool(); break;
                    case "cancellation_reason": q.CancellationReason = MarketDataWire.NullIfEmpty(r.Str()); break;
                    case "creator_user_id": q.CreatorUserId = MarketDataWire.NullIfEmpty(r.Str()); break;
                    case "rfq_creator_user_id": q.RfqCreatorUserId = MarketDataWire.NullIfEmpty(r.Str()); break;
                    case "rfq_target_cost_dollars": q.RfqTargetCost = r.Dec(); break;
                    case "target_cost_excludes_fees": q.TargetCostExcludesFees = r.Bool(); break;
                    case "rfq_creator_order_id": q.RfqCreatorOrderId = MarketDataWire.NullIfEmpty(r.Str()); break;
                    case "creator_order_id": q.CreatorOrderId = MarketDataWire.NullIfEmpty(r.Str()); break;
                    case "creator_subaccount": q.CreatorSubaccount = (int?)r.Long(); break;
                    case "rfq_creator_subaccount": q.RfqCreatorSubaccount = (int?)r.Long(); break;
                    case "yes_contracts_fp": q.YesContracts = r.Dec(); break;
                    case "no_contracts_fp": q.NoContracts = r.Dec(); break;
                    default: r.Skip(); break;
                }
            return q;
        }

        public static KalshiBlockTrade BlockTrade(ref Utf8JsonReader r)
        {
            var b = new KalshiBlockTrade();
            while (r.NextProperty(out var f))
                switch (f)
                {
                    case "id": b.BlockTradeId = r.Str(); break;
                    case "proposer_user_id": b.ProposerUserId = MarketDataWire.NullIfEmpty(r.Str()); break;
                    case "buyer_user_id": b.BuyerUserId = MarketDataWire.NullIfEmpty(r.Str()); break;
                    case "buyer_subtrader_id": b.BuyerSubtraderId = MarketDataWire.NullIfEmpty(r.Str()); break;
                    case "seller_user_id": b.SellerUserId = MarketDataWire.NullIfEmpty(r.Str()); break;
                    case "seller_subtrader_id": b.SellerSubtraderId = MarketDataWire.NullIfEmpty(r.Str()); break;
                    case "market_ticker": b.Ticker = r.Str(); break;
                    case "price_centi_cents": b.Price = r.Dec() / CentiCentsPerDollar; break;
                    case "centicount": b.Count = r.Dec() / CenticountsPerContract; break;
                    case "maker_side": b.MakerSide = r.Repeated(); break;
                    case "expiration_ts": b.ExpirationTime = r.Time(); break;
                    case "status": b.Status = r.Repeated(); break;
                    case "created_ts": b.CreatedTime = r.Time(); break;
                    case "updated_ts": b.UpdatedTime = r.Time(); break;
                    case "buyer_accepted": b.BuyerAccepted = r.Bool(); break;
                    case "seller_accepted": b.SellerAccepted = r.Bool(); break;
                    case "buyer_accepted_ts": b.BuyerAcceptedTime = r.Time(); break;
                    case "seller_accepted_ts": b.SellerAcceptedTime = r.Time(); break;
                    case "executed_ts": b.ExecutedTime = r.Time(); break;
                    case "buyer_order_id": b.BuyerOrderId = MarketDataWire.NullIfEmpty(r.Str()); break;
                    case "seller_order_id": b.SellerOrderId = MarketDataWire.NullIfEmpty(r.Str()); break;
                    default: r.Skip(); break;
                }
            return b;
        }

        public static KalshiCommunicationsId CommunicationsId(ref Utf8JsonReader r)
        {
            var c = new KalshiCommunicationsId();
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return c; }
            while (r.NextProperty(out var f))
                if (f.SequenceEqual("communications_id".AsSpan())) c.CommunicationsId = r.Str(); else r.Skip();
            return c;
        }

        /// <summary>The new object's id of a create answer: {"id": ...} (RFQ, quote) or {"block_trade_proposal_id": ...}.</summary>
        public static string CreatedId(ref Utf8JsonReader r)
        {
            string id = null;
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return null; }
            while (r.NextProperty(out var f))
                switch (f)
                {
                    case "id": case "block_trade_proposal_id": id = id ?? MarketDataWire.NullIfEmpty(r.Str()); break;
                    default: r.Skip(); break;
                }
            return id;
        }

        // ------------------------------------------------------------------ request bodies

        public static string CreateRfq(RfqSpec s) => OrderRequestWire.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("market_ticker", s.Ticker);
            if (s.Contracts.HasValue) w.WriteString("contracts_fp", FixedPoint.Count(s.Contracts.Value));
            if (s.TargetCost.HasValue)
            {
                w.WriteString("target_cost_dollars", FixedPoint.Price(s.TargetCost.Value));
                if (s.TargetCostExcludesFees) w.WriteBoolean("target_cost_excludes_fees", true);
            }
            w.WriteBoolean("rest_remainder", s.RestRemainder);
            if (s.ReplaceExisting) w.WriteBoolean("replace_existing", true);
            if (s.Subaccount.HasValue) w.WriteNumber("subaccount", s.Subaccount.Value);
            w.WriteEndObject();
        });

        public static string CreateQuote(QuoteSpec s) => OrderRequestWire.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("rfq_id", s.RfqId);
            w.WriteString("yes_bid", FixedPoint.Price(s.YesBid));
            w.WriteString("no_bid", FixedPoint.Price(s.NoBid));
            w.WriteBoolean("rest_remainder", s.RestRemainder);
            if (s.PostOnly) w.WriteBoolean("post_only", true);
            if (s.Subaccount.HasValue) w.WriteNumber("subaccount", s.Subaccount.Value);
            w.WriteEndObject();
        });

        public static string AcceptQuote(KalshiSide side) => OrderRequestWire.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("accepted_side", Side(side));
            w.WriteEndObject();
        });

        /// <summary>The confirm endpoints take an empty object.</summary>
        public const string EmptyBody = "{}";

        public static string ProposeBlockTrade(BlockTradeSpec s) => OrderRequestWire.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("buyer_user_id", s.BuyerUserId);
            if (s.BuyerSubaccount.HasValue) w.WriteNumber("buyer_subaccount", s.BuyerSubaccount.Value);
            w.WriteString("seller_user_id", s.SellerUserId);
            if (s.SellerSubaccount.HasValue) w.WriteNumber("seller_subaccount", s.SellerSubaccount.Value);
            w.WriteString("market_ticker", s.Ticker);
            w.WriteNumber("price_centi_cents", Whole(s.Price * CentiCentsPerDollar, "price"));
            w.WriteNumber("centicount", Whole(s.Count * CenticountsPerContract, "count"));
            w.WriteString("maker_side", Side(s.MakerSide));
            w.WriteString("expiration_ts", s.Expiration.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        });

        public static string AcceptBlockTrade(int? subaccount) => OrderRequestWire.Write(w =>
        {
            w.WriteStartObject();
            if (subaccount.HasValue) w.WriteNumber("subaccount", subaccount.Value);
            w.WriteEndObject();
        });

        public static string Side(KalshiSide side) => side == KalshiSide.Yes ? "yes" : "no";

        public static string RfqStatus(KalshiRfqStatus s) => s == KalshiRfqStatus.Open ? "open" : "closed";

        public static string QuoteStatus(KalshiQuoteStatus s) => s.ToString().ToLowerInvariant();

        /// <summary>A price or count that the wire's integer units cannot carry exactly is refused, never rounded.</summary>
        private static long Whole(decimal units, string what)
        {
            if (units != decimal.Truncate(units))
                throw new ArgumentException($"The block trade {what} is finer than Kalshi's units (prices in 0.0001 dollars, counts in 0.01 contracts); nothing was sent.");
            return (long)units;
        }

        // ------------------------------------------------------------------ the communications channel

        /// <summary>rfq_created, rfq_deleted, quote_created, quote_accepted, quote_executed → one event object.</summary>
        public static KalshiRfqEvent Event(StreamMessage m)
        {
            var e = WireReader.Read(m.Msg, EventFields);
            e.EventType = m.Type;
            if (m.Type != null && m.Type.StartsWith("rfq_", StringComparison.Ordinal))
            {
                // On RFQ messages "id" is the RFQ's and "creator_id" its creator's.
                e.RfqId = e.RfqId ?? e.QuoteId;
                e.QuoteId = null;
                e.RfqCreatorId = e.RfqCreatorId ?? e.QuoteCreatorId;
                e.QuoteCreatorId = null;
            }
            e.Timestamp = e.Timestamp ?? m.ReceivedAt;
            return e;
        }

        private static KalshiRfqEvent EventFields(ref Utf8JsonReader r)
        {
            var e = new KalshiRfqEvent();
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return e; }
            while (r.NextProperty(out var f))
                switch (f)
                {
                    case "id": e.QuoteId = r.Str(); break; // moved to RfqId for rfq_* messages
                    case "quote_id": e.QuoteId = r.Str(); break;
                    case "rfq_id": e.RfqId = r.Str(); break;
                    case "creator_id": e.QuoteCreatorId = MarketDataWire.NullIfEmpty(r.Str()); break; // likewise
                    case "quote_creator_id": e.QuoteCreatorId = MarketDataWire.NullIfEmpty(r.Str()); break;
                    case "rfq_creator_id": e.RfqCreatorId = MarketDataWire.NullIfEmpty(r.Str()); break;
                    case "market_ticker": e.Ticker = r.Str(); break;
                    case "event_ticker": e.EventTicker = MarketDataWire.NullIfEmpty(r.Str()); break;
                    case "contracts_fp": e.Contracts = r.Dec(); break;
                    case "target_cost_dollars": case "rfq_target_cost_dollars": e.TargetCost = r.Dec(); break;
                    case "yes_bid_dollars": e.YesBid = r.Dec(); break;
                    case "no_bid_dollars": e.NoBid = r.Dec(); break;
                    case "yes_contracts_offered_fp": e.YesContractsOffered = r.Dec(); break;
                    case "no_contracts_offered_fp": e.NoContractsOffered = r.Dec(); break;
                    case "accepted_side": e.AcceptedSide = MarketDataWire.NullIfEmpty(r.Str()); break;
                    case "contracts_accepted_fp": e.ContractsAccepted = r.Dec(); break;
                    case "order_id": e.OrderId = MarketDataWire.NullIfEmpty(r.Str()); break;
                    case "client_order_id": e.ClientOrderId = MarketDataWire.NullIfEmpty(r.Str()); break;
                    case "created_ts": case "deleted_ts": case "executed_ts": e.Timestamp = r.Time() ?? e.Timestamp; break;
                    default: r.Skip(); break;
                }
            return e;
        }
    }
}
