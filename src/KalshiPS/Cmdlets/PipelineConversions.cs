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
    /// Prices and counts from text or numbers (see <see cref="KalshiPS.Api.UserNumber"/>): text strictly in the invariant
    /// culture ("2,5" is refused with the fix, never read as 25), doubles at the value they were meant to be
    /// (0.30 + 0.03 is 0.33). Never rounds to make a value fit.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class InvariantDecimalAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject ps ? ps.BaseObject : inputData;
            try
            {
                switch (value)
                {
                    case string s: return KalshiPS.Api.UserNumber.Parse(s);
                    case double dbl: return KalshiPS.Api.UserNumber.FromDouble(dbl);
                    case float f: return KalshiPS.Api.UserNumber.FromDouble(f);
                    case System.Numerics.BigInteger big:
                        if (big > new System.Numerics.BigInteger(decimal.MaxValue) || big < new System.Numerics.BigInteger(decimal.MinValue))
                            throw new FormatException(big.ToString(CultureInfo.InvariantCulture) + " is too large for a price or count.");
                        return (decimal)big;
                    default: return inputData;
                }
            }
            catch (FormatException e)
            {
                throw new ArgumentTransformationMetadataException(e.Message, e);
            }
        }
    }
}
