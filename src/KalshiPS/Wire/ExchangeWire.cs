using System;
using System.Text.Json;
using KalshiPS.Models;

namespace KalshiPS.Wire
{
    /// <summary>Kalshi's exchange-tag JSON (user data timestamp) to output types.</summary>
    internal static class ExchangeWire
    {
        public static KalshiUserDataTimestamp UserDataTimestamp(ref Utf8JsonReader r, DateTime retrieved)
        {
            DateTime? asOf = null;
            while (r.NextProperty(out var field))
                if (field.SequenceEqual("as_of_time".AsSpan())) asOf = r.Time(); else r.Skip();
            return new KalshiUserDataTimestamp { AsOfTime = asOf, RetrievedTime = retrieved, Lag = asOf.HasValue ? retrieved - asOf.Value : (TimeSpan?)null };
        }
    }
}
