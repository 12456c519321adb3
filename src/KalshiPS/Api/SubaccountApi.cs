using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Session;
using KalshiPS.Wire;

namespace KalshiPS.Api
{
    /// <summary>A subaccount transfer as asked for: whole cents, and the client id that makes a repeat apply once.</summary>
    internal sealed class TransferSpec
    {
        public string ClientTransferId { get; set; }
        public bool ClientTransferIdGenerated { get; set; }
        public int From { get; set; }
        public int To { get; set; }
        public long AmountCents { get; set; }
        public int? ExchangeIndex { get; set; }
        public decimal Amount => AmountCents / 100m;
        public string Describe() => string.Format(CultureInfo.InvariantCulture, "${0:0.00} from subaccount {1} to subaccount {2}", Amount, From, To);
    }

    /// <summary>A transfer between exchange instances (or, event contract to event contract, between subaccounts and shards).</summary>
    internal sealed class InstanceTransferSpec
    {
        public KalshiExchangeInstance Source { get; set; }
        public KalshiExchangeInstance Destination { get; set; }
        /// <summary>Dollars, at most 4 decimals (the wire counts centicents).</summary>
        public decimal Amount { get; set; }
        public int? SourceShard { get; set; }
        public int? DestinationShard { get; set; }
        public int? SourceSubaccount { get; set; }
        public int? DestinationSubaccount { get; set; }
        public long AmountCenticents => (long)(Amount * 10000m);
        public string Describe() => string.Format(CultureInfo.InvariantCulture, "${0} from {1}{2} to {3}{4}", UserNumber.Exact(Amount),
            Source, Where(SourceSubaccount, SourceShard), Destination, Where(DestinationSubaccount, DestinationShard));
        private static string Where(int? sub, int? shard) =>
            (sub.HasValue ? " subaccount " + sub.Value : "") + (shard.HasValue ? " shard " + shard.Value : "");
    }

    /// <summary>
    /// Subaccounts (create, balances, transfers, netting), exchange-instance transfers and target balance allocation.
    /// Every write reports its true outcome: a clear answer is final; an unclear one (no answer, 5xx) is settled from
    /// the exchange's state where that state can tell (<see cref="WriteOutcomes"/>), else reported as unknown with the
    /// command that settles it.
    /// </summary>
    internal sealed class SubaccountApi
    {
        private const string TransfersPath = "/portfolio/subaccounts/transfers";
        private const string InstanceTransfersPath = "/portfolio/intra_exchange_instance_transfers";
        private readonly KalshiSession _session;
        public SubaccountApi(KalshiSession session) { _session = session; }
        private KalshiHttpPipeline Http => _session.Http;
        private static void Verbose(string line) => RequestLog.Current?.Verbose(line);

        // ------------------------------------------------------------------ reads

        /// <summary>Every account of the user with its cash (GET /portfolio/subaccounts/balances), primary included.</summary>
        public async Task<IReadOnlyList<KalshiSubaccount>> ListAsync(CancellationToken ct) =>
            await Http.SendAsync(new KalshiRequest("GET", "/portfolio/subaccounts/balances"),
                (ref Utf8JsonReader r) => r.Field("subaccount_balances", SubaccountWire.Balance), ct).ConfigureAwait(false) ?? new List<KalshiSubaccount>();

        public async Task<IReadOnlyList<KalshiSubaccountNetting>> GetNettingAsync(CancellationToken ct) =>
            await Http.SendAsync(new KalshiRequest("GET", "/portfolio/subaccounts/netting"),
                (ref Utf8JsonReader r) => r.Field("netting_configs", SubaccountWire.Netting), ct).ConfigureAwait(false) ?? new List<KalshiSubaccountNetting>();

