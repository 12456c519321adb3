using System;
using System.Globalization;

namespace KalshiPS.Fix
{
    /// <summary>
    /// Reading and writing application field values exactly: decimals from and to invariant digit strings (never via
    /// double, no exponents, no thousands separators), one-character enums, UTC timestamps. Each Try* names the tag it
    /// failed on so a receiver can Reject with RefTagID.
    /// </summary>
    internal static class FixValues
    {
        /// <summary>A quantity or dollar amount as the shortest exact invariant string ("10", "10.5", "0.3500" stays as given scale).</summary>
        public static string Decimal(decimal value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>Quantities: whole numbers without a fraction ("10"), otherwise at least two decimals ("2.50"); never rounded.</summary>
        public static string Quantity(decimal value) =>
            value == Math.Truncate(value) ? Math.Truncate(value).ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.00##########", CultureInfo.InvariantCulture);

        /// <summary>Market data prices in dollars with four decimals ("0.3500"), as Kalshi's examples show, more when the price has them; never rounded.</summary>
        public static string Dollars(decimal value) => value.ToString("0.0000##########", CultureInfo.InvariantCulture);

        public static bool TryDecimal(string s, out decimal value)
        {
            value = 0;
            if (string.IsNullOrEmpty(s) || s.Length > 32) return false;
            var dot = false;
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                if (c == '-' && i == 0 && s.Length > 1) continue;
                if (c == '.' && !dot && i > 0 && i < s.Length - 1) { dot = true; continue; }
                if (c < '0' || c > '9') return false;
            }
            return decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
        }

        public static bool TryInt(string s, out int value)
        {
            value = 0;
            return FixEncoding.IsDigits(s) && s.Length <= 9 && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        public static bool TryChar<TEnum>(string s, out TEnum value) where TEnum : struct
        {
            value = default;
            if (s == null || s.Length != 1) return false;
            var boxed = Enum.ToObject(typeof(TEnum), (int)s[0]);
            if (!Enum.IsDefined(typeof(TEnum), boxed)) return false;
            value = (TEnum)boxed;
            return true;
        }

        public static string Char<TEnum>(TEnum value) where TEnum : struct, IConvertible =>
            ((char)value.ToInt32(CultureInfo.InvariantCulture)).ToString();

        /// <summary>
        /// Reads field <paramref name="tag"/> with <paramref name="parse"/>; false with a one-line error when it is
        /// required and missing, or present and malformed. Absent optional fields leave <paramref name="value"/> default.
        /// </summary>
        public static bool Read<T>(FixMessage m, int tag, bool required, TryParser<T> parse, out T value, ref string error)
        {
            value = default;
            if (error != null) return false;
            if (!m.TryGet(tag, out var s))
            {
                if (required) error = "Required tag " + tag + " is missing.";
                return !required;
            }
            if (parse(s, out value)) return true;
            error = "Tag " + tag + " has an invalid value '" + s + "'.";
            return false;
        }

        public delegate bool TryParser<T>(string s, out T value);

        public static bool TryText(string s, out string value) { value = s; return !string.IsNullOrEmpty(s); }

        public static bool TryTime(string s, out DateTimeOffset value) => FixTime.TryParse(s, out value);

        public static bool TryFlag(string s, out bool value)
        {
            value = s == "Y";
            return s == "Y" || s == "N";
        }

        // Optional fields: null when absent; a present but malformed value sets error.
        public static int? OptionalInt(FixMessage m, int tag, ref string error)
        {
            if (error != null || !m.TryGet(tag, out _)) return null;
            return Read<int>(m, tag, true, TryInt, out var v, ref error) ? v : (int?)null;
        }

        public static decimal? OptionalDecimal(FixMessage m, int tag, ref string error)
        {
            if (error != null || !m.TryGet(tag, out _)) return null;
            return Read<decimal>(m, tag, true, TryDecimal, out var v, ref error) ? v : (decimal?)null;
        }

        public static DateTimeOffset? OptionalTime(FixMessage m, int tag, ref string error)
        {
            if (error != null || !m.TryGet(tag, out _)) return null;
            return Read<DateTimeOffset>(m, tag, true, TryTime, out var v, ref error) ? v : (DateTimeOffset?)null;
        }

        public static bool? OptionalFlag(FixMessage m, int tag, ref string error)
        {
            if (error != null || !m.TryGet(tag, out _)) return null;
            return Read<bool>(m, tag, true, TryFlag, out var v, ref error) ? v : (bool?)null;
        }

        public static T? OptionalChar<T>(FixMessage m, int tag, ref string error) where T : struct
        {
            if (error != null || !m.TryGet(tag, out _)) return null;
            return Read<T>(m, tag, true, TryChar, out var v, ref error) ? v : (T?)null;
        }
    }
}
