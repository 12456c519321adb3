using System;
using KalshiPS.Auth;

namespace KalshiPS.Fix
{
    /// <summary>
    /// The client side of the logon signature: signs with the REST <see cref="RequestSigner"/> (no second copy of the
    /// key). Kept apart from <see cref="FixLogonSignature"/> because the sandbox compiles the engine without Auth/.
    /// </summary>
    internal static class FixLogonSigning
    {
        /// <summary>The delegate <see cref="FixSession"/> calls on each outgoing Logon.</summary>
        public static Action<FixMessage> For(RequestSigner signer)
        {
            if (signer == null) throw new ArgumentNullException(nameof(signer));
            return logon => Sign(logon, signer);
        }

        /// <summary>Signs the Logon in place (sets 96). The signature never appears in ToString.</summary>
        public static void Sign(FixMessage logon, RequestSigner signer)
        {
            if (logon.MsgType != FixMsgTypes.Logon) throw new ArgumentException("Only a Logon (35=A) carries the signature.", nameof(logon));
            if (!string.Equals(logon.Get(FixTags.SenderCompID), signer.ApiKeyId, StringComparison.Ordinal))
                throw new ArgumentException("SenderCompID (49) must be the API key id the signing key belongs to.", nameof(logon));
            logon.Remove(FixTags.RawDataLength).Set(FixTags.RawData, signer.Sign(FixLogonSignature.PreHash(logon)));
        }
    }
}
