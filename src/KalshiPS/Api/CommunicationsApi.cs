using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Session;
using KalshiPS.Wire;

namespace KalshiPS.Api
{
    /// <summary>Filters of GET /communications/rfqs.</summary>
    internal sealed class RfqQuery
    {
        public string Ticker { get; set; }
        public string EventTicker { get; set; }
        public KalshiRfqStatus? Status { get; set; }
        public bool Mine { get; set; }
        public string CreatorUserId { get; set; }
        public int? Subaccount { get; set; }
    }

    /// <summary>Filters of GET /communications/quotes.</summary>
    internal sealed class QuoteQuery
    {
        public string RfqId { get; set; }
        public KalshiQuoteStatus? Status { get; set; }
        /// <summary>Only quotes you created (user_filter=self).</summary>
        public bool Mine { get; set; }
        /// <summary>Only quotes on RFQs you created (rfq_user_filter=self).</summary>
        public bool OnMyRfqs { get; set; }
        public string QuoteCreatorUserId { get; set; }
        public string RfqCreatorUserId { get; set; }
        public long? MinTs { get; set; }
        public long? MaxTs { get; set; }
    }

    /// <summary>
    /// RFQs, quotes and block trade proposals (/communications/*). Writes report true outcomes: an answer that may have
    /// been lost is settled from the exchange's state (<see cref="SingleWrite"/>). Creates are not repeated (Kalshi
    /// would make a second RFQ or quote); deletes are, since deleting twice changes nothing.
    /// </summary>
    internal sealed class CommunicationsApi
    {
        private const string Rfqs = "/communications/rfqs";
        private const string Quotes = "/communications/quotes";
        private const string BlockTrades = "/communications/block-trade-proposals";
        /// <summary>How far a found object's creation time may precede the create request (clock skew).</summary>
        private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);
        private readonly KalshiSession _session;
        public CommunicationsApi(KalshiSession session) { _session = session; }
        private KalshiHttpPipeline Http => _session.Http;
        private DateTime Now => _session.Time.GetUtcNow().UtcDateTime;

        public Task<KalshiCommunicationsId> GetCommunicationsIdAsync(CancellationToken ct) =>
            Http.SendAsync(new KalshiRequest("GET", "/communications/id"), CommunicationsWire.CommunicationsId, ct);

        // ------------------------------------------------------------------ RFQs

        public IAsyncEnumerable<Page<KalshiRfq>> ListRfqs(RfqQuery q, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", Rfqs)
                    .With("limit", Math.Min(pageSize, 100)).With("market_ticker", q.Ticker).With("event_ticker", q.EventTicker)
                    .With("status", q.Status.HasValue ? CommunicationsWire.RfqStatus(q.Status.Value) : null)
                    .With("creator_user_id", q.CreatorUserId).With("user_filter", q.Mine ? "self" : null).With("subaccount", q.Subaccount),
                "rfqs", CommunicationsWire.Rfq, ct);

        public Task<KalshiRfq> GetRfqAsync(string rfqId, CancellationToken ct) =>
            Http.SendAsync(new KalshiRequest("GET", ApiPath.Of(Rfqs + "/{0}", SegmentKind.RfqId, rfqId, "RfqId")), (ref Utf8JsonReader r) => r.Wrapped("rfq", CommunicationsWire.Rfq), ct);

