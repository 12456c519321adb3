using System;
using System.IO;
using System.Management.Automation;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Fix;
using KalshiPS.Fix.Client;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// What the FIX cmdlets share: finding the session's connection of a kind, running FIX work with the connection's
    /// trace written as -Verbose lines (one per FIX message, secrets redacted), and FIX failures as error records.
    /// </summary>
    public abstract partial class KalshiCmdlet
    {
        private FixTraceBuffer _fixTrace;

        /// <summary>The active session's open FIX connection of <paramref name="kind"/>, or a terminating error saying how to open one.</summary>
        internal KalshiFixConnection RequireFix(KalshiFixSessionType kind)
        {
            var set = ActiveSession.Fix;
            var open = set.Get(kind);
            if (open != null) return open;
            var closed = set.Last(kind);
            var why = closed != null ? $"The {kind} FIX connection closed ({closed.ClosedReason ?? "closed"}); it is never reopened by itself. " : $"This session has no {kind} FIX connection. ";
            ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(why + $"Run Connect-KalshiFix -SessionType {kind} first."),
                "KalshiFixNotConnected", ErrorCategory.ConnectionError, kind));
            return null;
        }

        /// <summary>Runs FIX work on the thread pool with <paramref name="trace"/>'s lines going to -Verbose.</summary>
        internal void RunFix(FixTrace trace, Func<CancellationToken, Task> work)
        {
            using (var buffer = trace.Attach())
            {
                _fixTrace = buffer;
                try
                {
                    RunAsync(async ct =>
                    {
                        try { await work(ct).ConfigureAwait(false); }
                        finally { EmitFixTrace(); }
                    });
                }
                finally { _fixTrace = null; }
            }
        }

        /// <summary>Writes the FIX trace lines so far as -Verbose (call before emitting a result, so lines come first).</summary>
        internal void EmitFixTrace()
        {
            var buffer = _fixTrace;
            if (buffer == null) return;
            foreach (var line in buffer.Drain()) EmitVerbose(line);
        }

        internal Session.KalshiSession ActiveSessionForFix => ActiveSession;
        internal Api.OrdersApi OrdersForFix => Orders;
        internal void EmitFixObject(object item) => Emit(item);
        internal void EmitFixError(Exception e, object target) => EmitError(e, target);

        /// <summary>A FIX failure as an error record with a stable id and what to do.</summary>
        internal static ErrorRecord FixError(Exception e, object target)
        {
            if (e is AggregateException agg && agg.InnerExceptions.Count == 1) e = agg.InnerException;
            switch (e)
            {
                case FixLogonException logon:
                    return new ErrorRecord(new InvalidOperationException(logon.Message.TrimEnd('.') + ". Check that the API key id and private key belong together and to this environment, that the key has FIX access (Kalshi grants it from the Premier tier; institutional@kalshi.com), that no other connection with this key is logged on to the same session type, and that the clock is synced.", logon),
                        "KalshiFixLogonRefused", ErrorCategory.AuthenticationError, target);
                case AuthenticationException tls:
                    return new ErrorRecord(new AuthenticationException(tls.Message + " The server's certificate was not accepted; nothing was sent. For a server with its own certificate (the sandbox), pass -CertificatePath with its PEM file.", tls),
                        "KalshiFixTlsFailed", ErrorCategory.SecurityError, target);
                case SocketException socket:
                    return new ErrorRecord(new IOException($"Could not connect to the FIX gateway {target}: {socket.Message}. Check -HostName/-Port (or $env:KALSHI_FIX_HOST and the port variables).", socket),
                        "KalshiFixConnectFailed", ErrorCategory.ConnectionError, target);
                case IOException io:
                    return new ErrorRecord(new IOException($"The FIX connection to {target} failed: {io.Message}", io), "KalshiFixConnectFailed", ErrorCategory.ConnectionError, target);
                case InvalidOperationException invalid:
                    return new ErrorRecord(invalid, "KalshiFixInvalidOperation", ErrorCategory.InvalidOperation, target);
                default:
                    return ErrorRecords.From(e, target);
            }
        }
    }
}
