using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>Lists milestones (games, races... that markets follow) by filter, or gets milestones by id.</summary>
    [KalshiOperation("GetMilestones", "GetMilestone")]
    [Cmdlet(VerbsCommon.Get, "KalshiMilestone", HelpUri = HelpUris.Root + "Get-KalshiMilestone.md", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(KalshiMilestone))]
    public sealed class GetKalshiMilestoneCommand : KalshiMarketDataCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";

        [Parameter(ParameterSetName = IdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [AllowNull, AllowEmptyString] // refused by the id check
        public string[] MilestoneId { get; set; }

        /// <summary>Sports, Elections, Esports, Crypto, ...</summary>
        [Parameter(ParameterSetName = ListSet)]
        public string Category { get; set; }

        /// <summary>Pro Football, Pro Basketball (M), College Football, ...</summary>
        [Parameter(ParameterSetName = ListSet)]
        public string Competition { get; set; }

        /// <summary>football_game, basketball_game, political_race, ...</summary>
        [Parameter(ParameterSetName = ListSet)]
        public string Type { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public string SourceId { get; set; }

        /// <summary>Only milestones related to this event; binds from piped events.</summary>
        [Parameter(ParameterSetName = ListSet, ValueFromPipelineByPropertyName = true)]
        [Alias("EventTicker")]
        [ArgumentCompleter(typeof(EventTickerCompleter))]
        [AllowNull, AllowEmptyString] // blank means "not given"
        public string RelatedEventTicker { get; set; }

        /// <summary>Only milestones starting at or after this time.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? StartsAfter { get; set; }

        /// <summary>Only milestones whose data changed after this time (for polling).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? UpdatedSince { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; } = 100;

        protected override void ProcessRecord()
        {
            var api = new DataServicesApi(ActiveSession);
            if (ParameterSetName == ListSet)
            {
                if (!TryOptionalSegment(SegmentKind.EventTicker, RelatedEventTicker, nameof(RelatedEventTicker), out var eventTicker)) return;
                if (SkipListing()) return;
                var q = new MilestoneQuery
                {
                    Category = Category, Competition = Competition, Type = Type, SourceId = SourceId, RelatedEventTicker = eventTicker,
                    MinimumStartDate = StartsAfter.HasValue ? OrderValidation.ToUtc(StartsAfter.Value).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : null,
                    MinUpdatedTs = UpdatedSince.HasValue ? JsonFields.ToUnixSeconds(UpdatedSince.Value) : (long?)null,
                };
                RunAsync(ct => EmitPagesAsync(api.ListMilestones(q, PageSize, ct), MyInvocation.MyCommand.Name));
                return;
            }
            EmitEach(SegmentKind.MilestoneId, MilestoneId, nameof(MilestoneId), async (id, ct) => await api.GetMilestoneAsync(id, ct).ConfigureAwait(false));
        }

        protected override void EndProcessing() => WriteTotalCount();
    }
}