        /// <summary>POST /communications/rfqs; an unclear answer is settled by looking for your new open RFQ on the market.</summary>
        public async Task<string> CreateRfqAsync(RfqSpec spec, CancellationToken ct)
        {
            var started = Now;
            var request = new KalshiRequest("POST", Rfqs) { JsonBody = CommunicationsWire.CreateRfq(spec) };
            return await SingleWrite.SendAsync(_session, request, CommunicationsWire.CreatedId,
                new WriteSubject("created", $"an RFQ on {spec.Ticker}", $"Get-KalshiRfq -Mine -Ticker {spec.Ticker} -Status Open"),
                async c =>
                {
                    var found = new List<KalshiRfq>();
                    await foreach (var page in ListRfqs(new RfqQuery { Ticker = spec.Ticker, Mine = true, Status = KalshiRfqStatus.Open }, 100, c).ConfigureAwait(false))
                        found.AddRange(page.Items.Where(x => (x.CreatedTime ?? DateTime.MinValue) >= started - Skew
                            && x.Contracts == spec.Contracts && x.TargetCost == spec.TargetCost));
                    if (found.Count == 1) return WriteCheck<string>.Happened(found[0].RfqId);
                    if (found.Count == 0) return WriteCheck<string>.DidNotHappen($"you have no new open RFQ on {spec.Ticker}");
                    return WriteCheck<string>.CannotTell();
                }, ct).ConfigureAwait(false);
        }

        /// <summary>DELETE /communications/rfqs/{id}; settled by reading the RFQ (closed means deleted).</summary>
        public Task<bool> DeleteRfqAsync(string rfqId, CancellationToken ct)
        {
            var request = new KalshiRequest("DELETE", ApiPath.Of(Rfqs + "/{0}", SegmentKind.RfqId, rfqId, "RfqId")) { RetrySafe = true };
            return SingleWrite.SendAsync(_session, request, SingleWrite.Ignore, new WriteSubject("deleted", "RFQ " + rfqId, "Get-KalshiRfq -RfqId " + rfqId, rfqId),
                async c => Closed(await ReadOrNullAsync(GetRfqAsync(rfqId, c)).ConfigureAwait(false), rfqId), ct);
        }

        private static WriteCheck<bool> Closed(KalshiRfq rfq, string rfqId) =>
            rfq == null || rfq.Status == "Closed" ? WriteCheck<bool>.Happened(true) : WriteCheck<bool>.DidNotHappen($"RFQ {rfqId} is {rfq.Status}");

        // ------------------------------------------------------------------ quotes

        public IAsyncEnumerable<Page<KalshiQuote>> ListQuotes(QuoteQuery q, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", Quotes)
                    .With("limit", Math.Min(pageSize, 500)).With("rfq_id", q.RfqId)
                    .With("status", q.Status.HasValue ? CommunicationsWire.QuoteStatus(q.Status.Value) : null)
                    .With("user_filter", q.Mine ? "self" : null).With("rfq_user_filter", q.OnMyRfqs ? "self" : null)
                    .With("quote_creator_user_id", q.QuoteCreatorUserId).With("rfq_creator_user_id", q.RfqCreatorUserId)
                    .With("min_ts", q.MinTs).With("max_ts", q.MaxTs),
                "quotes", CommunicationsWire.Quote, ct);

        /// <summary>GET of one quote: the RFQ-scoped path when the RFQ is known, else the deprecated flat one.</summary>
        public Task<KalshiQuote> GetQuoteAsync(string rfqId, string quoteId, CancellationToken ct) =>
            Http.SendAsync(new KalshiRequest("GET", QuotePath(rfqId, quoteId)), (ref Utf8JsonReader r) => r.Wrapped("quote", CommunicationsWire.Quote), ct);

        /// <summary>POST /communications/quotes; settled by looking for your new quote on the RFQ.</summary>
        public async Task<string> CreateQuoteAsync(QuoteSpec spec, CancellationToken ct)
        {
            var started = Now;
            var request = new KalshiRequest("POST", Quotes) { JsonBody = CommunicationsWire.CreateQuote(spec) };
            return await SingleWrite.SendAsync(_session, request, CommunicationsWire.CreatedId,
                new WriteSubject("created", "a quote on RFQ " + spec.RfqId, $"Get-KalshiQuote -RfqId {spec.RfqId} -Mine"),
                async c =>
                {
                    var found = new List<KalshiQuote>();
                    await foreach (var page in ListQuotes(new QuoteQuery { RfqId = spec.RfqId, Mine = true }, 500, c).ConfigureAwait(false))
                        found.AddRange(page.Items.Where(x => (x.CreatedTime ?? DateTime.MinValue) >= started - Skew && x.YesBid == spec.YesBid && x.NoBid == spec.NoBid));
                    if (found.Count == 1) return WriteCheck<string>.Happened(found[0].QuoteId);
                    if (found.Count == 0) return WriteCheck<string>.DidNotHappen("you have no new quote on RFQ " + spec.RfqId);
                    return WriteCheck<string>.CannotTell();
                }, ct).ConfigureAwait(false);
        }

