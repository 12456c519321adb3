namespace KalshiPS.Sandbox;

// The catalog: series, events and markets the exchange lists.
public sealed partial class Exchange
{
    public void AddSeries(SeriesInfo s) { lock (Gate) { _series[s.Ticker] = s; SeriesList.Add(s); } }
    public void AddEvent(EventInfo e) { lock (Gate) { _events[e.EventTicker] = e; EventList.Add(e); } }
    public void AddMarket(Market m)
    {
        lock (Gate)
        {
            _markets[m.Ticker] = m; MarketList.Add(m);
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
