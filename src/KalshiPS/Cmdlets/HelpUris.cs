namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Where Get-Help -Online goes: each cmdlet's help source in the project's repository (the manifest's ProjectUri
    /// plus docs/help). The help generator copies a cmdlet's HelpUri into its MAML as the "Online Version:" link.
    /// </summary>
    internal static class HelpUris
    {
        public const string Root = "https://github.com/kalships/KalshiPS/blob/main/docs/help/";
    }
}
