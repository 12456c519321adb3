namespace KalshiPS.Sandbox;

/// <summary>A deposit or withdrawal (dollars). Kind: deposit | withdrawal; Status: pending | applied | failed | returned.</summary>
public sealed record MoneyMovement(string Id, string Kind, string Status, string Method, decimal Amount, decimal Fee, DateTimeOffset CreatedTime, DateTimeOffset? FinalizedTime);

// Money in and out of accounts, and the value held by resting orders.
public sealed partial class Exchange
{
    private static readonly string[] MovementStatuses = { "pending", "applied", "failed", "returned" };
    private static readonly string[] MovementMethods = { "ach", "wire", "crypto", "debit", "apm" };
    private readonly Dictionary<string, List<MoneyMovement>> _movements = new(StringComparer.Ordinal);

    /// <summary>The user's deposits and withdrawals, oldest first; a user's history opens with the deposit of the starting balance.</summary>
    public IReadOnlyList<MoneyMovement> Movements(string userId) { lock (Gate) return MovementsLocked(userId).ToArray(); }

    private List<MoneyMovement> MovementsLocked(string userId)
    {
        if (_movements.TryGetValue(userId, out var list)) return list;
        var a = GetOrCreateAccount(userId);
        _movements[userId] = list = new List<MoneyMovement>();
        if (userId != HouseUserId && _startingBalance > 0)
            list.Add(new MoneyMovement(NewId(), "deposit", "applied", "ach", _startingBalance, 0m, a.UpdatedTime, a.UpdatedTime));
        return list;
    }

    /// <summary>Records a deposit or withdrawal; an applied one moves cash (fees come out of the account).</summary>
    public MoneyMovement RecordMovement(string userId, string kind, decimal amount, string method = "ach", string status = "applied", decimal fee = 0m)
    {
        if (kind is not ("deposit" or "withdrawal")) throw new ExchangeException(400, "invalid_parameters", "kind must be deposit or withdrawal");
        if (amount <= 0 || fee < 0) throw new ExchangeException(400, "invalid_parameters", "amount must be positive and fee not negative");
        if (!MovementStatuses.Contains(status)) throw new ExchangeException(400, "invalid_parameters", "status must be one of " + string.Join(", ", MovementStatuses));
        if (!MovementMethods.Contains(method)) throw new ExchangeException(400, "invalid_parameters", "type must be one of " + string.Join(", ", MovementMethods));
        lock (Gate)
        {
            var a = GetOrCreateAccount(userId);
            var list = MovementsLocked(userId);
            if (status == "applied")
            {
                var change = kind == "deposit" ? amount - fee : -(amount + fee);
                if (a.Cash + change < 0) throw new ExchangeException(400, "insufficient_balance", "withdrawal exceeds the available balance");
                a.Cash += change; a.UpdatedTime = Now;
            }
            var movement = new MoneyMovement(NewId(), kind, status, method, amount, fee, Now, status == "pending" ? null : Now);
            list.Add(movement);
            return movement;
        }
    }

    /// <summary>What the user's resting orders would cost if they all filled: remaining x price of the leg each buys.</summary>
    public decimal RestingOrderValue(string userId)
    {
        lock (Gate) return GetOrders(userId).Where(o => o.Status == OrderStatus.Resting).Sum(o => o.RemainingCount * o.SidePrice);
    }

    /// <summary>Queue positions of the user's resting orders, optionally only on these markets and/or this event.</summary>
    public IReadOnlyList<(Order Order, decimal Ahead)> QueuePositions(string userId, ISet<string>? tickers, string? eventTicker)
    {
        lock (Gate)
            return GetOrders(userId)
                .Where(o => o.Status == OrderStatus.Resting && (tickers == null || tickers.Contains(o.Ticker))
                    && (eventTicker == null || _markets[o.Ticker].EventTicker == eventTicker))
                .Select(o => (o, QueuePosition(userId, o.OrderId))).ToList();
    }
}
