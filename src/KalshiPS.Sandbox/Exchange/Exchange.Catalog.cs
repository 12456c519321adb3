namespace KalshiPS.Sandbox;

// The catalog: series, events and markets the exchange lists.
public sealed partial class Exchange
{
    public void AddSeries(SeriesInfo s) { lock (Gate) { _series[s.Ticker] = s; SeriesList.Add(s); } }
    public void AddEvent(EventInfo e)
    {
        lock (Gate)
        {
            _events[e.EventTicker] = e;
            if (e.IsMultivariate) MultivariateEventList.Add(e); else EventList.Add(e); // GET /events leaves combo events out
            Events.Publish(new EventLifecycleEvent(e, NowMs));
        }
    }

    public void AddMarket(Market m)
    {
        lock (Gate)
        {
            _markets[m.Ticker] = m;
            if (!m.IsMultivariate) MarketList.Add(m); // combo markets are reached through their event (and by ticker)
            if (_events.TryGetValue(m.EventTicker, out var e)) e.Markets.Add(m);
            Events.Publish(new MarketLifecycleEvent(m, "created", NowMs));
        }
    }

    public Market? GetMarket(string ticker) { lock (Gate) return _markets.GetValueOrDefault(ticker); }
    public EventInfo? GetEvent(string eventTicker) { lock (Gate) return _events.GetValueOrDefault(eventTicker); }
    public SeriesInfo? GetSeries(string ticker) { lock (Gate) return _series.GetValueOrDefault(ticker); }
    public IReadOnlyList<Market> Markets { get { lock (Gate) return MarketList.ToArray(); } }
    public IReadOnlyList<EventInfo> AllEvents { get { lock (Gate) return EventList.ToArray(); } }
    public IReadOnlyList<SeriesInfo> AllSeries { get { lock (Gate) return SeriesList.ToArray(); } }
}
