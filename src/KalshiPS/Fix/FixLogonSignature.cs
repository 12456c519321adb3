using System;

namespace KalshiPS.Fix
{
    /// <summary>
    /// Kalshi's FIX logon signature (the part both ends share; signing itself is client-only, in FixLogonSigning):
    /// RawData (96) holds the base64 RSA-PSS-SHA256 signature (the REST signer's scheme)
    /// of SendingTime, MsgType, MsgSeqNum, SenderCompID and TargetCompID joined by SOH, taken byte for byte from the
    /// Logon's own fields. SenderCompID is the API key id. The encoder writes RawDataLength (95).
    /// </summary>
    internal static class FixLogonSignature
    {
        public static string PreHash(string sendingTime, string msgType, string msgSeqNum, string senderCompId, string targetCompId) =>
            string.Join("\u0001", sendingTime, msgType, msgSeqNum, senderCompId, targetCompId);

        /// <summary>The pre-hash of a Logon exactly as its fields will go on the wire; throws if one is missing.</summary>
        public static string PreHash(FixMessage logon) =>
            PreHash(Required(logon, FixTags.SendingTime), logon.MsgType, Required(logon, FixTags.MsgSeqNum),
                Required(logon, FixTags.SenderCompID), Required(logon, FixTags.TargetCompID));

        private static string Required(FixMessage m, int tag) =>
            m.Get(tag) ?? throw new ArgumentException($"The Logon has no tag {tag}, which the signature covers.");
    }
}
