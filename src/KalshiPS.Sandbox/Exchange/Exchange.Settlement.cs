namespace KalshiPS.Sandbox;

// Market lifecycle (pause, close) and settlement.
public sealed partial class Exchange
{
    /// <summary>Changes a market's status: active, inactive (paused), closed. Leaving active cancels resting orders
    /// (paused: only those with cancel_order_on_pause).</summary>
    public void SetMarketStatus(string ticker, string status)
    {
        lock (Gate)
        {
            var m = RequireMarket(ticker);
            if (m.Status == status) return;
            m.Status = status; m.UpdatedTime = Now;
            if (status is "closed" or "inactive")
                foreach (var o in RestingOrders(m).Where(o => status == "closed" || o.CancelOrderOnPause))
                    CancelRestingLocked(m, o, status == "closed" ? "CloseCancel" : "HaltCancel");
            if (status == "closed") m.CloseTime = Now;
            Events.Publish(new MarketLifecycleEvent(m, status switch
            {
                "active" => "activated",
                "inactive" => "deactivated",
                "closed" => "close_date_updated",
                _ => "metadata_updated",
            }, NowMs));
        }
    }

    private static List<Order> RestingOrders(Market m) =>
        m.Book.YesBids.Values.Concat(m.Book.NoBids.Values).SelectMany(l => l).ToList();

    /// <summary>Settles a market: cancels resting orders, pays $1 per winning contract, records settlements.</summary>
    public void SettleMarket(string ticker, string result)
    {
        if (result is not ("yes" or "no")) throw new ExchangeException(400, "invalid_parameters", "result must be yes or no");
        lock (Gate)
        {
            var m = RequireMarket(ticker);
            if (m.Status is "finalized" or "determined") throw new ExchangeException(400, "market_closed", "market already settled");
            foreach (var o in RestingOrders(m)) CancelRestingLocked(m, o, "CloseCancel");
            var now = Now;
            m.Status = "finalized"; m.Result = result; m.SettledTime = now; m.UpdatedTime = now;
            if (m.CloseTime > now) m.CloseTime = now;
            foreach (var acct in AllAccountsLocked())
            {
                if (!acct.Positions.TryGetValue(ticker, out var p) || p.Quantity == 0) continue;
                decimal yes = Math.Max(0m, p.Quantity), no = Math.Max(0m, -p.Quantity);
                decimal revenue = result == "yes" ? yes : no;
                acct.Cash += revenue;
                acct.Settlements.Add(new Settlement(ticker, m.EventTicker, result, yes, yes > 0 ? p.Cost : 0m, no, no > 0 ? p.Cost : 0m, revenue, 0m, now));
                p.RealizedPnl += revenue - p.Cost;
                p.Quantity = 0; p.Cost = 0; p.LastUpdated = now;
                acct.UpdatedTime = now;
                Events.Publish(new PositionUpdateEvent(acct.UserId, p, NowMs));
            }
            m.OpenInterest = 0;
            Events.Publish(new MarketLifecycleEvent(m, "determined", NowMs));
            Events.Publish(new MarketLifecycleEvent(m, "settled", NowMs));
        }
    }

    /// <summary>Value of the user's open positions at the last trade price (dollars).</summary>
    public decimal PortfolioValue(string userId, int subaccount = 0)
    {
        lock (Gate)
        {
            decimal v = 0;
            foreach (var p in AccountOf(userId, subaccount).Positions.Values)
            {
                if (p.Quantity == 0 || !_markets.TryGetValue(p.Ticker, out var m)) continue;
                decimal yes = m.LastPrice ?? 0.5m;
                v += p.Quantity > 0 ? p.Quantity * yes : -p.Quantity * (1m - yes);
            }
            return v;
        }
    }
}
