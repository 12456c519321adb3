using System;
using System.Globalization;

namespace KalshiPS.Cmdlets
{
    /// <summary>Checks of RFQ, quote and block trade numbers before anything is sent (never rounded silently).</summary>
    internal static class CommunicationsInput
    {
        /// <summary>A contract count: more than zero, in steps of 0.01.</summary>
        public static string CountProblem(decimal count, string parameter) =>
            count <= 0m ? $"-{parameter} must be more than zero (got {Num(count)}); nothing was sent."
            : decimal.Round(count, 2) != count ? $"-{parameter} {Num(count)} is finer than 0.01 contracts; nothing was sent." : null;

        /// <summary>A bid in dollars: 0 (declined) or more, under 1, at most 4 decimals.</summary>
        public static string BidProblem(decimal price, string parameter) =>
            price < 0m || price >= 1m ? $"-{parameter} must be from 0 (decline this side) to under 1 dollar (got {Num(price)}); nothing was sent."
            : decimal.Round(price, 4) != price ? $"-{parameter} {Num(price)} has more than 4 decimals; nothing was sent." : null;

        /// <summary>A dollar amount: more than zero, at most 4 decimals.</summary>
        public static string DollarsProblem(decimal dollars, string parameter) =>
            dollars <= 0m ? $"-{parameter} must be more than zero (got {Num(dollars)}); nothing was sent."
            : decimal.Round(dollars, 4) != dollars ? $"-{parameter} {Num(dollars)} has more than 4 decimals; nothing was sent." : null;

        public static string Num(decimal d) => d.ToString("0.######", CultureInfo.InvariantCulture);

        public static ArgumentException Invalid(string message, string parameter) => new ArgumentException(message); // the text names the parameter
    }
}