        /// <summary>Subaccount transfers, newest first, every page (at most 500 a page).</summary>
        public IAsyncEnumerable<Page<KalshiTransfer>> ListTransfers(int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", TransfersPath).With("limit", Math.Min(pageSize, 500)), "transfers", SubaccountWire.Transfer, ct);

        public IAsyncEnumerable<Page<KalshiTransfer>> ListInstanceTransfers(int pageSize, CancellationToken ct) =>
            Pager.ReadAsync(Http, () => new KalshiRequest("GET", InstanceTransfersPath).With("limit", Math.Min(pageSize, 500)), "transfers", SubaccountWire.InstanceTransfer, ct);

        public Task<KalshiTransfer> GetInstanceTransferAsync(string transferId, CancellationToken ct) =>
            Http.SendAsync(new KalshiRequest("GET", ApiPath.Of(InstanceTransfersPath + "/{0}", SegmentKind.TransferId, transferId, "TransferId")),
                (ref Utf8JsonReader r) => r.Wrapped("transfer", SubaccountWire.InstanceTransfer), ct);

        public async Task<IReadOnlyList<KalshiBalanceAllocation>> GetAllocationAsync(CancellationToken ct) =>
            await Http.SendAsync(new KalshiRequest("GET", "/portfolio/target_balance_allocation"), SubaccountWire.Allocations, ct).ConfigureAwait(false)
            ?? new List<KalshiBalanceAllocation>();

        // ------------------------------------------------------------------ writes

        /// <summary>
        /// POST /portfolio/subaccounts. Not repeatable (a second attempt would make a second subaccount), so it is sent
        /// once; an unclear answer is settled by comparing the accounts with those that existed before.
        /// </summary>
        public async Task<KalshiSubaccount> CreateAsync(CancellationToken ct)
        {
            var before = new HashSet<int>((await ListAsync(ct).ConfigureAwait(false)).Select(s => s.Subaccount));
            var request = new KalshiRequest("POST", "/portfolio/subaccounts") { JsonBody = "{}", RetrySafe = false };
            var outcomes = new ItemOutcome<KalshiSubaccount>[1];
            try
            {
                var (number, _) = await Http.SendAsync(request, SubaccountWire.Created, ct).ConfigureAwait(false);
                if (!number.HasValue)
                    throw new KalshiApiException(KalshiErrorKind.ServerUnavailable, 200, "POST", request.Path, new KalshiErrorBody { Message = "the answer named no subaccount_number" });
                return await RowAsync(number.Value, ct).ConfigureAwait(false);
            }
            catch (KalshiApiException e) when (!ct.IsCancellationRequested && (request.MayHaveCommitted || WriteOutcomes.IsUnclear(e)))
            {
                outcomes[0] = new ItemOutcome<KalshiSubaccount>(e);
            }
            var write = new UnsettledWrite(0, (KalshiApiException)outcomes[0].Error, "created", "a new subaccount", null, null, "Get-KalshiSubaccount");
            await WriteOutcomes.SettleAsync(outcomes, new[] { write }, async (items, c) =>
            {
                var made = (await ListAsync(c).ConfigureAwait(false)).Where(s => !before.Contains(s.Subaccount)).ToList();
                var decided = new Dictionary<int, ItemOutcome<KalshiSubaccount>>();
                if (made.Count == 1)
                {
                    Verbose($"Subaccount {made[0].Subaccount} exists now (the create got no clear answer: {write.WriteError.Kind}).");
                    decided[0] = new ItemOutcome<KalshiSubaccount>(made[0]);
                }
                else decided[0] = made.Count == 0
                    ? new ItemOutcome<KalshiSubaccount>(WriteOutcomes.NotDone(write, "no subaccount appeared"))
                    : new ItemOutcome<KalshiSubaccount>(WriteOutcomes.Unknown(write)); // several appeared: another client made some too
                return decided;
            }, Pause, ct).ConfigureAwait(false);
            return outcomes[0].Value ?? throw outcomes[0].Error;
        }

        /// <summary>The new account's row; the bare number when the listing cannot be read (the create is done either way).</summary>
        private async Task<KalshiSubaccount> RowAsync(int number, CancellationToken ct)
        {
            try { return (await ListAsync(ct).ConfigureAwait(false)).FirstOrDefault(s => s.Subaccount == number) ?? new KalshiSubaccount { Subaccount = number }; }
            catch (KalshiApiException) when (!ct.IsCancellationRequested) { return new KalshiSubaccount { Subaccount = number }; }
        }

        /// <summary>
        /// POST /portfolio/subaccounts/transfer. The client transfer id makes every attempt the same transfer, so it is
        /// retried; an answer that stays unclear is settled from the transfer history (a transfer of exactly this amount
        /// between these accounts since the first attempt).
        /// </summary>
        public async Task<KalshiTransfer> TransferAsync(TransferSpec t, CancellationToken ct)
        {
            var started = _session.Time.GetUtcNow().UtcDateTime;
            var request = new KalshiRequest("POST", "/portfolio/subaccounts/transfer")
            {
                JsonBody = SubaccountWire.TransferBody(t.ClientTransferId, t.From, t.To, t.AmountCents, t.ExchangeIndex),
                RetrySafe = true,
            };
            var outcomes = new ItemOutcome<KalshiTransfer>[1];
            try
            {
                var (_, id) = await Http.SendAsync(request, SubaccountWire.Created, ct).ConfigureAwait(false);
                if (id != null) return Applied(t, id, null);
                // Kalshi's answer names no transfer: the history does (best effort; the transfer is done either way).
                try
                {
                    var found = await FindTransferAsync(t, started, ct).ConfigureAwait(false);
                    return Applied(t, found?.TransferId, found?.CreatedTime);
                }
                catch (KalshiApiException) when (!ct.IsCancellationRequested) { return Applied(t, null, null); }
            }
            catch (KalshiApiException e) when (!ct.IsCancellationRequested
                && (request.MayHaveCommitted || WriteOutcomes.IsUnclear(e) || (e.StatusCode == 409 && (request.Attempts > 1 || t.ClientTransferIdGenerated))))
            {
                outcomes[0] = new ItemOutcome<KalshiTransfer>(e);
            }
            var write = new UnsettledWrite(0, (KalshiApiException)outcomes[0].Error, "applied", "transfer " + t.Describe(), t.ClientTransferId, null, "Get-KalshiTransfer -First 20")
            {
                Repeat = $", or repeat it with -ClientTransferId {t.ClientTransferId} (it cannot be applied twice under that id)",
            };
            await WriteOutcomes.SettleAsync(outcomes, new[] { write }, async (items, c) =>
            {
                var match = await FindTransferAsync(t, started, c).ConfigureAwait(false);
                var decided = new Dictionary<int, ItemOutcome<KalshiTransfer>>();
                if (match != null)
                {
                    Verbose($"Transfer {t.Describe()} is in the history as {match.TransferId} (the request got no clear answer: {write.WriteError.Kind}).");
                    decided[0] = new ItemOutcome<KalshiTransfer>(Applied(t, match.TransferId, match.CreatedTime));
                }
                else decided[0] = new ItemOutcome<KalshiTransfer>(WriteOutcomes.NotDone(write, "no such transfer appears in the transfer history"));
                return decided;
            }, Pause, ct).ConfigureAwait(false);
            return outcomes[0].Value ?? throw outcomes[0].Error;
        }

        /// <summary>
        /// Kalshi's history has no client id: the newest transfer of the same amount between the same accounts since the
        /// first attempt (seconds resolution) is this one.
        /// </summary>
        private async Task<KalshiTransfer> FindTransferAsync(TransferSpec t, DateTime started, CancellationToken ct)
        {
            var since = started.AddSeconds(-1);
            await foreach (var page in ListTransfers(100, ct).ConfigureAwait(false))
            {
                var match = page.Items.FirstOrDefault(x => x.FromSubaccount == t.From && x.ToSubaccount == t.To && x.Amount == t.Amount && x.CreatedTime >= since);
                if (match != null) return match;
                if (page.Items.Any(x => x.CreatedTime < since)) break; // newest first: older pages cannot hold it
            }
            return null;
        }

        private KalshiTransfer Applied(TransferSpec t, string transferId, DateTime? created) => new KalshiTransfer
        {
            TransferId = transferId,
            Kind = "Subaccount",
            ClientTransferId = t.ClientTransferId,
            FromSubaccount = t.From,
            ToSubaccount = t.To,
            Amount = t.Amount,
            FromExchangeIndex = t.ExchangeIndex ?? 0,
            ToExchangeIndex = t.ExchangeIndex ?? 0,
            Status = "Complete",
            CreatedTime = created ?? _session.Time.GetUtcNow().UtcDateTime,
        };

        /// <summary>
        /// POST /portfolio/intra_exchange_instance_transfer. It has no idempotency key, so it is sent once; an unclear
        /// answer is settled from the instance-transfer history (same direction and amount since the attempt).
        /// </summary>
        public async Task<KalshiTransfer> InstanceTransferAsync(InstanceTransferSpec t, CancellationToken ct)
        {
            var started = _session.Time.GetUtcNow().UtcDateTime;
            var request = new KalshiRequest("POST", "/portfolio/intra_exchange_instance_transfer")
            {
                JsonBody = SubaccountWire.InstanceTransferBody(t.Source, t.Destination, t.AmountCenticents, t.SourceShard, t.DestinationShard, t.SourceSubaccount, t.DestinationSubaccount),
                RetrySafe = false,
            };
            var outcomes = new ItemOutcome<KalshiTransfer>[1];
            string id = null;
            try { (_, id) = await Http.SendAsync(request, SubaccountWire.Created, ct).ConfigureAwait(false); }
            catch (KalshiApiException e) when (!ct.IsCancellationRequested && (request.MayHaveCommitted || WriteOutcomes.IsUnclear(e)))
            {
                outcomes[0] = new ItemOutcome<KalshiTransfer>(e);
            }
            if (outcomes[0] == null) return await ReadBackAsync(t, id, ct).ConfigureAwait(false);
            var write = new UnsettledWrite(0, (KalshiApiException)outcomes[0].Error, "made", "transfer " + t.Describe(), null, null, "Get-KalshiTransfer -ExchangeInstance -First 20");
            string source = SubaccountWire.Instance(t.Source), destination = SubaccountWire.Instance(t.Destination);
            await WriteOutcomes.SettleAsync(outcomes, new[] { write }, async (items, c) =>
            {
                var since = started.AddSeconds(-1);
                KalshiTransfer match = null;
                await foreach (var page in ListInstanceTransfers(100, c).ConfigureAwait(false))
                {
                    match = page.Items.FirstOrDefault(x => x.FromInstance == Vocabulary.Name(source) && x.ToInstance == Vocabulary.Name(destination)
                        && x.Amount == t.Amount && x.CreatedTime >= since);
                    if (match != null || page.Items.Any(x => x.CreatedTime < since)) break;
                }
                var decided = new Dictionary<int, ItemOutcome<KalshiTransfer>>();
                decided[0] = match != null ? new ItemOutcome<KalshiTransfer>(match)
                    : new ItemOutcome<KalshiTransfer>(WriteOutcomes.NotDone(write, "no such transfer appears in the transfer history"));
                return decided;
            }, Pause, ct).ConfigureAwait(false);
            return outcomes[0].Value ?? throw outcomes[0].Error;
        }

        /// <summary>The made transfer as the exchange shows it (status); what was asked when reading it back fails.</summary>
        private async Task<KalshiTransfer> ReadBackAsync(InstanceTransferSpec t, string id, CancellationToken ct)
        {
            var asked = new KalshiTransfer
            {
                TransferId = id, Kind = "ExchangeInstance", Amount = t.Amount,
                FromInstance = t.Source.ToString(), ToInstance = t.Destination.ToString(),
                FromExchangeIndex = t.SourceShard ?? 0, ToExchangeIndex = t.DestinationShard ?? 0,
                FromSubaccount = t.SourceSubaccount, ToSubaccount = t.DestinationSubaccount, Status = "Pending",
            };
            if (string.IsNullOrEmpty(id) || !Segment.TryParse(SegmentKind.TransferId, id, out _, out _)) return asked;
            try
            {
                var read = await GetInstanceTransferAsync(id, ct).ConfigureAwait(false);
                if (read == null) return asked;
                read.FromSubaccount = read.FromSubaccount ?? t.SourceSubaccount;
                read.ToSubaccount = read.ToSubaccount ?? t.DestinationSubaccount;
                return read;
            }
            catch (KalshiApiException e) when (!ct.IsCancellationRequested)
            {
                Verbose($"Transfer {id} was made; reading its status failed ({e.ApiMessage ?? e.Kind.ToString()}), so it shows as Pending.");
                return asked;
            }
        }

        /// <summary>PUT /portfolio/subaccounts/netting (absolute, so retried); an unclear answer is settled by reading the setting.</summary>
        public async Task<KalshiSubaccountNetting> SetNettingAsync(int subaccount, bool enabled, CancellationToken ct)
        {
            var request = new KalshiRequest("PUT", "/portfolio/subaccounts/netting") { JsonBody = SubaccountWire.NettingBody(subaccount, enabled), RetrySafe = true };
            var write = await SendSettlingAsync(request, $"netting of subaccount {subaccount}", "set to " + (enabled ? "enabled" : "disabled"), "Get-KalshiSubaccountNetting",
                async c => (await GetNettingAsync(c).ConfigureAwait(false)).FirstOrDefault(n => n.Subaccount == subaccount) is { } n ? n.Enabled == enabled : (bool?)false, ct).ConfigureAwait(false);
            try { return (await GetNettingAsync(ct).ConfigureAwait(false)).FirstOrDefault(n => n.Subaccount == subaccount) ?? new KalshiSubaccountNetting { Subaccount = subaccount, Enabled = enabled }; }
            catch (KalshiApiException) when (!ct.IsCancellationRequested) { return new KalshiSubaccountNetting { Subaccount = subaccount, Enabled = enabled }; }
        }

        /// <summary>POST /portfolio/target_balance_allocation (replaces it, so retried); unclear answers are settled by reading it.</summary>
        public async Task<IReadOnlyList<KalshiBalanceAllocation>> SetAllocationAsync(IReadOnlyList<KeyValuePair<int, decimal>> shares, KalshiMarginReservation? reservation, CancellationToken ct)
        {
            var request = new KalshiRequest("POST", "/portfolio/target_balance_allocation") { JsonBody = SubaccountWire.AllocationBody(shares, reservation), RetrySafe = true };
            bool Same(IReadOnlyList<KalshiBalanceAllocation> now) =>
                now.Count == shares.Count && shares.All(s => now.Any(a => a.ExchangeIndex == s.Key && a.Percent == s.Value))
                && (!reservation.HasValue || now.Count == 0 || now[0].RestingMarginReservation == reservation.Value.ToString());
            await SendSettlingAsync(request, "the target balance allocation", "replaced", "Get-KalshiBalanceAllocation",
                async c => Same(await GetAllocationAsync(c).ConfigureAwait(false)), ct).ConfigureAwait(false);
            try { return await GetAllocationAsync(ct).ConfigureAwait(false); }
            catch (KalshiApiException) when (!ct.IsCancellationRequested)
            {
                return shares.Select(s => new KalshiBalanceAllocation { ExchangeIndex = s.Key, Percent = s.Value, RestingMarginReservation = (reservation ?? KalshiMarginReservation.Sum).ToString() }).ToList();
            }
        }

        /// <summary>Sends an absolute write; when its answer stays unclear, <paramref name="holds"/> reads whether the state is the one asked for.</summary>
        private async Task<bool> SendSettlingAsync(KalshiRequest request, string subject, string done, string settleCommand, Func<CancellationToken, Task<bool?>> holds, CancellationToken ct)
        {
            var outcomes = new ItemOutcome<bool>[1];
            try
            {
                using (await Http.SendAsync(request, ct).ConfigureAwait(false)) { }
                return true;
            }
            catch (KalshiApiException e) when (!ct.IsCancellationRequested && (request.MayHaveCommitted || WriteOutcomes.IsUnclear(e)))
            {
                outcomes[0] = new ItemOutcome<bool>(e);
            }
            var write = new UnsettledWrite(0, (KalshiApiException)outcomes[0].Error, done, subject, null, null, settleCommand);
            await WriteOutcomes.SettleAsync(outcomes, new[] { write }, async (items, c) =>
            {
                var state = await holds(c).ConfigureAwait(false);
                var decided = new Dictionary<int, ItemOutcome<bool>>();
                decided[0] = state == true ? new ItemOutcome<bool>(true)
                    : state == false ? new ItemOutcome<bool>(WriteOutcomes.NotDone(write, subject + " is unchanged"))
                    : new ItemOutcome<bool>(WriteOutcomes.Unknown(write));
                if (state == true) Verbose($"{char.ToUpperInvariant(subject[0])}{subject.Substring(1)} is {done} on the exchange (the request got no clear answer: {write.WriteError.Kind}).");
                return decided;
            }, Pause, ct).ConfigureAwait(false);
            if (outcomes[0].Error != null) throw outcomes[0].Error;
            return true;
        }

        /// <summary>Between lookup rounds: the session's retry delay, doubling.</summary>
        private Task Pause(int round, CancellationToken ct) =>
            _session.Time.Delay(TimeSpan.FromTicks(_session.RetryDelay.Ticks * (1L << Math.Min(round, 10))), ct);
    }
}
