using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>The subtraders of your FCM membership (FCM members only); -SubtraderId narrows (wildcards allowed).</summary>
    [KalshiOperation("ListFCMSubtraders")]
    [Cmdlet(VerbsCommon.Get, "KalshiSubtrader", HelpUri = HelpUris.Root + "Get-KalshiSubtrader.md")]
    [OutputType(typeof(KalshiSubtrader))]
    public sealed class GetKalshiSubtraderCommand : KalshiCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        public string[] SubtraderId { get; set; }

        protected override void ProcessRecord()
        {
            var api = new FcmApi(ActiveSession);
            var filter = SearchFilterNames.Of(SubtraderId);
            RunAsync(async ct =>
            {
                foreach (var s in await api.ListSubtradersAsync(ct).ConfigureAwait(false))
                    if (filter.Matches(s.SubtraderId)) Emit(s);
            });
        }
    }
}
