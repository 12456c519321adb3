using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>The tags of each series category, one row per category and tag; -Category narrows (wildcards allowed).</summary>
    [KalshiOperation("GetTagsForSeriesCategories")]
    [Cmdlet(VerbsCommon.Get, "KalshiSearchTag", HelpUri = HelpUris.Root + "Get-KalshiSearchTag.md")]
    [OutputType(typeof(KalshiSearchTag))]
    public sealed class GetKalshiSearchTagCommand : KalshiMarketDataCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        public string[] Category { get; set; }

        protected override void ProcessRecord()
        {
            var api = new DataServicesApi(ActiveSession);
            var filter = SearchFilterNames.Of(Category);
            RunAsync(async ct =>
            {
                foreach (var tag in await api.GetTagsAsync(ct).ConfigureAwait(false))
                    if (filter.Matches(tag.Category)) Emit(tag);
            });
        }
    }

    /// <summary>Wildcard name filters (-Category, -Sport): none given matches everything; case-insensitive.</summary>
    internal sealed class SearchFilterNames
    {
        private readonly WildcardPattern[] _patterns;
        private SearchFilterNames(WildcardPattern[] patterns) { _patterns = patterns; }

        public static SearchFilterNames Of(string[] names) => new SearchFilterNames(names == null ? null
            : System.Array.ConvertAll(names, n => WildcardPattern.Get(n ?? "", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)));

        public bool Matches(string name)
        {
            if (_patterns == null || _patterns.Length == 0) return true;
            foreach (var p in _patterns) if (p.IsMatch(name ?? "")) return true;
            return false;
        }
    }
}
