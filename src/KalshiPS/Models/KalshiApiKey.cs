using System;

namespace KalshiPS.Models
{
    /// <summary>What an API key may do (Kalshi's scope words read::..., write::...).</summary>
    public enum KalshiApiKeyScope { Read, Write, ReadBlockTradeAccept, ReadPortfolioBalance, WriteTrade, WriteTransfer, WriteBlockTradeAccept }

    /// <summary>One of your API keys (Get-KalshiApiKey). Kalshi never shows a private key again after it was made.</summary>
    public sealed class KalshiApiKey
    {
        public string ApiKeyId { get; set; }
        public string Name { get; set; }
        /// <summary>Scopes as the enum's names; a scope this version does not know keeps Kalshi's word.</summary>
        public KalshiList<string> Scopes { get; set; }
        /// <summary>The one subaccount the key is restricted to (null: unrestricted).</summary>
        public int? Subaccount { get; set; }
        public string FcmSubtraderId { get; set; }
        /// <summary>When the account's location attestation for API key requests expires (same on every key).</summary>
        public DateTime? RegionAttestationExpires { get; set; }
        public override string ToString() => $"{ApiKeyId} {Name}";
    }

    /// <summary>
    /// The outcome of New-KalshiApiKey: the new key's id and, with -Generate, the file its private key was written to.
    /// The private key itself is never part of this object.
    /// </summary>
    public sealed class KalshiNewApiKey
    {
        public string ApiKeyId { get; set; }
        public string Name { get; set; }
        /// <summary>Generated (Kalshi made the key pair) or Registered (your public key).</summary>
        public string Kind { get; set; }
        /// <summary>The owner-only file holding the generated private key (null for a registered key).</summary>
        public string PrivateKeyPath { get; set; }
        /// <summary>Kalshi's warning, e.g. a subtrader missing a risk control.</summary>
        public string Warning { get; set; }
        public override string ToString() => PrivateKeyPath == null ? ApiKeyId : $"{ApiKeyId} ({PrivateKeyPath})";
    }

    /// <summary>Your public communications id (RFQs and quotes show it as CreatorId).</summary>
    public sealed class KalshiCommunicationsId
    {
        public string CommunicationsId { get; set; }
        public override string ToString() => CommunicationsId;
    }
}
