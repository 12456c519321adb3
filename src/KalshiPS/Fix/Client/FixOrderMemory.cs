using System;
using System.Collections.Generic;

namespace KalshiPS.Fix.Client
{
    /// <summary>What a FIX cancel or amend must name about an order: its latest ClOrdID, market and Yes-book side.</summary>
    internal sealed class FixOrderRef
    {
        public string OrderId { get; set; }
        /// <summary>The ClOrdID of the last request that changed the order (Kalshi's OrigClOrdID for the next one).</summary>
        public string ClOrdId { get; set; }
        public string Symbol { get; set; }
        public FixSide Side { get; set; }
        public decimal LeavesQty { get; set; }
    }

    /// <summary>
    /// The orders a session has seen ExecutionReports for, by OrderID, newest state; bounded (oldest forgotten first).
    /// A cancel or amend over FIX uses it before reading the order over REST.
    /// </summary>
    internal sealed class FixOrderMemory
    {
        public const int Capacity = 50000;
        private readonly object _gate = new object();
        private readonly Dictionary<string, FixOrderRef> _byId = new Dictionary<string, FixOrderRef>(StringComparer.Ordinal);
        private readonly Queue<string> _order = new Queue<string>();

        public void Record(FixExecutionReport er)
        {
            if (string.IsNullOrEmpty(er.OrderId) || er.ExecType == FixExecType.Rejected) return;
            lock (_gate)
            {
                if (!_byId.TryGetValue(er.OrderId, out var r))
                {
                    _byId[er.OrderId] = r = new FixOrderRef { OrderId = er.OrderId };
                    _order.Enqueue(er.OrderId);
                    if (_order.Count > Capacity) _byId.Remove(_order.Dequeue());
                }
                if (!string.IsNullOrEmpty(er.ClOrdId)) r.ClOrdId = er.ClOrdId;
                if (!string.IsNullOrEmpty(er.Symbol)) r.Symbol = er.Symbol;
                r.Side = er.Side;
                r.LeavesQty = er.LeavesQty;
            }
        }

        public FixOrderRef Find(string orderId)
        {
            lock (_gate)
                return orderId != null && _byId.TryGetValue(orderId, out var r)
                    ? new FixOrderRef { OrderId = r.OrderId, ClOrdId = r.ClOrdId, Symbol = r.Symbol, Side = r.Side, LeavesQty = r.LeavesQty }
                    : null;
        }
    }
}
