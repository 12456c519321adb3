namespace KalshiPS.Sandbox;

// Accounts and read models: cash, positions, orders, trades, books and queue positions.
public sealed partial class Exchange
{
    public Account GetOrCreateAccount(string userId)
    {
        lock (Gate)
        {
            if (!_accounts.TryGetValue(userId, out var a))
                _accounts[userId] = a = new Account { UserId = userId, Cash = _startingBalance, UpdatedTime = Now };
            return a;
        }
    }

    /// <summary>Available cash in dollars (resting-order reservations deducted).</summary>
    public decimal GetBalance(string userId, int subaccount = 0) { lock (Gate) return AccountOf(userId, subaccount).Cash; }

    /// <summary>Sets a user's available cash (test helper).</summary>
    public void SetBalance(string userId, decimal dollars, int subaccount = 0) { lock (Gate) AccountOf(userId, subaccount).Cash = dollars; }

    /// <summary>Signed position (+YES / -NO); 0 when none.</summary>
    public decimal GetPosition(string userId, string ticker, int subaccount = 0)
    {
        lock (Gate) return AccountOf(userId, subaccount).Positions.TryGetValue(ticker, out var p) ? p.Quantity : 0m;
    }

    public Position? GetPositionDetails(string userId, string ticker)
    {
        lock (Gate) return GetOrCreateAccount(userId).Positions.GetValueOrDefault(ticker);
    }

    public Order? GetOrder(string orderId) { lock (Gate) return _orders.GetValueOrDefault(orderId); }

    public IReadOnlyList<Order> GetOrders(string userId)
    {
        lock (Gate) return _ordersByUser.TryGetValue(userId, out var l) ? l.ToArray() : Array.Empty<Order>();
    }

    public IReadOnlyList<Trade> GetTrades(string? ticker = null)
    {
        lock (Gate) return Trades.Where(t => ticker == null || t.Ticker == ticker).ToArray();
    }

    public BookSnapshot GetBook(string ticker, int depth = 0)
    {
        lock (Gate)
        {
            var m = RequireMarket(ticker);
            return new BookSnapshot(ticker, m.Book.Levels(OrderSide.Bid, depth), m.Book.Levels(OrderSide.Ask, depth));
        }
    }

    /// <summary>Best YES bid (price, size) or null.</summary>
    internal static (decimal Price, decimal Size)? BestYesBid(Market m) => m.Book.Best(OrderSide.Bid);
    /// <summary>Best YES ask derived from the best NO bid: 1 - q.</summary>
    internal static (decimal Price, decimal Size)? BestYesAsk(Market m)
    {
        var b = m.Book.Best(OrderSide.Ask);
        return b is { } x ? (1m - x.Price, x.Size) : null;
    }

    /// <summary>Contracts resting ahead of the order at its price level (0 when not resting).</summary>
    public decimal QueuePosition(string userId, string orderId)
    {
        lock (Gate)
        {
            var o = RequireOwnOrder(userId, orderId);
            if (o.Status != OrderStatus.Resting || !_markets[o.Ticker].Book.SideOf(o.Side).TryGetValue(o.SidePrice, out var level)) return 0m;
            decimal ahead = 0;
            foreach (var x in level) { if (x == o) break; ahead += x.RemainingCount; }
            return ahead;
        }
    }

    /// <summary>Cancels expired orders now (also done before every engine operation).</summary>
    public void SweepExpired() { lock (Gate) ExpireDueLocked(); }
}
