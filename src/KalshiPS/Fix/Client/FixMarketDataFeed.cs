using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace KalshiPS.Fix.Client
{
    /// <summary>
    /// A market-data subscription on a KalshiMD connection, for Watch-KalshiOrderbook -Via Fix: the inbound snapshots
    /// (W), incrementals (X) and request rejects (Y) about the given tickers, in a bounded queue of their own. Created by
    /// <see cref="SubscribeAsync"/>, which registers the queue before sending the MarketDataRequest (263=1) so the first
    /// snapshot is never missed. A delivery with DroppedBefore &gt; 0 means this reader fell behind and lost messages:
    /// its books are stale until a new snapshot (<see cref="ResnapshotAsync"/>). Dispose unsubscribes (263=2) and stops.
    /// </summary>
    internal sealed class FixMarketDataFeed : IDisposable
    {
        private readonly KalshiFixConnection _connection;
        private readonly FixSubscription _subscription;
        private int _disposed;

        private FixMarketDataFeed(KalshiFixConnection connection, FixSubscription subscription, IReadOnlyList<string> symbols)
        {
            _connection = connection;
            _subscription = subscription;
            Symbols = symbols;
        }

        public IReadOnlyList<string> Symbols { get; }
        public FixSubscription Subscription => _subscription;
        public KalshiFixConnection Connection => _connection;

        /// <summary>True for the message types this feed delivers when they concern one of <paramref name="symbols"/>.</summary>
        public static Func<FixMessage, bool> Filter(IEnumerable<string> symbols)
        {
            var wanted = new HashSet<string>(symbols, StringComparer.OrdinalIgnoreCase);
            return m =>
            {
                switch (m.MsgType)
                {
                    case FixAppMsgTypes.MarketDataSnapshotFullRefresh:
                    case FixAppMsgTypes.MarketDataIncrementalRefresh:
                        foreach (var f in m.Fields) if (f.Tag == FixAppTags.Symbol && wanted.Contains(f.Value)) return true;
                        return false;
                    case FixAppMsgTypes.MarketDataRequestReject:
                        return true; // rejects may not name the symbol; the reader matches MDReqID/Text
                    default:
                        return false;
                }
            };
        }

        /// <summary>Subscribes to snapshots plus updates of <paramref name="symbols"/> (Kalshi tickers, as given).</summary>
        public static async Task<FixMarketDataFeed> SubscribeAsync(KalshiFixConnection marketData, IReadOnlyList<string> symbols, CancellationToken ct,
            int capacity = KalshiFixConnection.DefaultSubscriptionCapacity)
        {
            if (marketData == null) throw new ArgumentNullException(nameof(marketData));
            if (symbols == null || symbols.Count == 0) throw new ArgumentException("At least one ticker is required.", nameof(symbols));
            var list = symbols.ToList();
            var subscription = marketData.Subscribe(Filter(list), capacity);
            try
            {
                await marketData.SendAsync(Request(FixSubscriptionType.SnapshotAndUpdates, list), ct).ConfigureAwait(false);
                return new FixMarketDataFeed(marketData, subscription, list);
            }
            catch
            {
                subscription.Dispose();
                throw;
            }
        }

        /// <summary>The next message (or the end); see <see cref="FixDelivery.DroppedBefore"/>.</summary>
        public Task<FixDelivery> TakeAsync(CancellationToken ct) => _subscription.TakeAsync(ct);

        /// <summary>Asks for fresh snapshots of <paramref name="symbols"/> (263=0), e.g. after a drop.</summary>
        public Task ResnapshotAsync(IReadOnlyList<string> symbols, CancellationToken ct) =>
            _connection.SendAsync(Request(FixSubscriptionType.Snapshot, symbols), ct);

        private static FixMessage Request(FixSubscriptionType type, IEnumerable<string> symbols) =>
            new FixMarketDataRequest { Type = type, Symbols = symbols.ToList() }.ToMessage();

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            _subscription.Dispose();
            if (!_connection.IsOpen) return;
            // Best effort, never waiting: the connection may be closing.
            _ = _connection.SendAsync(Request(FixSubscriptionType.Unsubscribe, Symbols), CancellationToken.None)
                .ContinueWith(t => { _ = t.Exception; }, TaskScheduler.Default);
        }
    }
}
