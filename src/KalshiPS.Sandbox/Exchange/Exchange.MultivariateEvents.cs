namespace KalshiPS.Sandbox;

// Multivariate (combo) events made from a collection, and per-event fee overrides.
public sealed partial class Exchange
{
    public const string ComboSeries = "KXMVECOMBO";
    public const string ComboCollection = "KXMVECOMBO-R";

    /// <summary>Combo events (GET /events/multivariate), oldest first.</summary>
    public IReadOnlyList<EventInfo> MultivariateEvents { get { lock (Gate) return MultivariateEventList.ToArray(); } }

    /// <summary>
    /// Makes a combo event of <paramref name="collectionTicker"/> with one market whose legs are <paramref name="legs"/>
    /// (Yes on each); announces it on multivariate_market_lifecycle (event_lifecycle, then the market's "created").
    /// </summary>
    public EventInfo CreateMultivariateEvent(string collectionTicker, IReadOnlyList<string> legs)
    {
        lock (Gate)
        {
            if (_series.GetValueOrDefault(ComboSeries) == null)
                AddSeries(new SeriesInfo { Ticker = ComboSeries, Title = "Combos", Category = "Sports", Frequency = "custom" });
            int n = MultivariateEventList.Count + 1;
            var now = Now;
            var ev = new EventInfo
            {
                EventTicker = $"{ComboSeries}-S{n:D4}", SeriesTicker = ComboSeries, Title = "Combo: " + string.Join(" and ", legs),
                SubTitle = $"{legs.Count} legs", StrikeDate = now.AddDays(1), CollectionTicker = collectionTicker,
            };
            AddEvent(ev);
            var m = new Market
            {
                Ticker = ev.EventTicker + "-1", EventTicker = ev.EventTicker, SeriesTicker = ComboSeries, Title = ev.Title + "?",
                YesSubTitle = string.Join(", ", legs.Select(l => "yes " + l)), NoSubTitle = "Not all legs", MarketId = new Guid(NewId()),
                CreatedTime = now, OpenTime = now, CloseTime = now.AddDays(1), ExpirationTime = now.AddDays(1).AddHours(1), UpdatedTime = now,
                PriceStructure = PriceLevelStructure.LinearCent, IsMultivariate = true, StrikeType = "custom",
            };
            AddMarket(m);
            return ev;
        }
    }

    /// <summary>Sets (or, with nulls, clears) an event's fee override and announces it (event_fee_update).</summary>
    public void SetEventFeeOverride(string eventTicker, string? feeType, decimal? multiplier)
    {
        lock (Gate)
        {
            var ev = _events.GetValueOrDefault(eventTicker) ?? throw new ExchangeException(404, "not_found", "event not found");
            ev.FeeTypeOverride = feeType;
            ev.FeeMultiplierOverride = multiplier;
            Events.Publish(new EventFeeUpdateEvent(ev, feeType, multiplier, NowMs));
        }
    }

    /// <summary>A few combo events over the first active markets, so GET /events/multivariate has something to list.</summary>
    internal void SeedMultivariate(int count)
    {
        lock (Gate)
        {
            var active = MarketList.Where(m => m.Status == "active").Select(m => m.Ticker).ToList();
            for (int i = 0; i + 1 < active.Count && i / 2 < count; i += 2)
                CreateMultivariateEvent(ComboCollection, new[] { active[i], active[i + 1] });
        }
    }
}
