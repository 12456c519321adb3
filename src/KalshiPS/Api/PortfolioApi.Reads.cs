using System.Collections.Generic;
using System.Text.Json;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Wire;

namespace KalshiPS.Api
{
    /// <summary>Filters of GET /portfolio/positions.</summary>
    internal sealed class PositionQuery
    {
        public string Ticker { get; set; }
        public string EventTicker { get; set; }
        /// <summary>Only rows where these are non-zero (position, total_traded); null = every row.</summary>
        public string CountFilter { get; set; }
        /// <summary>One account (0 primary, 1-63); null = Kalshi's default, the primary account.</summary>
        public int? Subaccount { get; set; }
    }

    /// <summary>Filters of GET /portfolio/settlements.</summary>
    internal sealed class SettlementQuery
    {
        public string Ticker { get; set; }
        public string EventTicker { get; set; }
        public long? MinTs { get; set; }
        public long? MaxTs { get; set; }
        /// <summary>One account (0 primary, 1-63); null = every account (Kalshi's default for settlements).</summary>
        public int? Subaccount { get; set; }
    }

    internal sealed partial class PortfolioApi
    {
        public Task<KalshiBalance> GetBalanceAsync(CancellationToken ct) => GetBalanceAsync(null, ct);

        /// <summary>The cash of one account (null = the primary account); the answer names no account, so it is stamped here.</summary>
        public Task<KalshiBalance> GetBalanceAsync(int? subaccount, CancellationToken ct) =>
            Http.SendAsync(new KalshiRequest("GET", "/portfolio/balance").With("subaccount", subaccount), (ref Utf8JsonReader r) =>
            {
                var b = PortfolioWire.Balance(ref r);
                b.Subaccount = subaccount ?? 0;
                return b;
            }, ct);

        /// <summary>Market rows (market_positions) of GET /portfolio/positions, all pages.</summary>
        public IAsyncEnumerable<Page<KalshiPosition>> ListPositions(PositionQuery q, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", "/portfolio/positions")
                    .With("limit", pageSize).With("ticker", q.Ticker).With("event_ticker", q.EventTicker).With("count_filter", q.CountFilter)
                    .With("subaccount", q.Subaccount),
                "market_positions", (ref Utf8JsonReader r) =>
                {
                    var p = PortfolioWire.Position(ref r);
                    if (!p.Subaccount.HasValue) p.Subaccount = q.Subaccount ?? 0; // REST rows name no account: the one asked for
                    return p;
                }, ct);

        /// <summary>Event rows, read from the same endpoint (its event_positions array).</summary>
        public IAsyncEnumerable<Page<KalshiEventPosition>> ListEventPositions(PositionQuery q, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", "/portfolio/positions")
                    .With("limit", pageSize).With("ticker", q.Ticker).With("event_ticker", q.EventTicker).With("count_filter", q.CountFilter)
                    .With("subaccount", q.Subaccount),
                "event_positions", PortfolioWire.EventPosition, ct);

        public IAsyncEnumerable<Page<KalshiSettlement>> ListSettlements(SettlementQuery q, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", "/portfolio/settlements")
                    .With("limit", pageSize).With("ticker", q.Ticker).With("event_ticker", q.EventTicker)
                    .With("min_ts", q.MinTs).With("max_ts", q.MaxTs).With("subaccount", q.Subaccount),
                "settlements", PortfolioWire.Settlement, ct);
    }
}
