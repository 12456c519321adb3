using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>The search filters of each sport (scopes and competitions) in Kalshi's display order; -Sport narrows (wildcards allowed).</summary>
    [KalshiOperation("GetFiltersForSports")]
    [Cmdlet(VerbsCommon.Get, "KalshiSearchFilter", HelpUri = HelpUris.Root + "Get-KalshiSearchFilter.md")]
    [OutputType(typeof(KalshiSportFilter))]
    public sealed class GetKalshiSearchFilterCommand : KalshiMarketDataCmdlet
    {
        [Parameter(Position = 0)]
        [SupportsWildcards]
        public string[] Sport { get; set; }

        protected override void ProcessRecord()
        {
            var api = new DataServicesApi(ActiveSession);
            var filter = SearchFilterNames.Of(Sport);
            RunAsync(async ct =>
            {
                foreach (var s in await api.GetSportFiltersAsync(ct).ConfigureAwait(false))
                    if (filter.Matches(s.Sport)) Emit(s);
            });
        }
    }
}
