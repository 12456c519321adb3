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

        /// <summary>
        /// Prices go on the wire with four decimals (up to six when the value needs them, as Kalshi accepts for some
        /// markets); the value must already be on the market's grid. Anything finer is refused, never rounded
        /// (validation should have caught it; this is the last guard).
        /// </summary>
        public static string Price(decimal dollars) => Exact(dollars, "0.0000##", "price", 6);

        /// <summary>Counts go on the wire with two decimals (Kalshi's finest contract granularity is 0.01); finer is refused.</summary>
        public static string Count(decimal contracts) => Exact(contracts, "0.00", "count", 2);

        private static string Exact(decimal value, string format, string what, int decimals)
        {
            var text = value.ToString(format, CultureInfo.InvariantCulture);
            if (decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) != value)
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "The {0} {1} has more than {2} decimals; Kalshi would get {3}. Nothing is rounded silently: give it with at most {2} decimals.",
                    what, value, decimals, text), what);
            return text;
        }
    }
}
