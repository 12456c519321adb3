using System.Collections.Generic;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Subtraders' daily event-contract caps and today's use of them (FCM members only); binds from piped subtraders.</summary>
    [KalshiOperation("GetFCMEventContractDailyCap")]
    [Cmdlet(VerbsCommon.Get, "KalshiSubtraderCap", HelpUri = HelpUris.Root + "Get-KalshiSubtraderCap.md")]
    [OutputType(typeof(KalshiSubtraderCap))]
    public sealed class GetKalshiSubtraderCapCommand : KalshiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString] // refused by the id check
        public string[] SubtraderId { get; set; }

        protected override void ProcessRecord()
        {
            var api = new FcmApi(ActiveSession);
            EmitEach(SegmentKind.SubtraderId, SubtraderId, nameof(SubtraderId), async (id, ct) => await api.GetCapAsync(id.Value, ct).ConfigureAwait(false));
        }
    }
}
