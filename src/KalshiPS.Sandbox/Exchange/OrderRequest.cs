namespace KalshiPS.Sandbox;

/// <summary>What a client asks for when creating an order (V2 semantics: Price is always the YES price).</summary>
public sealed class OrderRequest
{
    public string Ticker { get; set; } = "";
    public OrderSide Side { get; set; }
    public decimal Price { get; set; }
    public decimal Count { get; set; }
    public TimeInForce TimeInForce { get; set; } = TimeInForce.GoodTillCanceled;
    public SelfTradePrevention SelfTradePrevention { get; set; } = SelfTradePrevention.TakerAtCross;
    public string? ClientOrderId { get; set; }
    /// <summary>Unix seconds; only with good_till_canceled.</summary>
    public long? ExpirationTime { get; set; }
    public bool PostOnly { get; set; }
    public bool ReduceOnly { get; set; }
    public bool CancelOrderOnPause { get; set; }
    public string? OrderGroupId { get; set; }
    /// <summary>0 = primary account, 1-63 = a subaccount that must exist.</summary>
    public int Subaccount { get; set; }
}

/// <summary>Outcome of a create: the order plus the flat numbers of the V2 create response.</summary>
public sealed record PlaceResult(Order Order, decimal FillCount, decimal RemainingCount, decimal? AverageFillPrice, decimal? AverageFeePaid, long TsMs);