        public Task<bool> DeleteQuoteAsync(string rfqId, string quoteId, CancellationToken ct)
        {
            var request = new KalshiRequest("DELETE", QuotePath(rfqId, quoteId)) { RetrySafe = true };
            return SingleWrite.SendAsync(_session, request, SingleWrite.Ignore, QuoteSubject("deleted", rfqId, quoteId),
                async c =>
                {
                    var q = await ReadOrNullAsync(GetQuoteAsync(rfqId, quoteId, c)).ConfigureAwait(false);
                    return q == null || q.Status == "Cancelled" ? WriteCheck<bool>.Happened(true) : WriteCheck<bool>.DidNotHappen($"quote {quoteId} is {q.Status}");
                }, ct);
        }

        /// <summary>PUT .../accept (by the RFQ's creator); settled by reading the quote.</summary>
        public Task<bool> AcceptQuoteAsync(string rfqId, string quoteId, KalshiSide side, CancellationToken ct)
        {
            var request = new KalshiRequest("PUT", QuotePath(rfqId, quoteId) + "/accept") { JsonBody = CommunicationsWire.AcceptQuote(side) };
            return SingleWrite.SendAsync(_session, request, SingleWrite.Ignore, QuoteSubject("accepted", rfqId, quoteId),
                async c =>
                {
                    var q = await GetQuoteAsync(rfqId, quoteId, c).ConfigureAwait(false);
                    if (q?.AcceptedSide == side.ToString() && q.Status != "Open" && q.Status != "Cancelled") return WriteCheck<bool>.Happened(true);
                    return q == null || q.Status == "Open" || q.Status == "Cancelled" ? WriteCheck<bool>.DidNotHappen($"quote {quoteId} is {q?.Status ?? "gone"}") : WriteCheck<bool>.CannotTell();
                }, ct);
        }

        /// <summary>PUT .../confirm (by the quoter); settled by reading the quote.</summary>
        public Task<bool> ConfirmQuoteAsync(string rfqId, string quoteId, CancellationToken ct)
        {
            var request = new KalshiRequest("PUT", QuotePath(rfqId, quoteId) + "/confirm") { JsonBody = CommunicationsWire.EmptyBody };
            return SingleWrite.SendAsync(_session, request, SingleWrite.Ignore, QuoteSubject("confirmed", rfqId, quoteId),
                async c =>
                {
                    var q = await GetQuoteAsync(rfqId, quoteId, c).ConfigureAwait(false);
                    if (q?.Status == "Confirmed" || q?.Status == "Executed") return WriteCheck<bool>.Happened(true);
                    return WriteCheck<bool>.DidNotHappen($"quote {quoteId} is {q?.Status ?? "gone"}");
                }, ct);
        }

        private static string QuotePath(string rfqId, string quoteId) => rfqId == null
            ? ApiPath.Of(Quotes + "/{0}", Segment.Parse(SegmentKind.QuoteId, quoteId, "QuoteId"))
            : ApiPath.Of(Rfqs + "/{0}/quotes/{1}", Segment.Parse(SegmentKind.RfqId, rfqId, "RfqId"), Segment.Parse(SegmentKind.QuoteId, quoteId, "QuoteId"));

        private static WriteSubject QuoteSubject(string done, string rfqId, string quoteId) =>
            new WriteSubject(done, "quote " + quoteId, "Get-KalshiQuote -QuoteId " + quoteId + (rfqId != null ? " -RfqId " + rfqId : ""), quoteId);

