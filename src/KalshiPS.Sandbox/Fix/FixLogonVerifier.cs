using KalshiPS.Fix;

namespace KalshiPS.Sandbox;

/// <summary>
/// Kalshi's FIX Logon rules, as documented: SenderCompID (49) is an API key id the key store knows; RawData (96) is
/// the base64 RSA-PSS-SHA256 signature, by that key, of SendingTime, MsgType, MsgSeqNum, SenderCompID and TargetCompID
/// joined by SOH (checked with the REST verifier's key check); SendingTime is within the tolerance of the exchange
/// clock; HeartBtInt (108), when given, is above 3 seconds; sessions without retransmission (KalshiNR, KalshiDC, KalshiMD) must send ResetSeqNumFlag 141=Y. The
/// TargetCompID itself is checked by the session against the listener's name before this runs.
/// </summary>
internal sealed class FixLogonVerifier(SignatureVerifier signatures, TimeProvider clock, Func<TimeSpan> tolerance)
{
    /// <summary>Null when the Logon is acceptable, else the Logout text.</summary>
    public string? Verify(FixMessage logon, FixSessionKind kind, out string userId)
    {
        userId = "";
        var keyId = logon.Get(FixTags.SenderCompID) ?? "";
        var signature = logon.Get(FixTags.RawData);
        if (string.IsNullOrEmpty(signature))
            return "RawData (96) is missing: the Logon must carry the RSA-PSS signature of SendingTime, MsgType, MsgSeqNum, SenderCompID and TargetCompID";
        var sendingTime = logon.Get(FixTags.SendingTime);
        if (sendingTime == null || !FixTime.TryParse(sendingTime, out var sent))
            return "SendingTime (52) is missing or not a UTC timestamp (yyyyMMdd-HH:mm:ss.fff)";
        var failure = signatures.VerifySignature(keyId, FixLogonSignature.PreHash(logon), signature, out userId);
        if (failure != null)
            return failure.Code == "not_found"
                ? $"Unknown API key: SenderCompID (49) {keyId} is not a key of this exchange"
                : "Invalid signature in RawData (96): it must be the RSA-PSS-SHA256 signature of SendingTime, MsgType, MsgSeqNum, SenderCompID and TargetCompID joined by SOH, made with the API key's private key";
        var now = clock.GetUtcNow();
        var skew = (sent - now).Duration();
        if (skew > tolerance())
            return $"SendingTime accuracy problem (SessionRejectReason 10): SendingTime {sendingTime} is {skew.TotalSeconds:0} s away from the exchange clock ({FixTime.ToFix(now)}); at most {tolerance().TotalSeconds:0} s is accepted";
        if (logon.Get(FixTags.HeartBtInt) is { } hb && (!int.TryParse(hb, out var seconds) || seconds <= 3))
            return $"HeartBtInt (108) must be a whole number of seconds above 3 (Kalshi's rule); got {hb}";
        if (!kind.KeepsSequence() && !logon.GetFlag(FixTags.ResetSeqNumFlag))
            return $"{kind.CompId()} does not retransmit, so the Logon must reset sequence numbers: send ResetSeqNumFlag (141=Y)";
        return null;
    }
}
