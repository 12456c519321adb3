namespace KalshiPS.Sandbox;

/// <summary>
/// An order group: the exchange's kill switch. At most <see cref="ContractsLimit"/> contracts of its orders may be
/// matched within any rolling <see cref="Exchange.OrderGroupWindow"/>; reaching it triggers the group (as does an
/// explicit trigger): its resting orders are canceled and new orders in it are refused until it is reset.
/// </summary>
public sealed class OrderGroup
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public int Subaccount { get; init; }
    public decimal ContractsLimit { get; set; }
    public bool Triggered { get; set; }
    public DateTimeOffset CreatedTime { get; init; }
    /// <summary>Contracts matched by the group's orders, oldest first; entries older than the window are dropped.</summary>
    internal Queue<(DateTimeOffset At, decimal Count)> Matched { get; } = new();
}

/// <summary>order_group_updates: created|triggered|reset|deleted|limit_updated (limit on created and limit_updated).</summary>
public sealed record OrderGroupEvent(string UserId, string OrderGroupId, string EventType, decimal? ContractsLimit, long TsMs) : ExchangeEvent(TsMs);

// Order groups: the rolling contracts limit, trigger, reset and delete, and the hooks matching calls.
public sealed partial class Exchange
{
    /// <summary>Kalshi measures an order group's contracts limit over a rolling 15-second window.</summary>
    public static readonly TimeSpan OrderGroupWindow = TimeSpan.FromSeconds(15);
    /// <summary>The contracts limit Kalshi accepts: whole contracts, 1 to 1,000,000.</summary>
    public const decimal MaxOrderGroupLimit = 1_000_000m;

    private readonly Dictionary<string, OrderGroup> _groups = new(StringComparer.Ordinal);
    /// <summary>Groups that reached their limit during a match; triggered once the match is over (the book is being walked).</summary>
    private readonly List<OrderGroup> _groupsHit = new();

    public OrderGroup CreateOrderGroup(string userId, decimal contractsLimit, int subaccount = 0)
    {
        lock (Gate)
        {
            ValidateGroupLimit(contractsLimit);
            var g = new OrderGroup { Id = NewId(), UserId = userId, Subaccount = subaccount, ContractsLimit = contractsLimit, CreatedTime = Now };
            _groups[g.Id] = g;
            Events.Publish(new OrderGroupEvent(userId, g.Id, "created", contractsLimit, NowMs));
            return g;
        }
    }

    public IReadOnlyList<OrderGroup> GetOrderGroups(string userId)
    {
        lock (Gate) return _groups.Values.Where(g => g.UserId == userId).OrderBy(g => g.CreatedTime).ThenBy(g => g.Id, StringComparer.Ordinal).ToList();
    }

    public OrderGroup GetOrderGroup(string userId, string id) { lock (Gate) return RequireOwnGroup(userId, id); }

    /// <summary>The group's orders that are still resting (the ones a trigger or delete cancels).</summary>
    public IReadOnlyList<Order> GetOrderGroupOrders(string userId, string id)
    {
        lock (Gate)
        {
            RequireOwnGroup(userId, id);
            return RestingInGroup(id).ToList();
        }
    }

    /// <summary>Contracts the group's orders matched within the window ending now.</summary>
    public decimal MatchedInWindow(string userId, string id) { lock (Gate) return Matched(RequireOwnGroup(userId, id)); }

    /// <summary>A new limit; one the window has already reached triggers the group at once (as Kalshi documents).</summary>
    public OrderGroup UpdateOrderGroupLimit(string userId, string id, decimal contractsLimit)
    {
        lock (Gate)
        {
            var g = RequireOwnGroup(userId, id);
            ValidateGroupLimit(contractsLimit);
            g.ContractsLimit = contractsLimit;
            Events.Publish(new OrderGroupEvent(userId, g.Id, "limit_updated", contractsLimit, NowMs));
            if (!g.Triggered && Matched(g) >= g.ContractsLimit) TriggerLocked(g);
            return g;
        }
    }

    /// <summary>Cancels the group's resting orders and refuses new ones until reset (whether or not the limit was reached).</summary>
    public OrderGroup TriggerOrderGroup(string userId, string id)
    {
        lock (Gate)
        {
            var g = RequireOwnGroup(userId, id);
            TriggerLocked(g);
            return g;
        }
    }

