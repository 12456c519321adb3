using System;
using System.Text.Json;
using KalshiPS.Models;

namespace KalshiPS.Wire
{
    /// <summary>Kalshi's exchange-tag JSON (user data timestamp) to output types.</summary>
    internal static class ExchangeWire
    {
        public static KalshiUserDataTimestamp UserDataTimestamp(JsonElement r, DateTime retrieved)
        {
            var asOf = r.Time("as_of_time");
            return new KalshiUserDataTimestamp { AsOfTime = asOf, RetrievedTime = retrieved, Lag = asOf.HasValue ? retrieved - asOf.Value : (TimeSpan?)null };
        }
    }
}
