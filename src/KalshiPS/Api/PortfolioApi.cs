using System;
using System.Collections.Generic;
using System.Threading;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Session;
using KalshiPS.Wire;

namespace KalshiPS.Api
{
    /// <summary>Filters of GET /portfolio/fills.</summary>
    internal sealed class FillQuery
    {
        public string Ticker { get; set; }
        public string OrderId { get; set; }
        public long? MinTs { get; set; }
        public long? MaxTs { get; set; }
        /// <summary>One account (0 primary, 1-63); null = every account (Kalshi's default for fills).</summary>
        public int? Subaccount { get; set; }
    }

    /// <summary>Balance, positions, fills and settlements (all authenticated reads).</summary>
    internal sealed partial class PortfolioApi
    {
        private readonly KalshiSession _session;
        public PortfolioApi(KalshiSession session) { _session = session; }
        private KalshiHttpPipeline Http => _session.Http;

        public IAsyncEnumerable<Page<KalshiFill>> ListFills(FillQuery q, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", "/portfolio/fills")
                    .With("limit", pageSize).With("ticker", q.Ticker).With("order_id", q.OrderId)
                    .With("min_ts", q.MinTs).With("max_ts", q.MaxTs).With("subaccount", q.Subaccount),
                "fills", PortfolioWire.Fill, ct);
    }
}
