using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Wire;

namespace KalshiPS.Api
{
    // Money movements, the resting-order total, and queue positions.
    internal sealed partial class PortfolioApi
    {
        public IAsyncEnumerable<Page<KalshiDeposit>> ListDeposits(int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", "/portfolio/deposits").With("limit", pageSize), "deposits", MoneyWire.Deposit, ct);

        public IAsyncEnumerable<Page<KalshiWithdrawal>> ListWithdrawals(int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", "/portfolio/withdrawals").With("limit", pageSize), "withdrawals", MoneyWire.Withdrawal, ct);

        public Task<decimal?> GetRestingOrderValueAsync(CancellationToken ct) =>
            Http.SendAsync(new KalshiRequest("GET", "/portfolio/summary/total_resting_order_value"), MoneyWire.RestingOrderValue, ct);

        public Task<decimal?> GetQueuePositionAsync(string orderId, CancellationToken ct) =>
            Http.SendAsync(new KalshiRequest("GET", ApiPath.Of("/portfolio/orders/{0}/queue_position", SegmentKind.OrderId, orderId, "OrderId")), QueuePositionWire.Count, ct);

        /// <summary>Every resting order's place in line, optionally only on these markets and/or this event.</summary>
        public async Task<IReadOnlyList<KalshiQueuePosition>> ListQueuePositionsAsync(IReadOnlyList<string> marketTickers, string eventTicker, CancellationToken ct)
        {
            var request = new KalshiRequest("GET", "/portfolio/orders/queue_positions")
                .With("market_tickers", marketTickers != null && marketTickers.Count > 0 ? string.Join(",", marketTickers) : null)
                .With("event_ticker", eventTicker);
            return await Http.SendAsync(request, (ref Utf8JsonReader r) => r.Field("queue_positions", QueuePositionWire.Item), ct).ConfigureAwait(false)
                ?? new List<KalshiQueuePosition>();
        }
    }
}
