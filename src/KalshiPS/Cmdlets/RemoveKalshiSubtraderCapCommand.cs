using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Http;

namespace KalshiPS.Cmdlets
{
    /// <summary>Removes a subtrader's daily event-contract cap, so its trading is no longer capped per day (FCM members only).</summary>
    [KalshiOperation("DeleteFCMEventContractDailyCap")]
    [Cmdlet(VerbsCommon.Remove, "KalshiSubtraderCap", HelpUri = HelpUris.Root + "Remove-KalshiSubtraderCap.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    public sealed class RemoveKalshiSubtraderCapCommand : KalshiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString] // refused by the id check
        public string SubtraderId { get; set; }

        protected override void ProcessRecord()
        {
            if (!TrySegment(SegmentKind.SubtraderId, SubtraderId, nameof(SubtraderId), out var id)) return;
            if (!ShouldProcess("subtrader " + id, "Remove the daily event-contract cap (no daily limit afterwards)")) return;
            var api = new FcmApi(ActiveSession);
            KalshiApiException error = null;
            RunAsync(async ct =>
            {
                try { await api.RemoveCapAsync(id, ct).ConfigureAwait(false); }
                catch (KalshiApiException e) when (!ct.IsCancellationRequested) { error = e; }
            });
            if (error != null) { WriteError(ErrorRecords.From(error, id)); return; }
            WriteVerbose($"The daily cap of subtrader {id} is removed.");
        }
    }
}
