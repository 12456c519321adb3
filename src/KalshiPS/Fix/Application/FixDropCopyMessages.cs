using System;
using System.Globalization;

namespace KalshiPS.Fix
{
    /// <summary>
    /// Kalshi's ExecID: two numbers joined by ';' ("12345;67890"); drop copy ranges compare them in order, first part
    /// first. Anything else is not an ExecID a range can name.
    /// </summary>
    internal static class FixExecId
    {
        public static bool TryParse(string execId, out long first, out long second)
        {
            first = second = 0;
            if (string.IsNullOrEmpty(execId)) return false;
            var semi = execId.IndexOf(';');
            if (semi <= 0 || semi == execId.Length - 1) return false;
            var a = execId.Substring(0, semi);
            var b = execId.Substring(semi + 1);
            return FixEncoding.IsDigits(a) && FixEncoding.IsDigits(b)
                && long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out first)
                && long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out second);
        }

        public static string Format(long first, long second) =>
            first.ToString(CultureInfo.InvariantCulture) + ";" + second.ToString(CultureInfo.InvariantCulture);

        /// <summary>Orders two well-formed ExecIDs; throws on malformed ones (check with TryParse first).</summary>
        public static int Compare(string x, string y)
        {
            if (!TryParse(x, out var x1, out var x2)) throw new FormatException("Not an ExecID: " + x);
            if (!TryParse(y, out var y1, out var y2)) throw new FormatException("Not an ExecID: " + y);
            var c = x1.CompareTo(y1);
            return c != 0 ? c : x2.CompareTo(y2);
        }
    }

    /// <summary>EventResendRequest (35=U1): resend the ExecutionReports from BeginExecID to EndExecID (both inclusive; end defaults to the latest).</summary>
    internal sealed class FixEventResendRequest
    {
        public string BeginExecId { get; set; }
        public string EndExecId { get; set; }

        public FixMessage ToMessage()
        {
            var m = new FixMessage(FixAppMsgTypes.EventResendRequest).Add(FixAppTags.BeginExecID, BeginExecId);
            if (!string.IsNullOrEmpty(EndExecId)) m.Add(FixAppTags.EndExecID, EndExecId);
            return m;
        }

        public static bool TryParse(FixMessage m, out FixEventResendRequest request, out string error)
        {
            request = null;
            error = m.MsgType == FixAppMsgTypes.EventResendRequest ? null : "Not an EventResendRequest.";
            FixValues.Read<string>(m, FixAppTags.BeginExecID, true, FixValues.TryText, out var begin, ref error);
            var end = m.Get(FixAppTags.EndExecID);
            if (error == null && !FixExecId.TryParse(begin, out _, out _)) error = "BeginExecID (21001) is not an ExecID of the form N;M.";
            if (error == null && end != null && !FixExecId.TryParse(end, out _, out _)) error = "EndExecID (21002) is not an ExecID of the form N;M.";
            if (error != null) return false;
            request = new FixEventResendRequest { BeginExecId = begin, EndExecId = end };
            return true;
        }
    }

    /// <summary>EventResendComplete (35=U2): every requested report has been resent.</summary>
    internal sealed class FixEventResendComplete
    {
        public long RefSeqNum { get; set; }
        public int ResentEventCount { get; set; }

        public FixMessage ToMessage() => new FixMessage(FixAppMsgTypes.EventResendComplete)
            .Add(FixTags.RefSeqNum, RefSeqNum).Add(FixAppTags.ResentEventCount, ResentEventCount);

        public static bool TryParse(FixMessage m, out FixEventResendComplete complete, out string error)
        {
            complete = null;
            error = m.MsgType == FixAppMsgTypes.EventResendComplete ? null : "Not an EventResendComplete.";
            FixValues.Read<int>(m, FixAppTags.ResentEventCount, true, FixValues.TryInt, out var count, ref error);
            if (error != null) return false;
            m.TryGetInt(FixTags.RefSeqNum, out var refSeq);
            complete = new FixEventResendComplete { RefSeqNum = refSeq, ResentEventCount = count };
            return true;
        }
    }

    /// <summary>EventResendRejectReason (21004).</summary>
    internal enum FixEventResendRejectReason { TooManyRequests = 1, ServerError = 2, BeginOutsideWindow = 3, EndTooLarge = 4 }

    /// <summary>EventResendReject (35=U3): the resend request cannot be served.</summary>
    internal sealed class FixEventResendReject
    {
        public long RefSeqNum { get; set; }
        public FixEventResendRejectReason Reason { get; set; }
        public string Text { get; set; }

        /// <summary>What the reason means for the user, and what to do.</summary>
        public string Describe()
        {
            switch (Reason)
            {
                case FixEventResendRejectReason.TooManyRequests: return "Too many drop copy requests; wait and ask again.";
                case FixEventResendRejectReason.ServerError: return "The drop copy service failed; ask again, or read orders and fills over REST.";
                case FixEventResendRejectReason.BeginOutsideWindow: return "The begin ExecID is older than the drop copy's 3-hour window; use Get-KalshiFill / Get-KalshiOrder over REST for older events.";
                case FixEventResendRejectReason.EndTooLarge: return "The end ExecID is beyond the latest report; leave it out to mean 'up to the latest'.";
                default: return "The drop copy request was refused (reason " + (int)Reason + ").";
            }
        }

        public FixMessage ToMessage()
        {
            var m = new FixMessage(FixAppMsgTypes.EventResendReject).Add(FixTags.RefSeqNum, RefSeqNum).Add(FixAppTags.EventResendRejectReason, (int)Reason);
            if (!string.IsNullOrEmpty(Text)) m.Add(FixTags.Text, Text);
            return m;
        }

        public static bool TryParse(FixMessage m, out FixEventResendReject reject, out string error)
        {
            reject = null;
            error = m.MsgType == FixAppMsgTypes.EventResendReject ? null : "Not an EventResendReject.";
            FixValues.Read<int>(m, FixAppTags.EventResendRejectReason, true, FixValues.TryInt, out var reason, ref error);
            if (error != null) return false;
            m.TryGetInt(FixTags.RefSeqNum, out var refSeq);
            reject = new FixEventResendReject { RefSeqNum = refSeq, Reason = (FixEventResendRejectReason)reason, Text = m.Get(FixTags.Text) };
            return true;
        }
    }
}
