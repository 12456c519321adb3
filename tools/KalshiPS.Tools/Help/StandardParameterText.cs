namespace KalshiPS.Tools.Help;

/// <summary>
/// Descriptions for parameters the engine adds to many cmdlets (ShouldProcess and paging). A help source may still
/// document them itself; its text wins.
/// </summary>
public static class StandardParameterText
{
    private static readonly Dictionary<string, string> Text = new(StringComparer.OrdinalIgnoreCase)
    {
        ["WhatIf"] = "Shows what would happen if the cmdlet runs. Nothing is sent to Kalshi.",
        ["Confirm"] = "Prompts you for confirmation before running the cmdlet.",
        ["First"] = "Returns only the first N objects. Paging stops as soon as N objects were written, so no further pages are requested.",
        ["Skip"] = "Ignores the first N objects and then returns the rest.",
        ["IncludeTotalCount"] = "Reports the number of objects seen as the first output object. The accuracy is 1.0 when every page was read.",
    };

    public static string? For(string parameter) => Text.TryGetValue(parameter, out var t) ? t : null;
}
