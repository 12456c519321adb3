using System.Collections.Generic;
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
    }

    /// <summary>Filters of GET /portfolio/settlements.</summary>
    internal sealed class SettlementQuery
    {
        public string Ticker { get; set; }
        public string EventTicker { get; set; }
        public long? MinTs { get; set; }
        public long? MaxTs { get; set; }
    }

    internal sealed partial class PortfolioApi
    {
        public Task<KalshiBalance> GetBalanceAsync(CancellationToken ct) =>
            Http.SendAsync(new KalshiRequest("GET", "/portfolio/balance"), PortfolioWire.Balance, ct);

        /// <summary>Market rows (market_positions) of GET /portfolio/positions, all pages.</summary>
        public IAsyncEnumerable<Page<KalshiPosition>> ListPositions(PositionQuery q, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", "/portfolio/positions")
                    .With("limit", pageSize).With("ticker", q.Ticker).With("event_ticker", q.EventTicker).With("count_filter", q.CountFilter),
                "market_positions", PortfolioWire.Position, ct);

        /// <summary>Event rows, read from the same endpoint (its event_positions array).</summary>
        public IAsyncEnumerable<Page<KalshiEventPosition>> ListEventPositions(PositionQuery q, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", "/portfolio/positions")
                    .With("limit", pageSize).With("ticker", q.Ticker).With("event_ticker", q.EventTicker).With("count_filter", q.CountFilter),
                "event_positions", PortfolioWire.EventPosition, ct);

        public IAsyncEnumerable<Page<KalshiSettlement>> ListSettlements(SettlementQuery q, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", "/portfolio/settlements")
                    .With("limit", pageSize).With("ticker", q.Ticker).With("event_ticker", q.EventTicker)
                    .With("min_ts", q.MinTs).With("max_ts", q.MaxTs),
                "settlements", PortfolioWire.Settlement, ct);
    }
}
