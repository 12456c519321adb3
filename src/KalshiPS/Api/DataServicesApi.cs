using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Session;
using KalshiPS.Wire;

namespace KalshiPS.Api
{
    /// <summary>Filters of GET /milestones.</summary>
    internal sealed class MilestoneQuery
    {
        public string Category { get; set; }
        public string Competition { get; set; }
        public string Type { get; set; }
        public string SourceId { get; set; }
        public string RelatedEventTicker { get; set; }
        public string MinimumStartDate { get; set; }
        public long? MinUpdatedTs { get; set; }
    }

    /// <summary>Kalshi's data services: milestones, structured targets, live data, incentive programs, search tags and filters.</summary>
    internal sealed class DataServicesApi
    {
        private readonly KalshiSession _session;
        public DataServicesApi(KalshiSession session) { _session = session; }
        private KalshiHttpPipeline Http => _session.Http;

        public IAsyncEnumerable<Page<KalshiMilestone>> ListMilestones(MilestoneQuery q, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", "/milestones").With("limit", pageSize)
                    .With("category", q.Category).With("competition", q.Competition).With("type", q.Type).With("source_id", q.SourceId)
                    .With("related_event_ticker", q.RelatedEventTicker).With("minimum_start_date", q.MinimumStartDate).With("min_updated_ts", q.MinUpdatedTs),
                "milestones", DataServicesWire.Milestone, ct);

        public Task<KalshiMilestone> GetMilestoneAsync(Segment id, CancellationToken ct) =>
            Http.SendAsync(new KalshiRequest("GET", ApiPath.Of("/milestones/{0}", id)), (ref Utf8JsonReader r) => r.Wrapped("milestone", DataServicesWire.Milestone), ct);

        /// <summary>GET /structured_targets; ids go as repeated parameters (?ids=a&amp;ids=b).</summary>
        public IAsyncEnumerable<Page<KalshiStructuredTarget>> ListStructuredTargets(IReadOnlyList<string> ids, string type, string competition, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () =>
            {
                var request = new KalshiRequest("GET", "/structured_targets").With("page_size", pageSize).With("type", type).With("competition", competition);
                if (ids != null) foreach (var id in ids) request.With("ids", id);
                return request;
            }, "structured_targets", DataServicesWire.StructuredTarget, ct);

        public Task<KalshiStructuredTarget> GetStructuredTargetAsync(Segment id, CancellationToken ct) =>
            Http.SendAsync(new KalshiRequest("GET", ApiPath.Of("/structured_targets/{0}", id)), (ref Utf8JsonReader r) => r.Wrapped("structured_target", DataServicesWire.StructuredTarget), ct);

        /// <summary>GET /live_data/milestone/{id}, or with a type GET /live_data/{type}/milestone/{id}.</summary>
        public async Task<KalshiLiveData> GetLiveDataAsync(Segment milestone, Segment? type, bool playerStats, CancellationToken ct)
        {
            var path = type.HasValue ? ApiPath.Of("/live_data/{0}/milestone/{1}", type.Value, milestone) : ApiPath.Of("/live_data/milestone/{0}", milestone);
            var request = new KalshiRequest("GET", path).With("include_player_stats", playerStats ? true : (bool?)null);
            var data = await Http.SendAsync(request, (ref Utf8JsonReader r) => r.Wrapped("live_data", DataServicesWire.LiveData), ct).ConfigureAwait(false);
            if (data != null && data.MilestoneId == null) data.MilestoneId = milestone.Value;
            return data;
        }

        /// <summary>GET /live_data/batch?milestone_ids=a&amp;milestone_ids=b.</summary>
        public async Task<IReadOnlyList<KalshiLiveData>> GetLiveDatasAsync(IReadOnlyList<string> milestoneIds, bool playerStats, CancellationToken ct)
        {
            var request = new KalshiRequest("GET", "/live_data/batch");
            foreach (var id in milestoneIds) request.With("milestone_ids", id);
            request.With("include_player_stats", playerStats ? true : (bool?)null);
            return await Http.SendAsync(request, (ref Utf8JsonReader r) => r.Field("live_datas", DataServicesWire.LiveData), ct).ConfigureAwait(false)
                ?? new List<KalshiLiveData>();
        }

        public async Task<KalshiLiveData> GetEventLiveDataAsync(Segment eventTicker, string range, CancellationToken ct)
        {
            var request = new KalshiRequest("GET", ApiPath.Of("/live_data/events/{0}", eventTicker)).With("range", range);
            var data = await Http.SendAsync(request, (ref Utf8JsonReader r) => r.Wrapped("live_data", DataServicesWire.LiveData), ct).ConfigureAwait(false);
            if (data != null) data.EventTicker = eventTicker.Value;
            return data;
        }

        public async Task<IReadOnlyList<KalshiGameStats>> GetGameStatsAsync(Segment milestone, CancellationToken ct) =>
            await Http.SendAsync(new KalshiRequest("GET", ApiPath.Of("/live_data/milestone/{0}/game_stats", milestone)),
                (ref Utf8JsonReader r) => DataServicesWire.GameStats(milestone.Value, ref r), ct).ConfigureAwait(false);

        /// <summary>GET /live_data/weather/{city}: from/to (Unix ms) or last_sec, never both.</summary>
        public async Task<IReadOnlyList<KalshiWeatherPoint>> GetWeatherAsync(Segment city, long? fromMs, long? toMs, long? lastSeconds, bool detailed, CancellationToken ct)
        {
            var request = new KalshiRequest("GET", ApiPath.Of("/live_data/weather/{0}", city))
                .With("from", fromMs).With("to", toMs).With("last_sec", lastSeconds).With("detailed", detailed ? true : (bool?)null);
            return await Http.SendAsync(request, DataServicesWire.Weather, ct).ConfigureAwait(false);
        }

        public async Task<IReadOnlyList<KalshiWeatherCalibration>> GetWeatherCalibrationsAsync(Segment city, CancellationToken ct) =>
            await Http.SendAsync(new KalshiRequest("GET", ApiPath.Of("/live_data/weather/{0}/calibrations", city)), DataServicesWire.Calibrations, ct).ConfigureAwait(false);

        /// <summary>GET /incentive_programs (its cursor field is next_cursor); status and type default to all.</summary>
        public IAsyncEnumerable<Page<KalshiIncentiveProgram>> ListIncentivePrograms(string status, string type, string description, int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", "/incentive_programs").With("limit", pageSize)
                    .With("status", status).With("type", type).With("incentive_description", description),
                "incentive_programs", DataServicesWire.IncentiveProgram, ct);

        public async Task<IReadOnlyList<KalshiSearchTag>> GetTagsAsync(CancellationToken ct) =>
            await Http.SendAsync(new KalshiRequest("GET", "/search/tags_by_categories"), DataServicesWire.Tags, ct).ConfigureAwait(false);

        public async Task<IReadOnlyList<KalshiSportFilter>> GetSportFiltersAsync(CancellationToken ct) =>
            await Http.SendAsync(new KalshiRequest("GET", "/search/filters_by_sport"), DataServicesWire.SportFilters, ct).ConfigureAwait(false);
    }
}
