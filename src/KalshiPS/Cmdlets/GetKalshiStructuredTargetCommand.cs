using System.Collections.Generic;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Lists structured targets (teams, players, places markets are written about) by type and competition, or gets
    /// them by id (with a filter, the ids narrow the listing instead).
    /// </summary>
    [KalshiOperation("GetStructuredTargets", "GetStructuredTarget")]
    [Cmdlet(VerbsCommon.Get, "KalshiStructuredTarget", HelpUri = HelpUris.Root + "Get-KalshiStructuredTarget.md", SupportsPaging = true)]
    [OutputType(typeof(KalshiStructuredTarget))]
    public sealed class GetKalshiStructuredTargetCommand : KalshiMarketDataCmdlet
    {
        private readonly List<string> _ids = new List<string>();
        private bool _bad;

        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [AllowNull, AllowEmptyString] // refused by the id check
        public string[] StructuredTargetId { get; set; }

        [Parameter]
        public string Type { get; set; }

        /// <summary>Matches the league, conference, division or tour in the target's details.</summary>
        [Parameter]
        public string Competition { get; set; }

        /// <summary>Targets per request (1-2000).</summary>
        [Parameter]
        [ValidateRange(1, 2000)]
        public int PageSize { get; set; } = 100;

        protected override void ProcessRecord()
        {
            if (StructuredTargetId == null) return;
            foreach (var raw in StructuredTargetId)
                if (TrySegment(SegmentKind.StructuredTargetId, raw, nameof(StructuredTargetId), out var id)) _ids.Add(id); else _bad = true;
        }

        protected override void EndProcessing()
        {
            if (_bad && _ids.Count == 0) return;
            var api = new DataServicesApi(ActiveSession);
            bool filtered = !string.IsNullOrEmpty(Type) || !string.IsNullOrEmpty(Competition);
            if (_ids.Count == 0 || filtered)
            {
                if (!SkipListing()) RunAsync(ct => EmitPagesAsync(api.ListStructuredTargets(_ids, Type, Competition, PageSize, ct), MyInvocation.MyCommand.Name));
                WriteTotalCount();
                return;
            }
            RunAsync(async ct =>
            {
                foreach (var raw in _ids)
                {
                    var id = Segment.Parse(SegmentKind.StructuredTargetId, raw, nameof(StructuredTargetId));
                    try { Emit(await api.GetStructuredTargetAsync(id, ct).ConfigureAwait(false)); }
                    catch (KalshiApiException e) when (e.Kind == KalshiErrorKind.NotFound) { EmitError(e, id.Value); }
                }
            });
        }
    }
}
