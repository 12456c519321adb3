using System;
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
        public static string Name(string wire)
        {
            if (string.IsNullOrWhiteSpace(wire)) return null;
            var parts = wire.Trim().Split(new[] { '_', '-', ' ' }, StringSplitOptions.RemoveEmptyEntries);
            // Already a name (GoodTillCanceled) or Kalshi's upper-case codes (MECNET): keep as they are.
            if (parts.Length == 1 && char.IsUpper(parts[0][0])) return parts[0];
            return string.Concat(parts.Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1).ToLowerInvariant()));
        }
    }
}
