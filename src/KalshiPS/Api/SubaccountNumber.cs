using System.Globalization;

namespace KalshiPS.Api
{
    /// <summary>Kalshi's account numbers: 0 is the primary account, 1-63 the numbered subaccounts.</summary>
    internal static class SubaccountNumber
    {
        public const int Max = 63;

        public static bool IsValid(int n) => n >= 0 && n <= Max;

        public static string Problem(object value) => string.Format(CultureInfo.InvariantCulture,
            "Subaccount {0} cannot exist on Kalshi: use 0 for the primary account or 1-{1} for a numbered subaccount (Get-KalshiSubaccount lists yours).",
            value, Max);
    }
}
