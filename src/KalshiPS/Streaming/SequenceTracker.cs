namespace KalshiPS.Streaming
{
    /// <summary>
    /// The seq chain of one subscription (sid): each sequenced message must carry the previous seq + 1. The first
    /// message after <see cref="Reset"/> sets the baseline. After a gap the chain continues from the seq seen.
    /// </summary>
    internal sealed class SequenceTracker
    {
        public long? Last { get; private set; }

        /// <summary>Records <paramref name="seq"/>; true when it is not the next number (a gap or a repeat).</summary>
        public bool IsGap(long seq)
        {
            bool gap = Last.HasValue && seq != Last.Value + 1;
            Last = seq;
            return gap;
        }

        public void Reset() => Last = null;
    }
}
