using System;
using System.Globalization;

namespace KalshiPS.Models
{
    /// <summary>
    /// The account's API budget as the exchange states it (GET /account/limits and /account/endpoint_costs): its usage
    /// tier, the read and write token buckets, the usage level grants and the per-endpoint token costs.
    /// </summary>
    public sealed class KalshiAccountLimit
    {
        /// <summary>Basic, Advanced, Expert, Premier, Paragon, Prime or Prestige.</summary>
        public string UsageTier { get => _usageTier; set => _usageTier = Vocabulary.Name(value); }
        private string _usageTier;
        /// <summary>Read tokens added per second.</summary>
        public decimal? ReadRate { get; set; }
        /// <summary>Most read tokens the bucket holds (burst headroom when above ReadRate).</summary>
        public decimal? ReadCapacity { get; set; }
        /// <summary>Write tokens added per second (order entry, cancels, order groups).</summary>
        public decimal? WriteRate { get; set; }
        public decimal? WriteCapacity { get; set; }
        /// <summary>Tokens an endpoint costs unless EndpointCosts lists it.</summary>
        public long? DefaultCost { get; set; }
        public KalshiList<KalshiEndpointCost> EndpointCosts { get; set; } = new KalshiEndpointCost[0];
        public KalshiList<KalshiApiUsageGrant> Grants { get; set; } = new KalshiApiUsageGrant[0];
        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} read {1}/s write {2}/s", UsageTier, ReadRate, WriteRate);
    }

    /// <summary>An endpoint whose token cost differs from the default.</summary>
    public sealed class KalshiEndpointCost
    {
        public string Method { get; set; }
        /// <summary>The route template, e.g. /portfolio/events/orders/{order_id}.</summary>
        public string Path { get; set; }
        public long? Cost { get; set; }
        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} {1} {2}", Method, Path, Cost);
    }

    /// <summary>One API usage level grant: which level, on which exchange lane, how it came and until when.</summary>
    public sealed class KalshiApiUsageGrant
    {
        public string Level { get => _level; set => _level = Vocabulary.Name(value); }
        private string _level;
        /// <summary>EventContract (predictions) or Margined.</summary>
        public string ExchangeInstance { get => _instance; set => _instance = Vocabulary.Name(value); }
        private string _instance;
        /// <summary>Volume (earned by trading volume) or Manual (assigned).</summary>
        public string Source { get => _source; set => _source = Vocabulary.Name(value); }
        private string _source;
        /// <summary>When the grant ends, UTC; null for a permanent grant.</summary>
        public DateTime? ExpiresTime { get; set; }
        public override string ToString() => Level;
    }
}
