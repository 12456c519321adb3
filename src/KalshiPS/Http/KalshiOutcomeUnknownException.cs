using System;
using KalshiPS.Models;

namespace KalshiPS.Http
{
    /// <summary>
    /// A create, cancel, amend or decrease that may or may not have happened: an attempt got no clear answer and the
    /// exchange's state could not be read (or did not tell). Carries the ids and the command that settles it.
    /// </summary>
    public sealed class KalshiOutcomeUnknownException : KalshiApiException
    {
        internal KalshiOutcomeUnknownException(KalshiApiException write, string message, string clientOrderId, string orderId, string settleCommand, Exception lookupError)
            : base(KalshiErrorKind.OutcomeUnknown, write.StatusCode, write.Method, write.Path, new KalshiErrorBody { Code = write.Code, Message = message },
                lookupError == null ? (Exception)write : new AggregateException(write, lookupError))
        {
            ClientOrderId = clientOrderId;
            OrderId = orderId;
            SettleCommand = settleCommand;
            WriteError = write;
        }

        /// <summary>The order's client order id (always set for creates; for other writes when it was known).</summary>
        public string ClientOrderId { get; }
        /// <summary>The order's id (null for a create whose order id was never seen).</summary>
        public string OrderId { get; }
        /// <summary>The command that shows what happened, e.g. "Get-KalshiOrder -Ticker T -ClientOrderId X".</summary>
        public string SettleCommand { get; }
        /// <summary>The write's own last error.</summary>
        public KalshiApiException WriteError { get; }
    }
}
