namespace KalshiPS.Sandbox;

/// <summary>A cash transfer between two of a user's accounts (0 = primary).</summary>
public sealed record SubaccountTransfer(string TransferId, string ClientTransferId, int FromSubaccount, int ToSubaccount, long AmountCents,
    DateTimeOffset CreatedTime, int ExchangeIndex);

/// <summary>A transfer between exchange instances (event_contract, margined) of one user; the sandbox completes it at once.</summary>
public sealed record InstanceTransfer(string TransferId, string Source, string Destination, int SourceShard, int DestinationShard,
    int SourceSubaccount, int DestinationSubaccount, decimal Amount, string Status, DateTimeOffset CreatedTime);

/// <summary>A user's target share of sweepable balance per exchange shard, and how resting margin is reserved.</summary>
public sealed record BalanceAllocation(IReadOnlyList<(int ExchangeIndex, decimal Percent)> Allocations, string RestingMarginReservation);

// Subaccounts: separate cash, positions and orders per (user, number), transfers between them, netting settings,
// exchange-instance transfers and target balance allocation. Subaccount 0 is the primary account (_accounts).
public sealed partial class Exchange
{
    public const int MaxSubaccount = 63;
    private readonly Dictionary<(string User, int Number), Account> _subaccounts = new();
    private readonly Dictionary<string, List<SubaccountTransfer>> _transfers = new(StringComparer.Ordinal);
    private readonly Dictionary<(string User, string ClientId), SubaccountTransfer> _transfersByClientId = new();
    private readonly Dictionary<(string User, int Number), bool> _netting = new();
    private readonly Dictionary<string, List<InstanceTransfer>> _instanceTransfers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _marginedCash = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BalanceAllocation> _allocations = new(StringComparer.Ordinal);

    /// <summary>The account an order or read names: the primary for 0, else a subaccount that must exist (400 otherwise).</summary>
    internal Account AccountOf(string userId, int subaccount)
    {
        if (subaccount == 0) return GetOrCreateAccount(userId);
        return FindAccount(userId, subaccount)
            ?? throw new ExchangeException(400, "invalid_subaccount", subaccount is < 0 or > MaxSubaccount
                ? $"subaccount must be between 0 and {MaxSubaccount}" : $"subaccount {subaccount} does not exist");
    }

    private Account? FindAccount(string userId, int subaccount) =>
        subaccount == 0 ? _accounts.GetValueOrDefault(userId) : _subaccounts.GetValueOrDefault((userId, subaccount));

    private IEnumerable<Account> AllAccountsLocked() => _accounts.Values.Concat(_subaccounts.Values);

    /// <summary>Fills of one account, or (null) of every account of the user, oldest first (callers hold the lock).</summary>
    internal IReadOnlyList<Fill> FillsOf(string userId, int? subaccount) =>
        subaccount is { } n ? AccountOf(userId, n).Fills : Merged(userId, a => a.Fills, f => f.CreatedTime);

    internal IReadOnlyList<Settlement> SettlementsOf(string userId, int? subaccount) =>
        subaccount is { } n ? AccountOf(userId, n).Settlements : Merged(userId, a => a.Settlements, s => s.SettledTime);

    /// <summary>Every account's items in time order; the primary's own list when the user has no subaccounts.</summary>
    private IReadOnlyList<T> Merged<T>(string userId, Func<Account, List<T>> items, Func<T, DateTimeOffset> time)
    {
        var accounts = Subaccounts(userId);
        return accounts.Count == 1 ? items(accounts[0]) : accounts.SelectMany(items).OrderBy(time).ToList(); // OrderBy is stable
    }

    /// <summary>Creates the user's next numbered subaccount (1, 2, ... 63) with no cash; returns its number.</summary>
    public int CreateSubaccount(string userId)
    {
        lock (Gate)
        {
            GetOrCreateAccount(userId);
            int n = Subaccounts(userId).Count;
            if (n > MaxSubaccount) throw new ExchangeException(400, "subaccount_limit_reached", $"at most {MaxSubaccount} subaccounts per user");
            _subaccounts[(userId, n)] = new Account { UserId = userId, Subaccount = n, Cash = 0m, UpdatedTime = Now };
            return n;
        }
    }

