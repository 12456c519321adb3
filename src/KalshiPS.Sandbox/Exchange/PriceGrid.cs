namespace KalshiPS.Sandbox;

/// <summary>Valid price ticks for each price_level_structure.</summary>
public static class PriceGrid
{
    public sealed record Range(decimal Start, decimal End, decimal Step);

    public static IReadOnlyList<Range> RangesOf(PriceLevelStructure s) => s switch
    {
        PriceLevelStructure.LinearCent => new[] { new Range(0m, 1m, 0.01m) },
        PriceLevelStructure.DeciCent => new[] { new Range(0m, 1m, 0.001m) },
        _ => new[] { new Range(0m, 0.1m, 0.001m), new Range(0.1m, 0.9m, 0.01m), new Range(0.9m, 1m, 0.001m) },
    };

    /// <summary>True when 0 &lt; price &lt; 1 and the price sits on a tick of a range that contains it.</summary>
    public static bool IsValid(PriceLevelStructure s, decimal price)
    {
        if (price <= 0m || price >= 1m) return false;
        foreach (var r in RangesOf(s))
            if (price >= r.Start && price <= r.End && (price - r.Start) % r.Step == 0m) return true;
        return false;
    }
}