    /// <summary>Clears the matched-contracts window and accepts orders in the group again.</summary>
    public OrderGroup ResetOrderGroup(string userId, string id)
    {
        lock (Gate)
        {
            var g = RequireOwnGroup(userId, id);
            g.Matched.Clear();
            g.Triggered = false;
            Events.Publish(new OrderGroupEvent(userId, g.Id, "reset", null, NowMs));
            return g;
        }
    }

    /// <summary>Removes the group and cancels its resting orders; returns how many were canceled.</summary>
    public int DeleteOrderGroup(string userId, string id)
    {
        lock (Gate)
        {
            var g = RequireOwnGroup(userId, id);
            int canceled = CancelGroupOrdersLocked(g);
            _groups.Remove(g.Id);
            Events.Publish(new OrderGroupEvent(userId, g.Id, "deleted", null, NowMs));
            return canceled;
        }
    }

    // ---- hooks for order entry and matching (called with the lock held)

    /// <summary>An order may join only an existing group of its own user that is not triggered.</summary>
    private void CheckOrderGroupLocked(string userId, string? groupId)
    {
        if (string.IsNullOrEmpty(groupId)) return;
        if (!_groups.TryGetValue(groupId, out var g) || g.UserId != userId)
            throw new ExchangeException(404, "order_group_not_found", "order group not found");
        if (g.Triggered)
            throw new ExchangeException(400, "order_group_triggered", "the order group has been triggered; reset it before placing orders in it");
    }

    /// <summary>Contracts the order may still match before its group's limit is reached (unbounded outside a group).</summary>
    private decimal GroupRoomLocked(Order o)
    {
        if (o.OrderGroupId is null || !_groups.TryGetValue(o.OrderGroupId, out var g)) return decimal.MaxValue;
        if (g.Triggered) return 0m;
        return Math.Max(0m, g.ContractsLimit - Matched(g));
    }

    /// <summary>Counts an execution against the order's group; a group that reaches its limit is triggered after the match.</summary>
    private void CountGroupMatchLocked(Order o, decimal qty)
    {
        if (o.OrderGroupId is null || !_groups.TryGetValue(o.OrderGroupId, out var g)) return;
        g.Matched.Enqueue((Now, qty));
        if (!g.Triggered && Matched(g) >= g.ContractsLimit && !_groupsHit.Contains(g)) _groupsHit.Add(g);
    }

    /// <summary>Triggers the groups that reached their limit during the match that just ended.</summary>
    private void TriggerHitGroupsLocked()
    {
        if (_groupsHit.Count == 0) return;
        var hit = _groupsHit.ToList();
        _groupsHit.Clear();
        foreach (var g in hit) if (_groups.ContainsKey(g.Id) && !g.Triggered) TriggerLocked(g);
    }

    private void TriggerLocked(OrderGroup g)
    {
        g.Triggered = true;
        CancelGroupOrdersLocked(g);
        Events.Publish(new OrderGroupEvent(g.UserId, g.Id, "triggered", null, NowMs));
    }

    private int CancelGroupOrdersLocked(OrderGroup g)
    {
        int n = 0;
        foreach (var o in RestingInGroup(g.Id).ToList())
        {
            var m = _markets[o.Ticker];
            var before = BestPair(m);
            CancelRestingLocked(m, o, "OrderGroupCancel");
            TickerIfBestChanged(m, before);
            n++;
        }
        return n;
    }

    private IEnumerable<Order> RestingInGroup(string groupId) =>
        _orders.Values.Where(o => o.OrderGroupId == groupId && o.Status == OrderStatus.Resting).OrderBy(o => o.Priority);

    /// <summary>Sum of the window, after dropping what is older than <see cref="OrderGroupWindow"/>.</summary>
    private decimal Matched(OrderGroup g)
    {
        var since = Now - OrderGroupWindow;
        while (g.Matched.Count > 0 && g.Matched.Peek().At <= since) g.Matched.Dequeue();
        decimal sum = 0m;
        foreach (var (_, count) in g.Matched) sum += count;
        return sum;
    }

    private OrderGroup RequireOwnGroup(string userId, string id) =>
        _groups.TryGetValue(id ?? "", out var g) && g.UserId == userId ? g : throw new ExchangeException(404, "not_found", "order group not found");

    private static void ValidateGroupLimit(decimal limit)
    {
        if (limit < 1m || limit > MaxOrderGroupLimit || limit % 1m != 0m)
            throw new ExchangeException(400, "invalid_parameters", "contracts_limit must be a whole number of contracts from 1 to 1000000");
    }
}
