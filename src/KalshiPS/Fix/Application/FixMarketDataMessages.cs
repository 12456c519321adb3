using System.Collections.Generic;

namespace KalshiPS.Fix
{
    /// <summary>SubscriptionRequestType (263).</summary>
    internal enum FixSubscriptionType { Snapshot = '0', SnapshotAndUpdates = '1', Unsubscribe = '2' }

    /// <summary>MDEntryType (269): Bid = a Yes bid; Offer = a Yes ask (a No bid seen from the Yes side); Trade in incrementals.</summary>
    internal enum FixMdEntryType { Bid = '0', Offer = '1', Trade = '2' }

    /// <summary>MDUpdateAction (279).</summary>
    internal enum FixMdUpdateAction { New = '0', Change = '1', Delete = '2' }

    /// <summary>MarketDataRequest (35=V): subscribe to (or snapshot, or drop) books by ticker; no tickers with 263=2 drops all.</summary>
    internal sealed class FixMarketDataRequest
    {
        public string MdReqId { get; set; }
        public FixSubscriptionType Type { get; set; }
        public IList<string> Symbols { get; set; } = new List<string>();

        public FixMessage ToMessage()
        {
            var m = new FixMessage(FixAppMsgTypes.MarketDataRequest);
            if (!string.IsNullOrEmpty(MdReqId)) m.Add(FixAppTags.MDReqID, MdReqId);
            m.Add(FixAppTags.SubscriptionRequestType, FixValues.Char(Type));
            if (Symbols.Count > 0)
            {
                m.Add(FixAppTags.NoRelatedSym, Symbols.Count);
                foreach (var s in Symbols) m.Add(FixAppTags.Symbol, s);
            }
            return m;
        }

        public static bool TryParse(FixMessage m, out FixMarketDataRequest request, out string error)
        {
            request = null;
            error = m.MsgType == FixAppMsgTypes.MarketDataRequest ? null : "Not a MarketDataRequest.";
            FixValues.Read<FixSubscriptionType>(m, FixAppTags.SubscriptionRequestType, true, FixValues.TryChar, out var type, ref error);
            var count = FixValues.OptionalInt(m, FixAppTags.NoRelatedSym, ref error);
            if (error != null) return false;
            var symbols = new List<string>();
            foreach (var g in m.Groups(FixAppTags.NoRelatedSym, FixAppTags.Symbol)) symbols.Add(g[0].Value);
            if ((count ?? 0) != symbols.Count) { error = "NoRelatedSym (146) says " + (count ?? 0) + " symbols; the message has " + symbols.Count + "."; return false; }
            if (type != FixSubscriptionType.Unsubscribe && symbols.Count == 0) { error = "NoRelatedSym (146) with at least one Symbol (55) is required to subscribe."; return false; }
            request = new FixMarketDataRequest { MdReqId = m.Get(FixAppTags.MDReqID), Type = type, Symbols = symbols };
            return true;
        }
    }

    /// <summary>One book level (snapshot) or one change (incremental): price in dollars, size in contracts.</summary>
    internal sealed class FixMdEntry
    {
        public FixMdUpdateAction Action { get; set; }
        public string Symbol { get; set; }
        public FixMdEntryType Type { get; set; }
        public decimal PriceDollars { get; set; }
        public decimal Size { get; set; }
    }

    /// <summary>MarketDataSnapshotFullRefresh (35=W): the whole aggregated book of one ticker.</summary>
    internal sealed class FixMarketDataSnapshot
    {
        public string MdReqId { get; set; }
        public string Symbol { get; set; }
        public IList<FixMdEntry> Entries { get; set; } = new List<FixMdEntry>();

        public FixMessage ToMessage()
        {
            var m = new FixMessage(FixAppMsgTypes.MarketDataSnapshotFullRefresh);
            if (!string.IsNullOrEmpty(MdReqId)) m.Add(FixAppTags.MDReqID, MdReqId);
            m.Add(FixAppTags.Symbol, Symbol).Add(FixAppTags.NoMDEntries, Entries.Count);
            foreach (var e in Entries)
                m.Add(FixAppTags.MDEntryType, FixValues.Char(e.Type)).Add(FixAppTags.MDEntryPx, FixValues.Dollars(e.PriceDollars)).Add(FixAppTags.MDEntrySize, FixValues.Quantity(e.Size));
            return m;
        }

        public static bool TryParse(FixMessage m, out FixMarketDataSnapshot snapshot, out string error)
        {
            snapshot = null;
            error = m.MsgType == FixAppMsgTypes.MarketDataSnapshotFullRefresh ? null : "Not a MarketDataSnapshotFullRefresh.";
            FixValues.Read<string>(m, FixAppTags.Symbol, true, FixValues.TryText, out var symbol, ref error);
            FixValues.Read<int>(m, FixAppTags.NoMDEntries, true, FixValues.TryInt, out var count, ref error);
            if (error != null) return false;
            var entries = new List<FixMdEntry>();
            foreach (var g in m.Groups(FixAppTags.NoMDEntries, FixAppTags.MDEntryType, FixAppTags.MDEntryPx, FixAppTags.MDEntrySize))
            {
                if (!FixMdEntries.TryRead(g, symbol, false, out var e, out error)) return false;
                entries.Add(e);
            }
            if (entries.Count != count) { error = "NoMDEntries (268) says " + count + " entries; the message has " + entries.Count + "."; return false; }
            snapshot = new FixMarketDataSnapshot { MdReqId = m.Get(FixAppTags.MDReqID), Symbol = symbol, Entries = entries };
            return true;
        }
    }

