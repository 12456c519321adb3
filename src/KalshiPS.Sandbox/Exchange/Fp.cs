using System.Globalization;
using System.Text.Json;

namespace KalshiPS.Sandbox;

/// <summary>Fixed-point wire formatting: prices are dollar strings with 4 decimals, counts have 2.</summary>
public static class Fp
{
    public static string Price(decimal d) => d.ToString("0.0000", CultureInfo.InvariantCulture);
    public static string Count(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
    public static string Rfc3339(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    public static long Cents(decimal dollars) => (long)Math.Round(dollars * 100m, MidpointRounding.AwayFromZero);

    /// <summary>Reads a decimal given as a JSON string ("0.56") or number (0.56).</summary>
    public static bool TryRead(JsonElement e, out decimal value)
    {
        value = 0;
        if (e.ValueKind == JsonValueKind.Number) return e.TryGetDecimal(out value);
        if (e.ValueKind == JsonValueKind.String)
            return decimal.TryParse(e.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out value);
        return false;
    }

    public static bool TryParse(string? s, out decimal value) =>
        decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out value);
}
