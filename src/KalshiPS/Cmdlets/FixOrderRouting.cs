using System;
using System.Threading.Tasks;
using KalshiPS.Api;
using KalshiPS.Fix.Client;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// The -Via Fix half of New-, Set- and Remove-KalshiOrder: the cmdlets validate exactly as for REST, then hand the
    /// order here, which checks what FIX cannot carry (before -WhatIf), sends it on the session's order-entry connection
    /// and writes the outcome (done, not done with Kalshi's Text, or unknown with the command that settles it).
    /// </summary>
    internal static class FixOrderRouting
    {
        /// <summary>-Via Fix checks for a new order; the order-entry connection, or a terminating error.</summary>
        public static KalshiFixConnection ForNew(KalshiCmdlet cmdlet, OrderSpec spec)
        {
            FixOrderTranslation.CheckFixLimits(spec); // OrderValidationException: the caller reports it per record
            return cmdlet.RequireFix(KalshiFixSessionType.OrderEntry);
        }

        public static void Place(KalshiCmdlet cmdlet, KalshiFixConnection fix, OrderSpec spec, string target)
        {
            var entry = new FixOrderEntry(fix, cmdlet.ActiveSessionForFix.Fix);
            var rest = cmdlet.OrdersForFix;
            cmdlet.RunFix(fix.Trace, async ct =>
            {
                try
                {
                    var result = await entry.PlaceAsync(spec, rest, ct).ConfigureAwait(false);
                    cmdlet.EmitFixTrace();
                    cmdlet.EmitFixObject(result);
                }
                catch (Exception e) when (!ct.IsCancellationRequested && (e is KalshiApiException || e is ArgumentException))
                {
                    cmdlet.EmitFixTrace();
                    cmdlet.EmitFixError(e, target);
                }
            });
        }

        /// <summary>-Via Fix checks for an amend (a whole-cent Yes price, no expiration change); the connection, or a terminating error.</summary>
        public static KalshiFixConnection ForAmend(KalshiCmdlet cmdlet, decimal yesPrice, bool expirationGiven)
        {
            if (expirationGiven)
                throw new OrderValidationException("Kalshi's FIX OrderCancelReplaceRequest cannot change -ExpirationTime; amend it over REST (-Via Rest).", "ExpirationTime");
            FixOrderTranslation.YesCents(yesPrice, "Price");
            return cmdlet.RequireFix(KalshiFixSessionType.OrderEntry);
        }

        public static void Amend(KalshiCmdlet cmdlet, KalshiFixConnection fix, KalshiOrder current, string ticker, decimal yesPrice, decimal total, bool passThru)
        {
            var entry = new FixOrderEntry(fix, cmdlet.ActiveSessionForFix.Fix);
            cmdlet.RunFix(fix.Trace, async ct =>
            {
                try
                {
                    var after = await entry.ReplaceAsync(current, ticker, yesPrice, total, ct).ConfigureAwait(false);
                    cmdlet.EmitFixTrace();
                    if (passThru) cmdlet.EmitFixObject(after);
                }
                catch (Exception e) when (!ct.IsCancellationRequested && (e is KalshiApiException || e is ArgumentException))
                {
                    cmdlet.EmitFixTrace();
                    cmdlet.EmitFixError(e, current.OrderId);
                }
            });
        }

        /// <summary>
        /// Cancels one order over FIX. Its ClOrdID, market and side come from this session's reports, else from a REST
        /// read of the order (a read only: nothing is changed over REST).
        /// </summary>
        public static void Cancel(KalshiCmdlet cmdlet, KalshiFixConnection fix, string orderId, string ticker, int? subaccount, bool passThru)
        {
            var set = cmdlet.ActiveSessionForFix.Fix;
            var entry = new FixOrderEntry(fix, set);
            var rest = cmdlet.OrdersForFix;
            cmdlet.RunFix(fix.Trace, async ct =>
            {
                try
                {
                    KalshiOrder current = null;
                    var known = set.Orders.Find(orderId);
                    if (known?.ClOrdId == null || known.Symbol == null)
                    {
                        current = await rest.GetOrderAsync(orderId, ct).ConfigureAwait(false);
                        if (current != null && current.Ticker == null) current.Ticker = ticker;
                    }
                    var done = await entry.CancelAsync(orderId, current, subaccount, ct).ConfigureAwait(false);
                    cmdlet.EmitFixTrace();
                    if (passThru) cmdlet.EmitFixObject(done);
                }
                catch (Exception e) when (!ct.IsCancellationRequested && (e is KalshiApiException || e is ArgumentException))
                {
                    cmdlet.EmitFixTrace();
                    cmdlet.EmitFixError(e, orderId);
                }
            });
        }

        /// <summary>Kalshi documents no FIX mass cancel, so -Ticker and -All stay on REST.</summary>
        public const string NoMassCancel = "Kalshi's FIX order entry documents no mass cancel; cancel by -OrderId with -Via Fix, use Remove-KalshiOrder -Ticker/-All without -Via (REST), or connect with Connect-KalshiFix -CancelOnDisconnect.";
    }
}
