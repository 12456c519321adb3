using System.Security.Cryptography;
using System.Text;

namespace KalshiPS.Sandbox;

/// <summary>A multivariate event collection: which events' markets a selection may combine, and within which limits.</summary>
public sealed class MultivariateCollection
{
    public required string CollectionTicker { get; init; }
    public required string SeriesTicker { get; init; }
    public required string Title { get; init; }
    public string Description { get; init; } = "";
    public DateTimeOffset OpenDate { get; init; }
    public DateTimeOffset CloseDate { get; init; }
    public bool IsOrdered { get; init; }
    public int SizeMin { get; init; } = 2;
    public int SizeMax { get; init; } = 2;
    /// <summary>Associated events and how many markets a selection may take from each.</summary>
    public required IReadOnlyList<(string EventTicker, bool YesOnly, int? SizeMin, int? SizeMax)> Events { get; init; }
    public string Status(DateTimeOffset now) => now < OpenDate ? "unopened" : now >= CloseDate ? "closed" : "open";
}

/// <summary>One selected market of a create: the market, its event, and the side.</summary>
public sealed record SelectedLeg(string MarketTicker, string EventTicker, string Side);

// Multivariate collections: seeded from the catalog on first use; a create makes a real, tradable market.
public sealed partial class Exchange
{
    public const string MultivariateSeries = "KXMVESANDBOX";
    private List<MultivariateCollection>? _collections;

    /// <summary>The collections (an open one over the first two events with markets, and one that opens later).</summary>
    public IReadOnlyList<MultivariateCollection> Collections
    {
        get
        {
            lock (Gate)
            {
                if (_collections != null) return _collections;
                var events = EventList.Where(e => e.Markets.Any(m => m.Status == "active")).Take(3).ToList();
                if (!_series.ContainsKey(MultivariateSeries))
                    AddSeries(new SeriesInfo { Ticker = MultivariateSeries, Title = "Sandbox combos", Category = "Multivariate", Frequency = "custom" });
                _collections = new List<MultivariateCollection>();
                if (events.Count >= 2)
                    _collections.Add(new MultivariateCollection
                    {
                        CollectionTicker = MultivariateSeries + "-COMBO", SeriesTicker = MultivariateSeries, Title = "Sandbox two-event combo",
                        Description = "One market from each of two events", OpenDate = Now.AddDays(-1), CloseDate = Now.AddDays(30),
                        Events = events.Take(2).Select(e => (e.EventTicker, false, (int?)1, (int?)1)).ToList(),
                    });
                if (events.Count >= 3)
                    _collections.Add(new MultivariateCollection
                    {
                        CollectionTicker = MultivariateSeries + "-LATER", SeriesTicker = MultivariateSeries, Title = "Sandbox combo opening later",
                        OpenDate = Now.AddDays(2), CloseDate = Now.AddDays(40), IsOrdered = true, SizeMin = 2, SizeMax = 3,
                        Events = events.Select(e => (e.EventTicker, true, (int?)null, (int?)null)).ToList(),
                    });
                return _collections;
            }
        }
    }

    public MultivariateCollection? GetCollection(string ticker) => Collections.FirstOrDefault(c => c.CollectionTicker == ticker);

    /// <summary>
    /// The market of a selection: made on first use (an event and a market in the collection's series, listed like any
    /// other), the same one again for the same selection (order-insensitive unless the collection is ordered).
    /// </summary>
    public Market CreateMultivariateMarket(string collectionTicker, IReadOnlyList<SelectedLeg> legs)
    {
        lock (Gate)
        {
            var c = GetCollection(collectionTicker) ?? throw new ExchangeException(404, "not_found", "collection not found");
            if (c.Status(Now) != "open") throw new ExchangeException(400, "collection_not_open", $"the collection is {c.Status(Now)}");
            if (legs.Count < c.SizeMin || legs.Count > c.SizeMax)
                throw new ExchangeException(400, "invalid_parameters", $"selected_markets must have {c.SizeMin}-{c.SizeMax} markets");
            var markets = new List<Market>();
            foreach (var leg in legs)
            {
                if (leg.Side is not ("yes" or "no")) throw new ExchangeException(400, "invalid_parameters", "side must be yes or no");
                var m = GetMarket(leg.MarketTicker) ?? throw new ExchangeException(400, "invalid_parameters", $"unknown market {leg.MarketTicker}");
                if (m.EventTicker != leg.EventTicker) throw new ExchangeException(400, "invalid_parameters", $"market {leg.MarketTicker} is not in event {leg.EventTicker}");
                var ev = c.Events.FirstOrDefault(e => e.EventTicker == leg.EventTicker);
                if (ev.EventTicker == null) throw new ExchangeException(400, "invalid_parameters", $"event {leg.EventTicker} is not in the collection");
                if (ev.YesOnly && leg.Side != "yes") throw new ExchangeException(400, "invalid_parameters", $"only the yes side of {leg.EventTicker} may be selected");
                markets.Add(m);
            }
            foreach (var g in legs.GroupBy(l => l.EventTicker))
            {
                var ev = c.Events.First(e => e.EventTicker == g.Key);
                if ((ev.SizeMax.HasValue && g.Count() > ev.SizeMax) || (ev.SizeMin.HasValue && g.Count() < ev.SizeMin))
                    throw new ExchangeException(400, "invalid_parameters", $"too many or too few markets from event {g.Key}");
            }
            var key = string.Join("|", (c.IsOrdered ? legs.AsEnumerable() : legs.OrderBy(l => l.MarketTicker, StringComparer.Ordinal)).Select(l => l.MarketTicker + ":" + l.Side));
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(c.CollectionTicker + "/" + key)));
            var eventTicker = $"{c.SeriesTicker}-S{hash[..10]}";
            var ticker = $"{eventTicker}-{hash[10..16]}";
            var existing = GetMarket(ticker);
            if (existing != null) return existing;
            var title = string.Join(" and ", legs.Select(l => $"{(l.Side == "yes" ? "" : "not ")}{GetMarket(l.MarketTicker)!.YesSubTitle}"));
            // A combo: listed under GET /events/multivariate and announced on multivariate_market_lifecycle, like the seeded ones.
            AddEvent(new EventInfo { EventTicker = eventTicker, SeriesTicker = c.SeriesTicker, Title = c.Title + ": " + title, SubTitle = key, StrikeDate = c.CloseDate, CollectionTicker = c.CollectionTicker });
            var made = new Market
            {
                Ticker = ticker, EventTicker = eventTicker, SeriesTicker = c.SeriesTicker, Title = title, YesSubTitle = title, NoSubTitle = "Not " + title,
                MarketId = new Guid(Convert.FromHexString(hash[..32])), CreatedTime = Now, OpenTime = Now, UpdatedTime = Now,
                CloseTime = markets.Min(m => m.CloseTime), ExpirationTime = markets.Min(m => m.ExpirationTime),
                PriceStructure = PriceLevelStructure.LinearCent, FractionalTradingEnabled = false, IsMultivariate = true,
            };
            AddMarket(made);
            return made;
        }
    }
}
