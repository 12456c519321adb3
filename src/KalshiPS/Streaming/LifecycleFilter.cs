using System;
using System.Collections.Generic;
using KalshiPS.Models;

namespace KalshiPS.Streaming
{
    /// <summary>
    /// Which lifecycle messages a -Ticker filter lets through: market messages of the watched markets, and event
    /// messages (event_lifecycle, event_fee_update) of the events those markets belong to. A market's event comes
    /// from what the session knows, else from Kalshi's ticker scheme (a market ticker is its event ticker plus
    /// "-" and the strike), so markets that do not exist yet can be watched too.
    /// </summary>
    internal sealed class LifecycleFilter
    {
        private readonly HashSet<string> _markets;
        private readonly List<string> _marketList;
        private readonly HashSet<string> _events = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>A lifecycle channel's handler: each message typed by StreamWire.Lifecycle, -Ticker applied here.</summary>
        public static MessageHandler<KalshiLifecycleMessage> Handler(string channel, string[] messageTypes, IReadOnlyList<string> tickers,
            Func<string, string> eventOf, Action<KalshiLifecycleMessage> emit)
        {
            var filter = tickers.Count == 0 ? null : new LifecycleFilter(tickers, eventOf);
            return new MessageHandler<KalshiLifecycleMessage>(channel, messageTypes, tickers, false, Wire.StreamWire.Lifecycle,
                x => (x as KalshiLifecycleEvent)?.Ticker, emit, filter == null ? (Func<KalshiLifecycleMessage, bool>)null : filter.Accepts);
        }

        /// <param name="eventOf">The event of a market when known (null when not).</param>
        public LifecycleFilter(IReadOnlyList<string> tickers, Func<string, string> eventOf)
        {
            _marketList = new List<string>(tickers);
            _markets = new HashSet<string>(tickers, StringComparer.OrdinalIgnoreCase);
            foreach (var t in tickers) { var e = eventOf(t); if (e != null) _events.Add(e); }
        }

        public bool Accepts(KalshiLifecycleMessage message)
        {
            switch (message)
            {
                case KalshiLifecycleEvent m: return _markets.Contains(m.Ticker ?? "");
                case KalshiEventLifecycle e: return OwnsWatchedMarket(e.EventTicker);
                case KalshiEventFeeUpdate f: return OwnsWatchedMarket(f.EventTicker);
                default: return false;
            }
        }

        private bool OwnsWatchedMarket(string eventTicker)
        {
            if (string.IsNullOrEmpty(eventTicker)) return false;
            if (_events.Contains(eventTicker)) return true;
            foreach (var t in _marketList)
                if (t.Length > eventTicker.Length && t[eventTicker.Length] == '-' && t.StartsWith(eventTicker, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }
    }
}
