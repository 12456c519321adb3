using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Http;
using KalshiPS.Session;
using KalshiPS.Wire;

namespace KalshiPS.Api
{
    /// <summary>What the exchange's state says about one write that got no clear answer.</summary>
    internal sealed class WriteCheck<T>
    {
        private WriteCheck(bool? done, T value, string state) { Done = done; Value = value; State = state; }
        public bool? Done { get; }
        public T Value { get; }
        public string State { get; }
        public static WriteCheck<T> Happened(T value) => new WriteCheck<T>(true, value, null);
        public static WriteCheck<T> DidNotHappen(string state) => new WriteCheck<T>(false, default, state);
        public static WriteCheck<T> CannotTell() => new WriteCheck<T>(null, default, null);
    }

    /// <summary>How one write (not an order: RFQs, quotes, block trades, API keys) is described when it must be settled.</summary>
    internal sealed class WriteSubject
    {
        public WriteSubject(string done, string subject, string settleCommand, string id = null)
        {
            Done = done; Subject = subject; SettleCommand = settleCommand; Id = id;
        }
        public string Done { get; }
        public string Subject { get; }
        public string SettleCommand { get; }
        public string Id { get; }
    }

    /// <summary>
    /// One write with a true outcome: sent once (or retried when <see cref="KalshiRequest.RetrySafe"/>); when no attempt
    /// got a clear answer, or a retry of a delete found nothing to delete, the exchange's state decides (see
    /// <see cref="WriteOutcomes"/>): done (the value), not done (an error saying so) or unknown (with the command that settles it).
    /// </summary>
    internal static class SingleWrite
    {
        public static async Task<T> SendAsync<T>(KalshiSession session, KalshiRequest request, ReadValue<T> read, WriteSubject what,
            Func<CancellationToken, Task<WriteCheck<T>>> check, CancellationToken ct)
        {
            var outcomes = new ItemOutcome<T>[1];
            try { return await session.Http.SendAsync(request, read, ct).ConfigureAwait(false); }
            catch (KalshiApiException e) when (!ct.IsCancellationRequested && MayHaveHappened(request, e))
            {
                outcomes[0] = new ItemOutcome<T>(e);
            }
            var write = new UnsettledWrite(0, (KalshiApiException)outcomes[0].Error, what.Done, what.Subject, null, what.Id, what.SettleCommand);
            await WriteOutcomes.SettleAsync(outcomes, new[] { write }, async (items, c) =>
            {
                WriteCheck<T> state;
                try { state = await check(c).ConfigureAwait(false); }
                catch (KalshiApiException e) when (!c.IsCancellationRequested) { write.LookupError = e; return new Dictionary<int, ItemOutcome<T>>(); }
                var decided = new Dictionary<int, ItemOutcome<T>>();
                if (state.Done == true)
                {
                    RequestLog.Current?.Verbose($"{Capital(what.Subject)} is {what.Done} on the exchange (the request got no clear answer: {write.WriteError.Kind}).");
                    decided[0] = new ItemOutcome<T>(state.Value);
                }
                else if (state.Done == false) decided[0] = new ItemOutcome<T>(WriteOutcomes.NotDone(write, state.State));
                else decided[0] = new ItemOutcome<T>(WriteOutcomes.Unknown(write));
                return decided;
            }, (round, c) => session.Time.Delay(TimeSpan.FromTicks(session.RetryDelay.Ticks * (1L << Math.Min(round, 10))), c), ct).ConfigureAwait(false);
            return outcomes[0].Error == null ? outcomes[0].Value : throw outcomes[0].Error;
        }

        /// <summary>No clear answer to some attempt, or "not found" to a retry whose first attempt may have done it.</summary>
        private static bool MayHaveHappened(KalshiRequest request, KalshiApiException e) =>
            request.MayHaveCommitted || WriteOutcomes.IsUnclear(e) || (e.Kind == Models.KalshiErrorKind.NotFound && request.Attempts > 1);

        private static string Capital(string s) => string.IsNullOrEmpty(s) ? s : char.ToUpperInvariant(s[0]) + s.Substring(1);

        /// <summary>A reader for answers whose body does not matter (204, or {}).</summary>
        public static bool Ignore(ref System.Text.Json.Utf8JsonReader r) { r.Skip(); return true; }
    }
}