    /// <summary>The user's accounts, primary first (number order).</summary>
    public IReadOnlyList<Account> Subaccounts(string userId)
    {
        lock (Gate)
        {
            var list = new List<Account> { GetOrCreateAccount(userId) };
            list.AddRange(_subaccounts.Where(kv => kv.Key.User == userId).OrderBy(kv => kv.Key.Number).Select(kv => kv.Value));
            return list;
        }
    }

    /// <summary>
    /// Moves cash between two of the user's accounts, atomically under the engine lock. A client transfer id already
    /// used returns that transfer again (idempotent) when it asked for the same move, else 409.
    /// </summary>
    public SubaccountTransfer TransferBetweenSubaccounts(string userId, string clientTransferId, int from, int to, long amountCents, int exchangeIndex = 0)
    {
        lock (Gate)
        {
            if (string.IsNullOrWhiteSpace(clientTransferId)) throw new ExchangeException(400, "invalid_parameters", "client_transfer_id is required");
            if (_transfersByClientId.TryGetValue((userId, clientTransferId), out var earlier))
            {
                if (earlier.FromSubaccount == from && earlier.ToSubaccount == to && earlier.AmountCents == amountCents) return earlier;
                throw new ExchangeException(409, "transfer_already_exists", "a different transfer already used this client_transfer_id");
            }
            if (amountCents <= 0) throw new ExchangeException(400, "invalid_parameters", "amount_cents must be positive");
            if (from == to) throw new ExchangeException(400, "invalid_parameters", "from_subaccount and to_subaccount must differ");
            if (exchangeIndex != 0) throw new ExchangeException(400, "invalid_parameters", "the sandbox has exchange index 0 only");
            var source = AccountOf(userId, from);
            var destination = AccountOf(userId, to);
            decimal dollars = amountCents / 100m;
            if (source.Cash < dollars) throw new ExchangeException(400, "insufficient_balance", "insufficient balance");
            source.Cash -= dollars; destination.Cash += dollars;
            source.UpdatedTime = destination.UpdatedTime = Now;
            var t = new SubaccountTransfer(NewId(), clientTransferId, from, to, amountCents, Now, exchangeIndex);
            (_transfers.TryGetValue(userId, out var list) ? list : _transfers[userId] = new List<SubaccountTransfer>()).Add(t);
            _transfersByClientId[(userId, clientTransferId)] = t;
            return t;
        }
    }

    /// <summary>The user's subaccount transfers in the order they happened (append-only: pages stay stable).</summary>
    public IReadOnlyList<SubaccountTransfer> Transfers(string userId)
    {
        lock (Gate) return _transfers.TryGetValue(userId, out var l) ? l.ToArray() : Array.Empty<SubaccountTransfer>();
    }

    /// <summary>Netting of every account of the user (enabled unless switched off).</summary>
    public IReadOnlyList<(int Subaccount, bool Enabled)> Netting(string userId)
    {
        lock (Gate) return Subaccounts(userId).Select(a => (a.Subaccount, _netting.GetValueOrDefault((userId, a.Subaccount), true))).ToList();
    }

    public void SetNetting(string userId, int subaccount, bool enabled)
    {
        lock (Gate)
        {
            AccountOf(userId, subaccount);
            _netting[(userId, subaccount)] = enabled;
        }
    }

    /// <summary>Cash on the margined instance (the sandbox keeps it only as a balance: it has no margined markets).</summary>
    public decimal MarginedBalance(string userId) { lock (Gate) return _marginedCash.GetValueOrDefault(userId); }

