using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>The account's order groups, or one group with its order ids (-OrderGroupId, from the pipeline too).</summary>
    [KalshiOperation("GetOrderGroups", "GetOrderGroup")]
    [Cmdlet(VerbsCommon.Get, "KalshiOrderGroup", HelpUri = HelpUris.Root + "Get-KalshiOrderGroup.md", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(KalshiOrderGroup))]
    public sealed class GetKalshiOrderGroupCommand : KalshiCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "ById";

        /// <summary>One group by id (a UUID): written with the ids of its orders. Binds from piped groups and orders.</summary>
        [Parameter(ParameterSetName = IdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(OrderGroupIdCompleter))]
        [AllowNull, AllowEmptyString] // refused by the id check
        public string[] OrderGroupId { get; set; }

        protected override void ProcessRecord()
        {
            var api = new OrderGroupsApi(ActiveSession);
            if (ParameterSetName == ListSet)
            {
                RunAsync(async ct => { foreach (var g in await api.ListAsync(ct).ConfigureAwait(false)) Emit(g); });
                return;
            }
            foreach (var raw in OrderGroupId ?? new string[] { null })
            {
                if (!TrySegment(SegmentKind.OrderGroupId, raw, nameof(OrderGroupId), out var value)) continue;
                var id = Segment.Parse(SegmentKind.OrderGroupId, value, nameof(OrderGroupId));
                KalshiApiException error = null;
                var group = RunAsync(async ct =>
                {
                    try { return await api.GetAsync(id, ct).ConfigureAwait(false); }
                    catch (KalshiApiException e) when (!ct.IsCancellationRequested) { error = e; return null; }
                });
                if (error != null) WriteError(ErrorRecords.From(error, id.Value));
                else WriteObject(group);
            }
        }
    }
}
