using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace KalshiPS.Fix.Client
{
    /// <summary>
    /// A reader's share of a KalshiMD connection for Watch-KalshiOrderbook -Via Fix: the snapshots (W), incrementals (X)
    /// and request rejects (Y) about its tickers in a bounded queue of its own, registered before anything is sent so the
    /// first snapshot is never missed. Its three members are what <c>Streaming.FixOrderbookFeed</c> takes:
    /// <see cref="SendAsync"/>, <see cref="ReceiveAsync"/> (null once the connection closed) and <see cref="Missed"/>
    /// (messages the session skipped plus messages this reader lost because it fell behind: when it changes, the books
    /// need fresh snapshots). Other subscribers of the same connection are unaffected by this one's pace. Dispose to stop.
    /// </summary>
    internal sealed class FixMarketDataSubscription : IDisposable
    {
        private readonly KalshiFixConnection _connection;
        private readonly FixSubscription _subscription;
        private readonly FixTraceBuffer _trace;
        private readonly Action<string> _verbose;

        private FixMarketDataSubscription(KalshiFixConnection connection, FixSubscription subscription, FixTraceBuffer trace, Action<string> verbose)
        {
            _connection = connection;
            _subscription = subscription;
            _trace = trace;
            _verbose = verbose;
        }

        /// <param name="verbose">Gets the connection's trace lines (one per FIX message, secrets redacted) as they are received; null for none. Must not block.</param>
        public static FixMarketDataSubscription Open(KalshiFixConnection marketData, IEnumerable<string> tickers, Action<string> verbose = null,
            int capacity = KalshiFixConnection.DefaultSubscriptionCapacity)
        {
            if (marketData == null) throw new ArgumentNullException(nameof(marketData));
            var trace = verbose != null ? marketData.Trace.Attach() : null;
            return new FixMarketDataSubscription(marketData, marketData.Subscribe(Filter(tickers), capacity), trace, verbose);
        }

        public KalshiFixConnection Connection => _connection;

        /// <summary>Messages the session skipped (a non-retransmitting gap) plus those this reader's full queue lost.</summary>
        public long Missed => _connection.MissedMessages + _subscription.Dropped;

        /// <summary>Why the stream ended, once <see cref="ReceiveAsync"/> returned null.</summary>
        public string EndReason => _subscription.EndReason;

        public Task SendAsync(FixMessage message, CancellationToken ct) => _connection.SendAsync(message, ct);

        /// <summary>The next market-data message about the tickers; null when the connection has closed.</summary>
        public async Task<FixMessage> ReceiveAsync(CancellationToken ct)
        {
            var d = await _subscription.TakeAsync(ct).ConfigureAwait(false);
            if (_trace != null) foreach (var line in _trace.Drain()) _verbose(line);
            return d.Message;
        }

        /// <summary>True for W and X messages naming one of <paramref name="tickers"/> (any entry), and for every Y.</summary>
        public static Func<FixMessage, bool> Filter(IEnumerable<string> tickers)
        {
            var wanted = new HashSet<string>(tickers ?? throw new ArgumentNullException(nameof(tickers)), StringComparer.OrdinalIgnoreCase);
            return m =>
            {
                switch (m.MsgType)
                {
                    case FixAppMsgTypes.MarketDataSnapshotFullRefresh:
                    case FixAppMsgTypes.MarketDataIncrementalRefresh:
                        foreach (var f in m.Fields) if (f.Tag == FixAppTags.Symbol && wanted.Contains(f.Value)) return true;
                        return false;
                    case FixAppMsgTypes.MarketDataRequestReject:
                        return true; // a reject may not name the ticker; the reader matches its MDReqID
                    default:
                        return false;
                }
            };
        }

        public void Dispose()
        {
            _subscription.Dispose();
            _trace?.Dispose();
        }
    }
}
