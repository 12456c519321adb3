using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace KalshiPS.Api
{
    /// <summary>
    /// Prices and counts as users give them. Text is read in the invariant culture with a strict style (digits and at
    /// most one '.', an optional leading '-'), so "2,5" from a European CSV is refused rather than read as 25;
    /// each refusal shows the exact text and the likely fix. Doubles (0.30 + 0.03) are taken at the nearest
    /// millionth, Kalshi's finest price step, only when they lie within 1e-9 of it; otherwise their exact value.
    /// </summary>
    internal static class UserNumber
    {
        /// <summary>How far a double may be from a millionth and still mean it (far below any grid step).</summary>
        internal const double DoubleTolerance = 1e-9;

        private static readonly Regex Plain = new Regex(@"^-?([0-9]+\.?[0-9]*|\.[0-9]+)$", RegexOptions.CultureInvariant);
        private static readonly Regex DecimalComma = new Regex(@"^-?[0-9]*,[0-9]+$", RegexOptions.CultureInvariant);
        private static readonly Regex Thousands = new Regex(@"^-?[0-9]{1,3}([,' _][0-9]{3})+(\.[0-9]+)?$", RegexOptions.CultureInvariant);

        /// <summary>The number in <paramref name="text"/>, or a FormatException whose message says what to write.</summary>
        public static decimal Parse(string text)
        {
            var s = text?.Trim(' ', '\t') ?? "";
            if (s.Length == 0) throw Refused(text, "it is empty; give a number such as 0.45 or 10");
            if (Plain.IsMatch(s))
            {
                if (decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)) return d;
                throw Refused(text, "it is too large for a price or count");
            }
            if (DecimalComma.IsMatch(s) && !Thousands.IsMatch(s))
                throw Refused(text, "use a dot as decimal separator: " + s.Replace(',', '.'));
            if (Thousands.IsMatch(s))
                throw Refused(text, $"write it without separators: {Regex.Replace(s, "[,' _]", "")} (or, if the comma was a decimal separator, {s.Replace(',', '.')})");
            if (s.IndexOfAny(new[] { '$', '€', '£', '¢' }) >= 0)
                throw Refused(text, "write it without a currency sign: " + s.Trim('$', '€', '£', '¢', ' '));
            if (s.EndsWith("%", StringComparison.Ordinal) || s.EndsWith("c", StringComparison.OrdinalIgnoreCase))
                throw Refused(text, "prices are dollars per contract: write 45 cents as 0.45");
            if (s.IndexOf('e') >= 0 || s.IndexOf('E') >= 0)
                throw Refused(text, decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var big)
                    ? "write it out without an exponent: " + big.ToString(CultureInfo.InvariantCulture)
                    : "write it out without an exponent, using digits and at most one dot");
            if (s.IndexOf(',') >= 0) throw Refused(text, "use a dot as decimal separator and no thousands separators, e.g. 1000.5");
            if (s.StartsWith("+", StringComparison.Ordinal)) throw Refused(text, "write it without the '+': " + s.Substring(1));
            return Fail(text);
        }

        private static decimal Fail(string text) => throw Refused(text, "use digits and at most one dot, e.g. 0.45 or 10");

        /// <summary>A double as the decimal it was meant to be (see the class summary); NaN, infinities and huge values are refused.</summary>
        public static decimal FromDouble(double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value) || Math.Abs(value) > 7.9e27)
                throw new FormatException(string.Format(CultureInfo.InvariantCulture, "{0:R} is not a usable price or count.", value));
            var exact = decimal.Parse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
            if (Math.Abs(value) >= 1e12) return exact; // beyond this a double has no millionths to snap to
            var millionths = Math.Round(exact, 6, MidpointRounding.AwayFromZero);
            return Math.Abs((double)(exact - millionths)) <= DoubleTolerance ? millionths : exact;
        }

        /// <summary>A value exactly as received, for messages: all its digits, never rounded.</summary>
        public static string Exact(decimal d) => d.ToString("0.00############################", CultureInfo.InvariantCulture);

        /// <summary>A count exactly, without padding: 6, 2.5, 0.01.</summary>
        public static string ExactCount(decimal d) => d.ToString("0.############################", CultureInfo.InvariantCulture);

        private static FormatException Refused(string text, string fix) =>
            new FormatException($"{Escaped.Text(text)} is not a number KalshiPS accepts: {fix}.");
    }
}
