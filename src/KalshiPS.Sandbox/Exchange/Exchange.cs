namespace KalshiPS.Sandbox;

/// <summary>
/// The exchange engine: markets, books, accounts, matching and settlement. All state is guarded by one lock
/// (<see cref="Gate"/>); events are published while it is held so subscribers see commit order. Fees are zero.
/// One engine in role files: Exchange.Catalog (listings), Exchange.Accounts (cash, positions, reads),
/// Exchange.Orders (order lifecycle), Exchange.Matching (crossing and executions), Exchange.Settlement,
/// Exchange.Multivariate (combo events and event fee overrides).
/// </summary>
public sealed partial class Exchange
{
    public const string HouseUserId = "house";
    internal readonly object Gate = new();
    private readonly TimeProvider _clock;
    private readonly Random _ids;
    private readonly decimal _startingBalance;
    private long _priority;
    private long _tradeSeq;

    private readonly Dictionary<string, SeriesInfo> _series = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EventInfo> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Market> _markets = new(StringComparer.Ordinal);
    internal readonly List<Market> MarketList = new();
    internal readonly List<EventInfo> EventList = new();
    internal readonly List<EventInfo> MultivariateEventList = new();
    internal readonly List<SeriesInfo> SeriesList = new();
    private readonly Dictionary<string, Account> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Order> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Order>> _ordersByUser = new(StringComparer.Ordinal);
    private readonly Dictionary<(string User, string Cid), Order> _byClientId = new();
    private readonly List<Order> _expiring = new();
    internal readonly List<Trade> Trades = new();

    public EventHub Events { get; } = new();
    /// <summary>When false, order entry and amends are refused with 400 trading_paused (cancels still work).</summary>
    public bool TradingActive { get; set; } = true;
    public TimeProvider Clock => _clock;

    public Exchange(TimeProvider? clock = null, int seed = 42, decimal startingBalance = 10000m)
    {
        _clock = clock ?? TimeProvider.System;
        _ids = new Random(seed ^ 0x5eed);
        _startingBalance = startingBalance;
        _accounts[HouseUserId] = new Account { UserId = HouseUserId, Cash = 1_000_000_000m };
    }

    private DateTimeOffset Now => _clock.GetUtcNow();
    private long NowMs => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    internal string NewId()
    {
        Span<byte> b = stackalloc byte[16];
        _ids.NextBytes(b);
        b[7] = (byte)((b[7] & 0x0F) | 0x40);
        b[8] = (byte)((b[8] & 0x3F) | 0x80);
        return new Guid(b).ToString();
    }
}
