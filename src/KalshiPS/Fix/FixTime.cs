using System;
using System.Globalization;

namespace KalshiPS.Fix
{
    /// <summary>FIX UTCTimestamp with milliseconds (yyyyMMdd-HH:mm:ss.fff), the form SendingTime (52) takes.</summary>
    internal static class FixTime
    {
        public const string Format = "yyyyMMdd-HH:mm:ss.fff";

        public static string ToFix(DateTimeOffset time) => time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

        public static bool TryParse(string value, out DateTimeOffset time)
        {
            var ok = DateTime.TryParseExact(value, new[] { Format, "yyyyMMdd-HH:mm:ss", "yyyyMMdd-HH:mm:ss.ffffff" }, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var dt);
            time = ok ? new DateTimeOffset(dt, TimeSpan.Zero) : default;
            return ok;
        }
    }
}
