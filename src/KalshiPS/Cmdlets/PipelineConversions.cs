using System;
using System.Globalization;
using System.Management.Automation;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Lets a switch bind from text, as Import-Csv gives it: "true"/"false", "1"/"0", "yes"/"no", "" (false).
    /// PowerShell alone refuses strings for switches (and would read "False" as true if it did not).
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class TextSwitchAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject ps ? ps.BaseObject : inputData;
            if (!(value is string s)) return inputData;
            switch (s.Trim().ToLowerInvariant())
            {
                case "": case "0": case "false": case "no": case "$false": return new SwitchParameter(false);
                case "1": case "true": case "yes": case "$true": return new SwitchParameter(true);
                default: throw new ArgumentTransformationMetadataException($"'{s}' is not a switch value; use true or false.");
            }
        }
    }

    /// <summary>An empty or blank string (an empty CSV cell) binds as "not given" instead of failing conversion.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class EmptyAsNullAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject ps ? ps.BaseObject : inputData;
            return value is string s && string.IsNullOrWhiteSpace(s) ? null : inputData;
        }
    }

    /// <summary>
    /// Decimal from text in the invariant culture ("0.45" is always 45 cents, whatever the user's locale), or any
    /// number PowerShell passes. Never rounds.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class InvariantDecimalAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject ps ? ps.BaseObject : inputData;
            if (value is string s)
            {
                if (string.IsNullOrWhiteSpace(s)) return null;
                if (decimal.TryParse(s.Trim(), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d)) return d;
                throw new ArgumentTransformationMetadataException($"'{s}' is not a number; write it like 0.45 or 10.");
            }
            if (value is double dbl) return decimal.Parse(dbl.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
            return inputData;
        }
    }
}
