using System;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Fix.Client
{
    /// <summary>
    /// Kalshi's FIX gateway refused a request (a reject ExecutionReport, OrderCancelReject, BusinessMessageReject or
    /// session Reject), or gave no answer in time. It is a <see cref="KalshiApiException"/> so errors and outcomes read the
    /// same as over REST; StatusCode is 0 (FIX has none), Method is "FIX" and Path names the message ("35=D NewOrderSingle").
    /// </summary>
    public sealed class KalshiFixException : KalshiApiException
    {
        internal KalshiFixException(KalshiErrorKind kind, string request, string message, string kalshiText = null, string code = null, Exception inner = null)
            : base(message, kind, 0, "FIX", request, new KalshiErrorBody { Message = kalshiText ?? message, Code = code }, inner) { }
    }
}
