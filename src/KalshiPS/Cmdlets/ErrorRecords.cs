using System;
using System.Management.Automation;
using KalshiPS.Auth;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Exceptions to ErrorRecords with stable ids and categories, Kalshi's own words in ErrorDetails.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(Exception e, object target)
        {
            if (e is AggregateException agg && agg.InnerExceptions.Count == 1) e = agg.InnerException;
            switch (e)
            {
                case KalshiApiException api:
                {
                    var record = new ErrorRecord(api, "Kalshi" + api.Kind, Category(api.Kind), target);
                    var detail = api.Code != null ? $"{api.ApiMessage ?? api.Code} (Kalshi code: {api.Code}{(api.Details != null ? ", " + api.Details : "")})" : api.ApiMessage;
                    record.ErrorDetails = new ErrorDetails(api.Message) { RecommendedAction = detail ?? "" };
                    return record;
                }
                case KalshiKeyException key:
                    return new ErrorRecord(key, "KalshiPrivateKeyInvalid", ErrorCategory.InvalidData, null);
                case OrderLimitException limit:
                    return new ErrorRecord(limit, "KalshiOrderLimitExceeded", ErrorCategory.LimitsExceeded, target);
                case OrderValidationException invalid:
                    return new ErrorRecord(invalid, "KalshiOrderInvalid", ErrorCategory.InvalidArgument, target);
                case ArgumentException arg:
                    return new ErrorRecord(arg, "KalshiInvalidArgument", ErrorCategory.InvalidArgument, target);
                case Fix.Client.FixConnectionLostException lost:
                    return new ErrorRecord(lost, "KalshiFixConnectionClosed", ErrorCategory.ConnectionError, target);
                case TimeoutException timeout:
                    return new ErrorRecord(timeout, "KalshiTimeout", ErrorCategory.OperationTimeout, target);
                default:
                    return new ErrorRecord(e, "KalshiUnexpectedError", ErrorCategory.NotSpecified, target);
            }
        }

        public static ErrorCategory Category(KalshiErrorKind kind)
        {
            switch (kind)
            {
                case KalshiErrorKind.Authentication: return ErrorCategory.AuthenticationError;
                case KalshiErrorKind.PermissionDenied: return ErrorCategory.PermissionDenied;
                case KalshiErrorKind.NotFound: return ErrorCategory.ObjectNotFound;
                case KalshiErrorKind.Conflict: return ErrorCategory.ResourceExists;
                case KalshiErrorKind.RateLimited: return ErrorCategory.LimitsExceeded;
                case KalshiErrorKind.ServerUnavailable: return ErrorCategory.ResourceUnavailable;
                case KalshiErrorKind.Timeout: return ErrorCategory.OperationTimeout;
                case KalshiErrorKind.Connection: return ErrorCategory.ConnectionError;
                case KalshiErrorKind.Gone: return ErrorCategory.NotImplemented;
                case KalshiErrorKind.OutcomeUnknown: return ErrorCategory.ResourceUnavailable;
                default: return ErrorCategory.InvalidArgument;
            }
        }

        public static ErrorRecord NotConnected() => new ErrorRecord(
            new InvalidOperationException("No Kalshi session: run Connect-Kalshi first (or set KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY_PATH), or pass -Session."),
            "KalshiNotConnected", ErrorCategory.AuthenticationError, null);
    }

    /// <summary>An order that fails validation before anything is sent.</summary>
    public class OrderValidationException : ArgumentException
    {
        private readonly string _message;
        public OrderValidationException(string message, string paramName = null) : base(message, paramName) { _message = message; }
        /// <summary>The explanation alone (it already names the parameter; no "(Parameter ...)" suffix).</summary>
        public override string Message => _message ?? base.Message;
    }

    /// <summary>An order above the session's -MaxOrderCount or -MaxOrderCost; nothing is sent.</summary>
    public sealed class OrderLimitException : OrderValidationException
    {
        public OrderLimitException(string message, string paramName = null) : base(message, paramName) { }
    }
}
