using System.Collections.Generic;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Models;
using KalshiPS.Streaming;
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Streams the account's order group changes (order_group_updates: created, triggered, reset, deleted,
    /// limit_updated). The channel is sequenced: a gap is reported as a warning. -OrderGroupId filters on the client
    /// (the channel has no filter).
    /// </summary>
    [KalshiChannel("order_group_updates")]
    [Cmdlet(VerbsCommon.Watch, "KalshiOrderGroup", HelpUri = HelpUris.Root + "Watch-KalshiOrderGroup.md")]
    [OutputType(typeof(KalshiOrderGroupUpdate))]
    public sealed class WatchKalshiOrderGroupCommand : WatchKalshiCmdlet
    {
        private readonly List<string> _ids = new List<string>();

        /// <summary>Only these groups (UUIDs); all of the account's groups when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(OrderGroupIdCompleter))]
        public string[] OrderGroupId { get; set; }

        internal override string ItemNoun => "order group updates";
        internal override bool AccountData => true;
        internal override string UnwrittenHint(IReadOnlyList<object> unwritten) => "Get-KalshiOrderGroup shows each group's limit and state.";

        protected override void ProcessRecord()
        {
            foreach (var raw in OrderGroupId ?? new string[0])
                if (TrySegment(SegmentKind.OrderGroupId, raw, nameof(OrderGroupId), out var id)) _ids.Add(id);
        }

        protected override void EndProcessing()
        {
            // Every given id was invalid: nothing to watch (never "all groups" by accident).
            if (OrderGroupId != null && OrderGroupId.Length > 0 && _ids.Count == 0) return;
            RunStream(outbox => Handler(_ids, x => outbox.Add(x, StreamStopping)));
        }

        /// <summary>
        /// The channel's handler: sequenced (a gap is a warning), and the group filter rides on the handler's
        /// client-side market filter, since the channel ignores filters (nothing of it reaches the subscribe command).
        /// </summary>
        internal static ChannelHandler Handler(IReadOnlyList<string> orderGroupIds, System.Action<KalshiOrderGroupUpdate> emit) =>
            new MessageHandler<KalshiOrderGroupUpdate>("order_group_updates", new[] { "order_group_updates" }, orderGroupIds, false,
                m => OrderGroupWire.Update(m.Msg), x => x.OrderGroupId, emit);
    }
}
