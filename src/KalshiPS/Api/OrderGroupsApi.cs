using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Session;
using KalshiPS.Wire;

namespace KalshiPS.Api
{
    /// <summary>
    /// /portfolio/order_groups* (the spec's OrderGroups tag). Limit, trigger, reset and delete are idempotent, so the
    /// pipeline may repeat them; a create is not, and one without a clear answer is settled from the list of groups.
    /// </summary>
    internal sealed class OrderGroupsApi
    {
        private const string Base = "/portfolio/order_groups";
        private readonly KalshiSession _session;
        public OrderGroupsApi(KalshiSession session) { _session = session; }

        /// <summary>Kalshi takes whole contracts from 1 to 1,000,000.</summary>
        internal const decimal MaxContractsLimit = 1_000_000m;

        /// <summary>Why Kalshi would refuse this contracts limit, or null when it is valid.</summary>
        internal static string LimitProblem(decimal limit) =>
            limit >= 1m && limit <= MaxContractsLimit && decimal.Truncate(limit) == limit ? null
                : string.Format(System.Globalization.CultureInfo.InvariantCulture,
                    "-ContractsLimit {0} is not a whole number of contracts from 1 to 1,000,000 (the most the group's orders may match within 15 seconds). Nothing was sent.", limit);

        public async Task<List<KalshiOrderGroup>> ListAsync(CancellationToken ct)
        {
            var groups = await _session.Http.SendAsync(new KalshiRequest("GET", Base), OrderGroupWire.Groups, ct).ConfigureAwait(false) ?? new List<KalshiOrderGroup>();
            foreach (var g in groups) _session.Markets.RememberOrderGroup(g.OrderGroupId);
            return groups;
        }

        /// <summary>One group with its order ids (the answer does not repeat the id, so it is set from the request).</summary>
        public async Task<KalshiOrderGroup> GetAsync(Segment id, CancellationToken ct)
        {
            var g = await _session.Http.SendAsync(new KalshiRequest("GET", ApiPath.Of(Base + "/{0}", id)), OrderGroupWire.Group, ct).ConfigureAwait(false)
                    ?? new KalshiOrderGroup();
            g.OrderGroupId = g.OrderGroupId ?? id.Value;
            if (g.OrderIds == null) g.OrderIds = new string[0];
            _session.Markets.RememberOrderGroup(g.OrderGroupId);
            return g;
        }

        /// <summary>
        /// Creates a group. A create is not repeated (a second one would be a second group), so the groups that exist
        /// are read first: when the answer is lost, the groups read again tell the outcome (exactly one new group with
        /// this limit: done; none: not done); anything else, or a failed read, is unknown with the command to look.
        /// </summary>
        public async Task<KalshiOrderGroup> CreateAsync(decimal contractsLimit, CancellationToken ct)
        {
            HashSet<string> before = null;
            try { before = Ids(await ListAsync(ct).ConfigureAwait(false)); }
            catch (KalshiApiException) when (!ct.IsCancellationRequested) { /* the create goes ahead; only settling a lost answer needs this */ }

            var request = new KalshiRequest("POST", Base + "/create") { JsonBody = OrderGroupWire.LimitBody(contractsLimit) };
            KalshiOrderGroup g;
            try { g = await _session.Http.SendAsync(request, OrderGroupWire.Group, ct).ConfigureAwait(false); }
            catch (KalshiApiException e) when (!ct.IsCancellationRequested && (request.MayHaveCommitted || WriteOutcomes.IsUnclear(e)))
            {
                var w = new UnsettledWrite(0, e, "created", $"an order group with a limit of {FixedPoint.Count(contractsLimit)} contracts", null, null, "Get-KalshiOrderGroup")
                { Repeat = "; Remove-KalshiOrderGroup removes a group you do not want" };
                return await SettleCreateAsync(w, before, contractsLimit, ct).ConfigureAwait(false);
            }
            if (g == null || string.IsNullOrEmpty(g.OrderGroupId))
                throw new KalshiApiException(KalshiErrorKind.OutcomeUnknown, 200, request.Method, request.Path,
                    new KalshiErrorBody { Message = "the answer named no order group id; check with Get-KalshiOrderGroup" });
            if (!g.ContractsLimit.HasValue) g.ContractsLimit = contractsLimit;
            _session.Markets.RememberOrderGroup(g.OrderGroupId);
            return g;
        }

        private async Task<KalshiOrderGroup> SettleCreateAsync(UnsettledWrite w, HashSet<string> before, decimal contractsLimit, CancellationToken ct)
        {
            if (before == null) throw WriteOutcomes.Unknown(w); // nothing to compare with
            List<KalshiOrderGroup> after;
            try { after = await ListAsync(ct).ConfigureAwait(false); }
            catch (KalshiApiException lookup) when (!ct.IsCancellationRequested) { w.LookupError = lookup; throw WriteOutcomes.Unknown(w); }
            var fresh = after.FindAll(x => x.OrderGroupId != null && !before.Contains(x.OrderGroupId));
            if (fresh.Count == 0) throw WriteOutcomes.NotDone(w, "no new order group exists");
            if (fresh.Count == 1 && fresh[0].ContractsLimit == contractsLimit) return fresh[0];
            throw WriteOutcomes.Unknown(w); // several new groups (another client at work?): which is this one cannot be told
        }