    /// <summary>
    /// Moves cash between exchange instances (event_contract, margined) or, event contract to event contract, between
    /// subaccounts. Amount is in centicents (1/10,000 dollar), as Kalshi's request has it.
    /// </summary>
    public InstanceTransfer TransferBetweenInstances(string userId, string source, string destination, long amountCenticents,
        int sourceShard = 0, int destinationShard = 0, int sourceSubaccount = 0, int destinationSubaccount = 0)
    {
        lock (Gate)
        {
            static bool Known(string s) => s is "event_contract" or "margined";
            if (!Known(source) || !Known(destination)) throw new ExchangeException(400, "invalid_parameters", "source and destination must be event_contract or margined");
            if (amountCenticents <= 0) throw new ExchangeException(400, "invalid_parameters", "amount must be positive");
            if (sourceShard != 0 || destinationShard != 0) throw new ExchangeException(400, "invalid_parameters", "the sandbox has exchange shard 0 only");
            bool contracts = source == "event_contract" && destination == "event_contract";
            if (!contracts && (sourceSubaccount != 0 || destinationSubaccount != 0))
                throw new ExchangeException(400, "invalid_parameters", "subaccounts are only supported for event contract to event contract transfers");
            if (source == destination && sourceSubaccount == destinationSubaccount)
                throw new ExchangeException(400, "invalid_parameters", "source and destination are the same");
            decimal dollars = amountCenticents / 10000m;
            decimal available = source == "margined" ? _marginedCash.GetValueOrDefault(userId) : AccountOf(userId, sourceSubaccount).Cash;
            if (destination == "event_contract") AccountOf(userId, destinationSubaccount);
            if (available < dollars) throw new ExchangeException(400, "insufficient_balance", "insufficient balance");
            if (source == "margined") _marginedCash[userId] = available - dollars; else AccountOf(userId, sourceSubaccount).Cash -= dollars;
            if (destination == "margined") _marginedCash[userId] = _marginedCash.GetValueOrDefault(userId) + dollars; else AccountOf(userId, destinationSubaccount).Cash += dollars;
            var t = new InstanceTransfer(NewId(), source, destination, sourceShard, destinationShard, sourceSubaccount, destinationSubaccount, dollars, "complete", Now);
            (_instanceTransfers.TryGetValue(userId, out var list) ? list : _instanceTransfers[userId] = new List<InstanceTransfer>()).Add(t);
            if (contracts) // Kalshi lists same-instance moves in the subaccount transfer history too
                (_transfers.TryGetValue(userId, out var sl) ? sl : _transfers[userId] = new List<SubaccountTransfer>())
                    .Add(new SubaccountTransfer(t.TransferId, "", sourceSubaccount, destinationSubaccount, (long)(dollars * 100m), Now, sourceShard));
            return t;
        }
    }

    public IReadOnlyList<InstanceTransfer> InstanceTransfers(string userId)
    {
        lock (Gate) return _instanceTransfers.TryGetValue(userId, out var l) ? l.ToArray() : Array.Empty<InstanceTransfer>();
    }

    public BalanceAllocation GetBalanceAllocation(string userId)
    {
        lock (Gate) return _allocations.GetValueOrDefault(userId) ?? new BalanceAllocation(Array.Empty<(int, decimal)>(), "sum");
    }

    /// <summary>Replaces the target allocation: percentages must total 100 (an empty list turns rebalancing off).</summary>
    public void SetBalanceAllocation(string userId, IReadOnlyList<(int ExchangeIndex, decimal Percent)> allocations, string reservation)
    {
        if (reservation is not ("sum" or "max")) throw new ExchangeException(400, "invalid_parameters", "resting_margin_reservation must be sum or max");
        if (allocations.Any(a => a.ExchangeIndex < 0 || a.Percent <= 0 || a.Percent > 100))
            throw new ExchangeException(400, "invalid_parameters", "each allocation needs exchange_index >= 0 and a percent in (0, 100]");
        if (allocations.Select(a => a.ExchangeIndex).Distinct().Count() != allocations.Count)
            throw new ExchangeException(400, "invalid_parameters", "an exchange_index appears twice");
        if (allocations.Count > 0 && allocations.Sum(a => a.Percent) != 100m)
            throw new ExchangeException(400, "invalid_parameters", "percentages must total 100");
        lock (Gate) _allocations[userId] = new BalanceAllocation(allocations.ToArray(), reservation);
    }
}
