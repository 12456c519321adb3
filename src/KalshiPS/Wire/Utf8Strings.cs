using System.Runtime.CompilerServices;
using System;
using System.Text;

namespace KalshiPS.Wire
{
    /// <summary>
    /// Short strings that repeat on every frame (message types, tickers, sides) decoded once per thread and reused,
    /// so a million deltas do not make a million copies of the same ticker.
    /// </summary>
    internal static class Utf8Strings
    {
        private const int MaxLength = 96;

        /// <summary>
        /// Direct-mapped: one slot per hash bucket, a newcomer simply takes its bucket's slot. A lookup is one array read
        /// and a byte compare (a Dictionary probe cost more than the decode it saved), and the cache is bounded by
        /// construction, so a long session that moves on to other names needs no clearing.
        /// </summary>
        private const int Slots = 4096;
        [ThreadStatic] private static string[] t_slots;

        [MethodImpl(WireReader.Optimized)]
        public static string Get(ReadOnlySpan<byte> utf8)
        {
            if (utf8.Length > MaxLength) return Decode(utf8);
            var slots = t_slots ?? (t_slots = new string[Slots]);
            var hash = Hash(utf8);
            var slot = (int)((uint)(hash ^ (hash >> 32)) & (Slots - 1));
            var known = slots[slot];
            if (known != null && Same(known, utf8)) return known;
            return slots[slot] = Decode(utf8);
        }

        private static string Decode(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8.ToArray());

        // FNV-1a with the length folded in; a collision only costs a decode (Same() checks the bytes).
        private static ulong Hash(ReadOnlySpan<byte> utf8)
        {
            var h = 14695981039346656037UL ^ (ulong)utf8.Length;
            foreach (var b in utf8) h = (h ^ b) * 1099511628211UL;
            return h;
        }

        private static bool Same(string text, ReadOnlySpan<byte> utf8)
        {
            if (text.Length != utf8.Length) return false; // non-ASCII text never matches: it is simply decoded again
            for (var i = 0; i < utf8.Length; i++) if (text[i] != utf8[i]) return false;
            return true;
        }
    }
}
