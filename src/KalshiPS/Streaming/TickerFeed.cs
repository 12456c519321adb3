using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using KalshiPS.Api;

namespace KalshiPS.Streaming
{
    /// <summary>One change of a live ticker source: markets added, removed, or (after a Clear) the whole new set.</summary>
    internal sealed class TickerChange
    {
        public string[] Added = Array.Empty<string>();
        public string[] Removed = Array.Empty<string>();
        /// <summary>Not null after a reset: the source's full contents, replacing the subscription's markets.</summary>
        public string[] Replace;
    }

    /// <summary>
    /// Follows a live collection of tickers (-TickerSource: a KalshiTickerSet or an ObservableCollection[string]) for
    /// a running stream: its CollectionChanged events, raised on whatever thread changed it, are queued here, and the
    /// stream's receive loop takes them (<see cref="TryTake"/>) and updates the subscription without reconnecting.
    /// A value that is not a ticker is reported (<see cref="Rejected"/>) and never sent.
    /// </summary>
    internal sealed class TickerFeed : IDisposable
    {
        private readonly INotifyCollectionChanged _source;
        private readonly ConcurrentQueue<TickerChange> _changes = new ConcurrentQueue<TickerChange>();
        private readonly ConcurrentQueue<string> _rejected = new ConcurrentQueue<string>();

        public TickerFeed(INotifyCollectionChanged source)
        {
            _source = source ?? throw new ArgumentNullException(nameof(source));
            _source.CollectionChanged += OnChanged; // before the snapshot: a change made meanwhile is applied twice, which is harmless
            Initial = Checked(Snapshot(source));
        }

        /// <summary>The source's tickers when the stream started.</summary>
        public string[] Initial { get; }

        public bool TryTake(out TickerChange change) => _changes.TryDequeue(out change);

        /// <summary>Values the source held that are not tickers (one warning each).</summary>
        public bool TryTakeRejected(out string text) => _rejected.TryDequeue(out text);

        private void OnChanged(object sender, NotifyCollectionChangedEventArgs e)
        {
            var change = new TickerChange();
            switch (e.Action)
            {
                case NotifyCollectionChangedAction.Add: change.Added = Checked(e.NewItems); break;
                case NotifyCollectionChangedAction.Remove: change.Removed = Checked(e.OldItems); break;
                case NotifyCollectionChangedAction.Replace: change.Added = Checked(e.NewItems); change.Removed = Checked(e.OldItems); break;
                case NotifyCollectionChangedAction.Move: return;
                default: change.Replace = Checked(Snapshot(sender as IEnumerable)); break;
            }
            _changes.Enqueue(change);
        }

        private static IEnumerable Snapshot(object source)
        {
            // Copied at once: the source may be changed again on its own thread.
            for (int attempt = 0; ; attempt++)
                try { return (source as IEnumerable)?.Cast<object>().ToArray() ?? Array.Empty<object>(); }
                catch (InvalidOperationException) when (attempt < 3) { }
        }

        private string[] Checked(IEnumerable items)
        {
            var list = new List<string>();
            if (items == null) return list.ToArray();
            foreach (var item in items)
            {
                var raw = item?.ToString();
                if (Segment.TryParse(SegmentKind.MarketTicker, raw, out var segment, out var problem)) { if (!list.Contains(segment.Value)) list.Add(segment.Value); }
                else _rejected.Enqueue($"-TickerSource: {Escaped.Text(raw)} is not a market ticker ({problem}); it is not watched.");
            }
            return list.ToArray();
        }

        public void Dispose() => _source.CollectionChanged -= OnChanged;
    }
}
