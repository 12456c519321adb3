using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Trailing 30-day trading volume toward the volume-based API usage levels, with each level's earn and keep goals.</summary>
    [KalshiOperation("GetAccountApiUsageLevelVolumeProgress")]
    [Cmdlet(VerbsCommon.Get, "KalshiApiUsage", HelpUri = HelpUris.Root + "Get-KalshiApiUsage.md")]
    [OutputType(typeof(KalshiApiUsage))]
    public sealed class GetKalshiApiUsageCommand : KalshiCmdlet
    {
        protected override void ProcessRecord() =>
            RunAsync(async ct =>
            {
                foreach (var progress in await new AccountApi(ActiveSession).GetVolumeProgressAsync(ct).ConfigureAwait(false)) Emit(progress);
            });
    }
}
