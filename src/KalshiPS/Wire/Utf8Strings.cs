using System.Runtime.CompilerServices;
using System;
using System.Collections.Generic;
using System.Text;

namespace KalshiPS.Wire
{
    /// <summary>
    /// Short strings that repeat on every frame (message types, tickers, sides) decoded once per thread and reused,
    /// so a million deltas do not make a million copies of the same ticker.
    /// </summary>
    internal static class Utf8Strings
    {
        private const int MaxLength = 96, MaxEntries = 4096;
        [ThreadStatic] private static Dictionary<ulong, string> t_cache;

        [MethodImpl(WireReader.Optimized)]
        public static string Get(ReadOnlySpan<byte> utf8)
        {
            if (utf8.Length > MaxLength) return Decode(utf8);
            var cache = t_cache ?? (t_cache = new Dictionary<ulong, string>());
            var hash = Hash(utf8);
            if (cache.TryGetValue(hash, out var known) && Same(known, utf8)) return known;
            var text = Decode(utf8);
            if (cache.Count >= MaxEntries) cache.Clear(); // a long session moves on to other names
            cache[hash] = text;
            return text;
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
