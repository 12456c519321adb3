using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Models;

namespace KalshiPS.Fix.Client
{
    /// <summary>
    /// The FIX connections of one KalshiSession, at most one per session kind, so every cmdlet finds them through the
    /// same session resolution as REST (-Session, else the runspace default). Also what the session's commands have
    /// learnt from FIX that outlives one command: ClOrdIDs already sent (a NewOrderSingle is never sent twice under one
    /// id) and the ExecIDs seen with their times (Get-KalshiDropCopy -Since).
    /// </summary>
    internal sealed class FixConnectionSet : IDisposable
    {
        private readonly object _gate = new object();
        private readonly Dictionary<KalshiFixSessionType, KalshiFixConnection> _connections = new Dictionary<KalshiFixSessionType, KalshiFixConnection>();
        private readonly HashSet<string> _sentClOrdIds = new HashSet<string>(StringComparer.Ordinal);

        public FixExecutionLog Executions { get; } = new FixExecutionLog();
        public FixOrderMemory Orders { get; } = new FixOrderMemory();

        /// <summary>The open connection of this kind, or null.</summary>
        public KalshiFixConnection Get(KalshiFixSessionType kind)
        {
            lock (_gate) return _connections.TryGetValue(kind, out var c) && c.State != KalshiFixState.Closed ? c : null;
        }

        /// <summary>The connection of this kind even if it has closed (for its close reason), or null.</summary>
        public KalshiFixConnection Last(KalshiFixSessionType kind)
        {
            lock (_gate) return _connections.TryGetValue(kind, out var c) ? c : null;
        }

        public IReadOnlyList<KalshiFixConnection> All()
        {
            lock (_gate) return new List<KalshiFixConnection>(_connections.Values);
        }

        /// <summary>Keeps <paramref name="connection"/> as this session's one of its kind; false if an open one is there already.</summary>
        public bool TryAdd(KalshiFixConnection connection)
        {
            lock (_gate)
            {
                if (_connections.TryGetValue(connection.Kind, out var old) && old.State != KalshiFixState.Closed) return false;
                _connections[connection.Kind] = connection;
                return true;
            }
        }

        public KalshiFixConnection Remove(KalshiFixSessionType kind)
        {
            lock (_gate)
            {
                if (!_connections.TryGetValue(kind, out var c)) return null;
                _connections.Remove(kind);
                return c;
            }
        }

        /// <summary>Claims <paramref name="clOrdId"/> for one NewOrderSingle; false when this session already sent one with it.</summary>
        public bool ClaimClOrdId(string clOrdId)
        {
            lock (_gate) return _sentClOrdIds.Add(clOrdId);
        }

        public void Dispose()
        {
            foreach (var c in All()) c.Dispose();
        }

        /// <summary>
        /// Where sequence numbers are kept: $env:KALSHI_FIX_SEQUENCE_PATH, else a per-user folder
        /// (LocalApplicationData/KalshiPS/fix), one sub-folder per host and port so a sandbox never touches Kalshi's numbers.
        /// </summary>
        public static IFixSequenceStore StoreFor(FixEndpoint endpoint, Func<string, string> variable)
        {
            var root = variable?.Invoke(SequencePathVariable);
            if (string.IsNullOrWhiteSpace(root))
                root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "KalshiPS", "fix");
            var folder = endpoint.Host.Replace(':', '_') + "_" + endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new FixFileSequenceStore(Path.Combine(root.Trim(), folder));
        }

        public const string SequencePathVariable = "KALSHI_FIX_SEQUENCE_PATH";
    }

    /// <summary>
    /// ExecIDs this session has seen (live or resent), with the report's TransactTime, newest last; bounded. Used to turn
    /// a time into the BeginExecID of a drop-copy request.
    /// </summary>
    internal sealed class FixExecutionLog
    {
        public const int Capacity = 100000;
        private readonly object _gate = new object();
        private readonly LinkedList<KeyValuePair<string, DateTime>> _seen = new LinkedList<KeyValuePair<string, DateTime>>();
        private readonly HashSet<string> _ids = new HashSet<string>(StringComparer.Ordinal);

        public void Record(string execId, DateTime? transactTime)
        {
            if (string.IsNullOrEmpty(execId) || transactTime == null) return;
            lock (_gate)
            {
                if (!_ids.Add(execId)) return;
                _seen.AddLast(new KeyValuePair<string, DateTime>(execId, transactTime.Value.ToUniversalTime()));
                if (_seen.Count > Capacity) { _ids.Remove(_seen.First.Value.Key); _seen.RemoveFirst(); }
            }
        }

        /// <summary>The ExecID with the earliest TransactTime at or after <paramref name="sinceUtc"/>, or null when none was seen.</summary>
        public string OldestAtOrAfter(DateTime sinceUtc)
        {
            lock (_gate)
            {
                string best = null;
                DateTime bestTime = DateTime.MaxValue;
                foreach (var e in _seen)
                    if (e.Value >= sinceUtc && e.Value < bestTime) { best = e.Key; bestTime = e.Value; }
                return best;
            }
        }
    }
}
