using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>The account's API budget: usage tier, read and write buckets, grants and the endpoints that cost more or less than the default.</summary>
    [KalshiOperation("GetAccountApiLimits", "GetAccountEndpointCosts")]
    [Cmdlet(VerbsCommon.Get, "KalshiAccountLimit", HelpUri = HelpUris.Root + "Get-KalshiAccountLimit.md")]
    [OutputType(typeof(KalshiAccountLimit))]
    public sealed class GetKalshiAccountLimitCommand : KalshiCmdlet
    {
        protected override void ProcessRecord() =>
            RunAsync(async ct => Emit(await new AccountApi(ActiveSession).GetAccountLimitAsync(ct).ConfigureAwait(false)));
    }
}