        private static HashSet<string> Ids(List<KalshiOrderGroup> groups)
        {
            var ids = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
            foreach (var g in groups) if (g.OrderGroupId != null) ids.Add(g.OrderGroupId);
            return ids;
        }

        /// <summary>A new limit; an unclear end is settled by reading the group's limit back.</summary>
        public Task UpdateLimitAsync(Segment id, decimal contractsLimit, CancellationToken ct) =>
            WriteAsync(new KalshiRequest("PUT", ApiPath.Of(Base + "/{0}/limit", id)) { JsonBody = OrderGroupWire.LimitBody(contractsLimit), RetrySafe = true },
                id, "given the new limit", "Set-KalshiOrderGroup", g => g.ContractsLimit == contractsLimit, ct);

        public Task TriggerAsync(Segment id, CancellationToken ct) =>
            WriteAsync(new KalshiRequest("PUT", ApiPath.Of(Base + "/{0}/trigger", id)) { JsonBody = "{}", RetrySafe = true }, id, "triggered", "Stop-KalshiOrderGroup", null, ct);

        public Task ResetAsync(Segment id, CancellationToken ct) =>
            WriteAsync(new KalshiRequest("PUT", ApiPath.Of(Base + "/{0}/reset", id)) { JsonBody = "{}", RetrySafe = true }, id, "reset", "Reset-KalshiOrderGroup", null, ct);

        /// <summary>
        /// Deletes the group (Kalshi cancels its orders). A 404 to a repeat of an attempt that may have gone through
        /// means it is gone, i.e. done; an unclear end is settled by reading the group.
        /// </summary>
        public async Task DeleteAsync(Segment id, CancellationToken ct)
        {
            var request = new KalshiRequest("DELETE", ApiPath.Of(Base + "/{0}", id)) { RetrySafe = true };
            try { await _session.Http.SendAsync(request, (ref System.Text.Json.Utf8JsonReader r) => { r.Skip(); return true; }, ct).ConfigureAwait(false); }
            catch (KalshiApiException e) when (!ct.IsCancellationRequested && e.Kind == KalshiErrorKind.NotFound && request.MayHaveCommitted) { }
            catch (KalshiApiException e) when (!ct.IsCancellationRequested && (request.MayHaveCommitted || WriteOutcomes.IsUnclear(e)))
            {
                var w = new UnsettledWrite(0, e, "deleted", "order group " + id.Value, null, null, "Get-KalshiOrderGroup -OrderGroupId " + id.Value);
                try { await GetAsync(id, ct).ConfigureAwait(false); }
                catch (KalshiApiException gone) when (!ct.IsCancellationRequested && gone.Kind == KalshiErrorKind.NotFound) { return; }
                catch (KalshiApiException lookup) when (!ct.IsCancellationRequested) { w.LookupError = lookup; throw WriteOutcomes.Unknown(w); }
                throw WriteOutcomes.NotDone(w, "the group still exists");
            }
            _session.Markets.ForgetOrderGroup(id.Value);
        }

        /// <summary>
        /// An idempotent PUT: the pipeline repeats it on no answer or a 5xx. Still unclear after that, <paramref name="shows"/>
        /// (when the group's state can show the change) decides from a read of the group; otherwise the outcome is
        /// unknown, and repeating the command is safe. A 404 is clear: there is no such group.
        /// </summary>
        private async Task WriteAsync(KalshiRequest request, Segment id, string done, string command, System.Func<KalshiOrderGroup, bool> shows, CancellationToken ct)
        {
            try { await _session.Http.SendAsync(request, (ref System.Text.Json.Utf8JsonReader r) => { r.Skip(); return true; }, ct).ConfigureAwait(false); }
            catch (KalshiApiException e) when (!ct.IsCancellationRequested && (request.MayHaveCommitted || WriteOutcomes.IsUnclear(e)) && e.Kind != KalshiErrorKind.NotFound)
            {
                var w = new UnsettledWrite(0, e, done, "order group " + id.Value, null, null, "Get-KalshiOrderGroup -OrderGroupId " + id.Value)
                { Repeat = $"; repeating {command} is safe" };
                if (shows == null) throw WriteOutcomes.Unknown(w);
                KalshiOrderGroup now;
                try { now = await GetAsync(id, ct).ConfigureAwait(false); }
                catch (KalshiApiException lookup) when (!ct.IsCancellationRequested) { w.LookupError = lookup; throw WriteOutcomes.Unknown(w); }
                if (!shows(now)) throw WriteOutcomes.NotDone(w, "the group does not show it");
            }
        }
    }
}
