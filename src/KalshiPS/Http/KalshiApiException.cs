using System;
using System.Net;
using KalshiPS.Models;

namespace KalshiPS.Http
{
    /// <summary>
    /// An error answer from Kalshi (or a Kalshi-compatible server). Kind is the stable classification cmdlets turn into
    /// an ErrorRecord; Code/ApiMessage/Details are Kalshi's own words from the body.
    /// </summary>
    public class KalshiApiException : Exception
    {
        public KalshiApiException(KalshiErrorKind kind, int statusCode, string method, string path, KalshiErrorBody body, Exception inner = null)
            : this(Describe(kind, statusCode, method, path, body), kind, statusCode, method, path, body, inner) { }

        /// <summary>For answers that never came (<see cref="KalshiTransportException"/>), which word their message differently.</summary>
        protected KalshiApiException(string message, KalshiErrorKind kind, int statusCode, string method, string path, KalshiErrorBody body, Exception inner)
            : base(message, inner)
        {
            Kind = kind;
            StatusCode = statusCode;
            Method = method;
            Path = path;
            Code = body?.Code;
            ApiMessage = body?.Message;
            Details = body?.Details;
            Service = body?.Service;
        }

        /// <summary>
        /// A market a batch read asked for but did not return: batch endpoints omit unknown tickers instead of
        /// answering 404, so the caller reports it the way a single GET would have.
        /// </summary>
        public static KalshiApiException MarketMissing(string ticker, string path) =>
            new KalshiApiException(KalshiErrorKind.NotFound, 404, "GET", path,
                new KalshiErrorBody { Code = "not_found", Message = $"market '{ticker}' was not found" });

        public KalshiErrorKind Kind { get; }
        public int StatusCode { get; }
        public string Method { get; }
        public string Path { get; }
        public string Code { get; }
        public string ApiMessage { get; }
        public string Details { get; }
        public string Service { get; }

        public static KalshiErrorKind KindFor(int status)
        {
            switch (status)
            {
                case 400: case 422: return KalshiErrorKind.InvalidRequest;
                case 401: return KalshiErrorKind.Authentication;
                case 403: return KalshiErrorKind.PermissionDenied;
                case 404: return KalshiErrorKind.NotFound;
                case 409: return KalshiErrorKind.Conflict;
                case 410: return KalshiErrorKind.Gone;
                case 429: return KalshiErrorKind.RateLimited;
                default: return status >= 500 ? KalshiErrorKind.ServerUnavailable : KalshiErrorKind.InvalidRequest;
            }
        }

        private static string Describe(KalshiErrorKind kind, int status, string method, string path, KalshiErrorBody body)
        {
            var what = body?.Message ?? body?.Code ?? ((HttpStatusCode)status).ToString();
            var code = body?.Code != null && body.Code != what ? $" [{body.Code}]" : "";
            var details = !string.IsNullOrEmpty(body?.Details) ? $" ({body.Details})" : "";
            return $"Kalshi answered {status} to {method} {path}: {what}{code}{details}. {Advice(kind, body?.Code, path)}".TrimEnd();
        }

        /// <summary>Which id to check, and which cmdlet lists them, by the resource the path names.</summary>
        private static string NotFoundAdvice(string path)
        {
            var p = (path ?? "").Split('?')[0].ToLowerInvariant();
            if (p.Contains("/orders")) return "Check the order id (Get-KalshiOrder lists your orders).";
            if (p.StartsWith("/series/") && p.Contains("/markets/")) return "Check the series and market tickers (Get-KalshiSeries, Get-KalshiMarket).";
            if (p.StartsWith("/series")) return "Check the series ticker (Get-KalshiSeries lists series).";
            if (p.StartsWith("/events")) return "Check the event ticker (Get-KalshiEvent lists events).";
            if (p.StartsWith("/markets")) return "Check the market ticker (Get-KalshiMarket lists markets).";
            return "Check the ticker or id in the request path.";
        }

        private static string Advice(KalshiErrorKind kind, string code, string path)
        {
            if (code == "header_timestamp_expired")
                return "Your clock is off: sync it (NTP); Kalshi rejects timestamps more than a few seconds old.";
            switch (kind)
            {
                case KalshiErrorKind.Authentication:
                    return "Check the API key id and private key belong together and to this environment (demo keys only work on demo), and that the clock is synced.";
                case KalshiErrorKind.PermissionDenied: return "The API key lacks the scope or tier for this call.";
                case KalshiErrorKind.NotFound: return NotFoundAdvice(path);
                case KalshiErrorKind.RateLimited: return "Retries were exhausted; lower the request rate (Connect-Kalshi -Tier/-ReadRate/-WriteRate) or raise -MaxRetries.";
                case KalshiErrorKind.ServerUnavailable: return "The exchange is unavailable; retry later (Get-KalshiExchangeStatus shows maintenance).";
                case KalshiErrorKind.Gone: return "This endpoint was retired by Kalshi; update KalshiPS.";
                default: return "";
            }
        }
    }

    /// <summary>The request never got an answer: timed out or the connection failed, after every retry.</summary>
    public sealed class KalshiTransportException : KalshiApiException
    {
        /// <param name="host">host:port the request went to, named in the message (a refused connection is about the server, not Kalshi's answer).</param>
        public KalshiTransportException(KalshiErrorKind kind, string method, string path, string reason, Exception inner, string host = null)
            : base(Describe(kind, method, path, reason, inner, host), kind, 0, method, path, new KalshiErrorBody { Message = reason }, inner) { }

        private static string Describe(KalshiErrorKind kind, string method, string path, string reason, Exception inner, string host)
        {
            var where = string.IsNullOrEmpty(host) ? "the server" : host;
            if (kind != KalshiErrorKind.Connection) return $"No answer from {where} to {method} {path}: {reason}.";
            return $"Could not connect to {where}: {SocketReason(inner) ?? reason}. Is the server running, and is the base URI right (Connect-Kalshi -BaseUri)? ({method} {path})";
        }

        /// <summary>"connection refused", "host not found", ... from the socket error under the HTTP exception.</summary>
        private static string SocketReason(Exception e)
        {
            for (; e != null; e = e.InnerException)
            {
                if (!(e is System.Net.Sockets.SocketException socket)) continue;
                switch (socket.SocketErrorCode)
                {
                    case System.Net.Sockets.SocketError.ConnectionRefused: return "connection refused";
                    case System.Net.Sockets.SocketError.HostNotFound: case System.Net.Sockets.SocketError.NoData: return "host not found";
                    case System.Net.Sockets.SocketError.TimedOut: return "connection timed out";
                    case System.Net.Sockets.SocketError.ConnectionReset: return "connection reset";
                    case System.Net.Sockets.SocketError.NetworkUnreachable: case System.Net.Sockets.SocketError.HostUnreachable: return "host unreachable";
                    default: return socket.Message;
                }
            }
            return null;
        }
    }
}