        // ------------------------------------------------------------------ block trades

        public IAsyncEnumerable<Page<KalshiBlockTrade>> ListBlockTrades(string ticker, string status, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", BlockTrades)
                    .With("limit", Math.Min(pageSize, 100)).With("market_ticker", ticker).With("status", status),
                "block_trade_proposals", CommunicationsWire.BlockTrade, ct);

        private async Task<KalshiBlockTrade> FindBlockTradeAsync(string id, string ticker, CancellationToken ct)
        {
            await foreach (var page in ListBlockTrades(ticker, null, 100, ct).ConfigureAwait(false))
                foreach (var b in page.Items) if (b.BlockTradeId == id) return b;
            return null;
        }

        /// <summary>POST /communications/block-trade-proposals; settled by looking for a matching new proposal.</summary>
        public async Task<string> ProposeBlockTradeAsync(BlockTradeSpec spec, CancellationToken ct)
        {
            var started = Now;
            var request = new KalshiRequest("POST", BlockTrades) { JsonBody = CommunicationsWire.ProposeBlockTrade(spec) };
            return await SingleWrite.SendAsync(_session, request, CommunicationsWire.CreatedId,
                new WriteSubject("proposed", "a block trade on " + spec.Ticker, "Get-KalshiBlockTrade -Ticker " + spec.Ticker),
                async c =>
                {
                    var found = new List<KalshiBlockTrade>();
                    await foreach (var page in ListBlockTrades(spec.Ticker, null, 100, c).ConfigureAwait(false))
                        found.AddRange(page.Items.Where(b => (b.CreatedTime ?? DateTime.MinValue) >= started - Skew && b.Price == spec.Price && b.Count == spec.Count));
                    if (found.Count == 1) return WriteCheck<string>.Happened(found[0].BlockTradeId);
                    if (found.Count == 0) return WriteCheck<string>.DidNotHappen("no new block trade proposal exists on " + spec.Ticker);
                    return WriteCheck<string>.CannotTell();
                }, ct).ConfigureAwait(false);
        }

        /// <summary>POST .../{id}/accept; settled from the listing (your side accepted, or executed).</summary>
        public Task<bool> AcceptBlockTradeAsync(string id, string ticker, int? subaccount, CancellationToken ct)
        {
            var request = new KalshiRequest("POST", ApiPath.Of(BlockTrades + "/{0}/accept", SegmentKind.BlockTradeId, id, "BlockTradeId"))
            {
                JsonBody = CommunicationsWire.AcceptBlockTrade(subaccount),
            };
            return SingleWrite.SendAsync(_session, request, SingleWrite.Ignore,
                new WriteSubject("accepted", "block trade proposal " + id, "Get-KalshiBlockTrade" + (ticker != null ? " -Ticker " + ticker : ""), id),
                async c =>
                {
                    var b = await FindBlockTradeAsync(id, ticker, c).ConfigureAwait(false);
                    if (b == null) return WriteCheck<bool>.CannotTell();
                    bool mine = (b.BuyerUserId != null && b.BuyerAccepted == true) || (b.SellerUserId != null && b.SellerAccepted == true) || b.Status == "Executed";
                    return mine ? WriteCheck<bool>.Happened(true) : WriteCheck<bool>.DidNotHappen($"block trade proposal {id} is {b.Status} and not accepted by you");
                }, ct);
        }

        public Task<KalshiBlockTrade> GetBlockTradeAsync(string id, string ticker, CancellationToken ct) => FindBlockTradeAsync(id, ticker, ct);

        /// <summary>The object, or null when the exchange says it does not exist.</summary>
        private static async Task<T> ReadOrNullAsync<T>(Task<T> read) where T : class
        {
            try { return await read.ConfigureAwait(false); }
            catch (KalshiApiException e) when (e.Kind == KalshiErrorKind.NotFound) { return null; }
        }
    }
}
