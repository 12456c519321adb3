using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Api
{
    /// <summary>One write whose answer did not settle it, and what a user needs to settle it by hand.</summary>
    internal sealed class UnsettledWrite
    {
        public UnsettledWrite(int index, KalshiApiException writeError, string done, string subject, string clientOrderId, string orderId, string settleCommand)
        {
            Index = index; WriteError = writeError; Done = done; Subject = subject; ClientOrderId = clientOrderId; OrderId = orderId; SettleCommand = settleCommand;
        }

        /// <summary>Position of the item in the caller's outcome list.</summary>
        public int Index { get; }
        /// <summary>The write's own last error: it stays the report unless the exchange's state says otherwise.</summary>
        public KalshiApiException WriteError { get; }
        /// <summary>The past participle of the write: placed, canceled, amended, decreased.</summary>
        public string Done { get; }
        /// <summary>"order with client order id X on T", "order X".</summary>
        public string Subject { get; }
        public string ClientOrderId { get; }
        public string OrderId { get; }
        public string SettleCommand { get; }
        /// <summary>Extra advice for an unknown outcome (how to repeat the write safely).</summary>
        public string Repeat { get; set; }
        /// <summary>Why the last lookup of this item failed, if it did.</summary>
        public KalshiApiException LookupError { get; set; }
    }

    /// <summary>
    /// Settles writes that may have been committed from the exchange's state. Every create, cancel, amend and decrease
    /// (single or batched) ends here when an attempt got no clear answer: a lookup (retried, in rounds) decides done or
    /// not done; when it cannot, the item is "unknown" with its ids and the command that settles it. A failed lookup
    /// never replaces the write's own outcome.
    /// </summary>
    internal static class WriteOutcomes
    {
        /// <summary>Lookup rounds on top of the pipeline's own retries of each read.</summary>
        internal const int LookupRounds = 3;

        /// <summary>
        /// <paramref name="lookup"/> reads the state of the items it is given and returns an outcome per item it could
        /// decide (done: the value; not done: an error; or <see cref="Unknown"/> when the state does not tell). Items it
        /// leaves out (their read failed: set <see cref="UnsettledWrite.LookupError"/>) or all items, when it throws,
        /// are read again in the next round.
        /// </summary>
        public static async Task SettleAsync<T>(ItemOutcome<T>[] outcomes, IReadOnlyList<UnsettledWrite> unsettled,
            Func<IReadOnlyList<UnsettledWrite>, CancellationToken, Task<IDictionary<int, ItemOutcome<T>>>> lookup,
            Func<int, CancellationToken, Task> pause, CancellationToken ct)
        {
            var left = unsettled.ToList();
            for (int round = 0; left.Count > 0 && round < LookupRounds; round++)
            {
                if (round > 0) await pause(round, ct).ConfigureAwait(false);
                IDictionary<int, ItemOutcome<T>> decided;
                try { decided = await lookup(left, ct).ConfigureAwait(false); }
                catch (KalshiApiException e) when (!ct.IsCancellationRequested)
                {
                    foreach (var w in left) w.LookupError = e;
                    continue;
                }
                foreach (var w in left)
                    if (decided.TryGetValue(w.Index, out var o)) outcomes[w.Index] = o;
                left = left.Where(w => !decided.ContainsKey(w.Index)).ToList();
            }
            foreach (var w in left) outcomes[w.Index] = new ItemOutcome<T>(Unknown(w));
        }

        /// <summary>The report of a write nobody can settle now: what may have happened, and how to find out.</summary>
        public static KalshiOutcomeUnknownException Unknown(UnsettledWrite w)
        {
            var why = w.LookupError != null
                ? "reading the exchange's state failed too: " + Reason(w.LookupError)
                : "the exchange's state does not show it";
            var message = $"{Reason(w.WriteError)}; {w.Subject}: whether it was {w.Done} is unknown ({why}). Check with {w.SettleCommand}{w.Repeat}";
            return new KalshiOutcomeUnknownException(w.WriteError, message, w.ClientOrderId, w.OrderId, w.SettleCommand, w.LookupError);
        }

        /// <summary>The write's error with the exchange's word that it did not happen.</summary>
        public static KalshiApiException NotDone(UnsettledWrite w, string state) =>
            new KalshiApiException(w.WriteError.Kind, w.WriteError.StatusCode, w.WriteError.Method, w.WriteError.Path, new KalshiErrorBody
            {
                Code = w.WriteError.Code,
                Message = $"{Reason(w.WriteError)}; {state}, so it was not {w.Done}",
            }, w.WriteError);

        /// <summary>May this error come from an attempt the server acted on (no answer, or a server failure)?</summary>
        public static bool IsUnclear(KalshiApiException e) =>
            e is KalshiTransportException || e.Kind == KalshiErrorKind.ServerUnavailable || e.Kind == KalshiErrorKind.Timeout || e.Kind == KalshiErrorKind.Connection;

        private static string Reason(KalshiApiException e) => e.ApiMessage ?? e.Code ?? e.Kind.ToString();
    }
}
