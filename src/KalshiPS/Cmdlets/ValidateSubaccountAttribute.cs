using System;
using System.Management.Automation;
using KalshiPS.Api;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// A subaccount number must be one Kalshi can have (0 primary, 1-63); anything else is refused while the parameter
    /// binds, so nothing is sent. Null (not given, or a piped object without one) passes.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class ValidateSubaccountAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var value = arguments is PSObject ps ? ps.BaseObject : arguments;
            if (value == null) return;
            if (value is int n && SubaccountNumber.IsValid(n)) return;
            throw new ValidationMetadataException(SubaccountNumber.Problem(value));
        }
    }
}