    /// <summary>MarketDataIncrementalRefresh (35=X): level changes and trades, each entry naming its ticker.</summary>
    internal sealed class FixMarketDataIncremental
    {
        public string MdReqId { get; set; }
        public IList<FixMdEntry> Entries { get; set; } = new List<FixMdEntry>();

        public FixMessage ToMessage()
        {
            var m = new FixMessage(FixAppMsgTypes.MarketDataIncrementalRefresh);
            if (!string.IsNullOrEmpty(MdReqId)) m.Add(FixAppTags.MDReqID, MdReqId);
            m.Add(FixAppTags.NoMDEntries, Entries.Count);
            foreach (var e in Entries)
                m.Add(FixAppTags.MDUpdateAction, FixValues.Char(e.Action)).Add(FixAppTags.Symbol, e.Symbol).Add(FixAppTags.MDEntryType, FixValues.Char(e.Type))
                    .Add(FixAppTags.MDEntryPx, FixValues.Dollars(e.PriceDollars)).Add(FixAppTags.MDEntrySize, FixValues.Quantity(e.Size));
            return m;
        }

        public static bool TryParse(FixMessage m, out FixMarketDataIncremental incremental, out string error)
        {
            incremental = null;
            error = m.MsgType == FixAppMsgTypes.MarketDataIncrementalRefresh ? null : "Not a MarketDataIncrementalRefresh.";
            FixValues.Read<int>(m, FixAppTags.NoMDEntries, true, FixValues.TryInt, out var count, ref error);
            if (error != null) return false;
            var entries = new List<FixMdEntry>();
            foreach (var g in m.Groups(FixAppTags.NoMDEntries, FixAppTags.MDUpdateAction, FixAppTags.Symbol, FixAppTags.MDEntryType, FixAppTags.MDEntryPx, FixAppTags.MDEntrySize))
            {
                if (!FixMdEntries.TryRead(g, null, true, out var e, out error)) return false;
                entries.Add(e);
            }
            if (entries.Count != count) { error = "NoMDEntries (268) says " + count + " entries; the message has " + entries.Count + "."; return false; }
            incremental = new FixMarketDataIncremental { MdReqId = m.Get(FixAppTags.MDReqID), Entries = entries };
            return true;
        }
    }

    /// <summary>MarketDataRequestReject (35=Y).</summary>
    internal sealed class FixMarketDataRequestReject
    {
        public string MdReqId { get; set; }
        /// <summary>MDReqRejReason (281): 0 unknown symbol, 1 duplicate MDReqID, … as FIX defines; null when not given.</summary>
        public string Reason { get; set; }
        public string Text { get; set; }

        public FixMessage ToMessage()
        {
            var m = new FixMessage(FixAppMsgTypes.MarketDataRequestReject).Add(FixAppTags.MDReqID, string.IsNullOrEmpty(MdReqId) ? "NONE" : MdReqId);
            if (!string.IsNullOrEmpty(Reason)) m.Add(FixAppTags.MDReqRejReason, Reason);
            if (!string.IsNullOrEmpty(Text)) m.Add(FixTags.Text, Text);
            return m;
        }

        public static bool TryParse(FixMessage m, out FixMarketDataRequestReject reject, out string error)
        {
            reject = null;
            error = m.MsgType == FixAppMsgTypes.MarketDataRequestReject ? null : "Not a MarketDataRequestReject.";
            if (error != null) return false;
            var id = m.Get(FixAppTags.MDReqID);
            reject = new FixMarketDataRequestReject { MdReqId = id == "NONE" ? null : id, Reason = m.Get(FixAppTags.MDReqRejReason), Text = m.Get(FixTags.Text) };
            return true;
        }
    }

    internal static class FixMdEntries
    {
        // One group entry: [279] [55] 269 270 [271]; a Delete may leave out the size.
        public static bool TryRead(IReadOnlyList<FixField> group, string symbol, bool incremental, out FixMdEntry entry, out string error)
        {
            entry = new FixMdEntry { Symbol = symbol, Action = FixMdUpdateAction.New };
            error = null;
            bool hasType = false, hasPx = false, hasSize = false;
            foreach (var f in group)
            {
                switch (f.Tag)
                {
                    case FixAppTags.MDUpdateAction:
                        if (!FixValues.TryChar<FixMdUpdateAction>(f.Value, out var action)) { error = "MDUpdateAction (279) '" + f.Value + "' is not 0, 1 or 2."; return false; }
                        entry.Action = action; break;
                    case FixAppTags.Symbol: entry.Symbol = f.Value; break;
                    case FixAppTags.MDEntryType:
                        if (!FixValues.TryChar<FixMdEntryType>(f.Value, out var type)) { error = "MDEntryType (269) '" + f.Value + "' is not 0, 1 or 2."; return false; }
                        entry.Type = type; hasType = true; break;
                    case FixAppTags.MDEntryPx:
                        if (!FixValues.TryDecimal(f.Value, out var px)) { error = "MDEntryPx (270) '" + f.Value + "' is not a decimal."; return false; }
                        entry.PriceDollars = px; hasPx = true; break;
                    case FixAppTags.MDEntrySize:
                        if (!FixValues.TryDecimal(f.Value, out var size)) { error = "MDEntrySize (271) '" + f.Value + "' is not a decimal."; return false; }
                        entry.Size = size; hasSize = true; break;
                }
            }
            if (!hasType || !hasPx) { error = "A market data entry needs MDEntryType (269) and MDEntryPx (270)."; return false; }
            if (!hasSize && !(incremental && entry.Action == FixMdUpdateAction.Delete)) { error = "A market data entry needs MDEntrySize (271)."; return false; }
            if (string.IsNullOrEmpty(entry.Symbol)) { error = "A market data entry needs its Symbol (55)."; return false; }
            return true;
        }
    }
}
