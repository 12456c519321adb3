using System;
using System.Collections.Concurrent;
using System.Linq;

namespace KalshiPS.Models
{
    /// <summary>
    /// One vocabulary in outputs: Kalshi's enumerated wire words ("active", "taker_at_cross", "bid") as the enum-style
    /// names the module's own values use ("Active", "TakerAtCross", "Bid"). Applied by the models' setters, so every
    /// reader (REST, stream, whichever parser) gives the same spelling.
    /// </summary>
    internal static class Vocabulary
    {
        // Kalshi's words are few and repeat on every item of a page: each is converted once and then shared.
        private static readonly ConcurrentDictionary<string, string> Known = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        private const int MaxKnown = 4096; // free text in an enum-like field must not grow the cache without bound

        public static string Name(string wire)
        {
            if (string.IsNullOrWhiteSpace(wire)) return null;
            if (Known.TryGetValue(wire, out var name)) return name;
            name = Convert(wire);
            if (Known.Count < MaxKnown) Known.TryAdd(wire, name);
            return name;
        }

        private static string Convert(string wire)
        {
            var parts = wire.Trim().Split(new[] { '_', '-', ' ' }, StringSplitOptions.RemoveEmptyEntries);
            // Already a name (GoodTillCanceled) or Kalshi's upper-case codes (MECNET): keep as they are.
            if (parts.Length == 1 && char.IsUpper(parts[0][0])) return parts[0];
            return string.Concat(parts.Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1).ToLowerInvariant()));
        }
    }
}
