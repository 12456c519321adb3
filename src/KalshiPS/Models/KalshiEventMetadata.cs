namespace KalshiPS.Models
{
    /// <summary>Presentation details of an event (GET /events/{event_ticker}/metadata): images, competition, sources.</summary>
    public sealed class KalshiEventMetadata
    {
        public string EventTicker { get; set; }
        public string ImageUrl { get; set; }
        public string FeaturedImageUrl { get; set; }
        public string Competition { get; set; }
        public string CompetitionScope { get; set; }
        /// <summary>Settlement source names (or URLs when unnamed), separated by ';'.</summary>
        public string SettlementSources { get; set; }
        /// <summary>One entry per market of the event; prints and exports as the market tickers joined with "; ".</summary>
        public KalshiList<KalshiMarketMetadata> Markets { get; set; }
        public override string ToString() => EventTicker;
    }

    /// <summary>Presentation details of one market of an event.</summary>
    public sealed class KalshiMarketMetadata
    {
        public string MarketTicker { get; set; }
        public string ImageUrl { get; set; }
        public string ColorCode { get; set; }
        public override string ToString() => MarketTicker;
    }
}
