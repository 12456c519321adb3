using System;
using KalshiPS.Auth;

namespace KalshiPS.Fix
{
    /// <summary>
    /// Kalshi's FIX logon signature: RawData (96) holds the base64 RSA-PSS-SHA256 signature (the REST signer's scheme)
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

        /// <summary>Signs the Logon in place (sets 96). The signature never appears in ToString.</summary>
        public static void Sign(FixMessage logon, RequestSigner signer)
        {
            if (logon.MsgType != FixMsgTypes.Logon) throw new ArgumentException("Only a Logon (35=A) carries the signature.", nameof(logon));
            if (!string.Equals(logon.Get(FixTags.SenderCompID), signer.ApiKeyId, StringComparison.Ordinal))
                throw new ArgumentException("SenderCompID (49) must be the API key id the signing key belongs to.", nameof(logon));
            logon.Remove(FixTags.RawDataLength).Set(FixTags.RawData, signer.Sign(PreHash(logon)));
        }

        private static string Required(FixMessage m, int tag) =>
            m.Get(tag) ?? throw new ArgumentException($"The Logon has no tag {tag}, which the signature covers.");
    }
}
