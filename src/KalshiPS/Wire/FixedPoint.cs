using System;
using System.Globalization;

namespace KalshiPS.Wire
{
    /// <summary>Kalshi's fixed-point strings ("0.5600" dollars, "10.00" contracts) to and from decimal, in one place.</summary>
    internal static class FixedPoint
    {
        // Float, not Number: no thousands separators, so a stray "0,56" is rejected instead of read as 56.
        public static bool TryParse(string text, out decimal value) =>
            decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

        public static decimal Parse(string text)
        {
            if (!TryParse(text, out var value))
                throw new FormatException($"'{text}' is not a fixed-point number.");
            return value;
        }

        /// <summary>Prices go on the wire with four decimals; the value must already be on the market's grid.</summary>
        public static string Price(decimal dollars) => dollars.ToString("0.0000", CultureInfo.InvariantCulture);

        /// <summary>Counts go on the wire with two decimals (Kalshi's finest contract granularity is 0.01).</summary>
        public static string Count(decimal contracts) => contracts.ToString("0.00", CultureInfo.InvariantCulture);
    }
}
