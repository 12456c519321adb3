namespace KalshiPS.Sandbox;

/// <summary>A request for quote as the engine tracks it. Sized by Contracts or by TargetCost (dollars).</summary>
public sealed class Rfq
{
    public required string Id { get; init; }
    public required string CreatorUserId { get; init; }
    public required string Ticker { get; init; }
    public required string EventTicker { get; init; }
    public decimal? Contracts { get; init; }
    public decimal? TargetCost { get; init; }
    public bool TargetCostExcludesFees { get; init; }
    public bool RestRemainder { get; init; }
    public int? Subaccount { get; init; }
    /// <summary>open or closed.</summary>
    public string Status { get; set; } = "open";
    public string? CancellationReason { get; set; }
    public DateTimeOffset CreatedTime { get; init; }
    public DateTimeOffset UpdatedTime { get; set; }
    public DateTimeOffset? CancelledTime { get; set; }
}

/// <summary>
/// A quote on an RFQ. The sandbox's reading of accepted_side: "yes" takes the quoter's Yes bid (the quoter buys Yes
/// at YesBid, the RFQ's creator buys No at 1 - YesBid); "no" takes the No bid (the quoter buys No at NoBid, the
/// creator buys Yes at 1 - NoBid).
/// </summary>
public sealed class Quote
{
    public required string Id { get; init; }
    public required string RfqId { get; init; }
    public required string CreatorUserId { get; init; }
    public required string RfqCreatorUserId { get; init; }
    public required string Ticker { get; init; }
    public decimal YesBid { get; init; }
    public decimal NoBid { get; init; }
    public bool RestRemainder { get; init; }
    public bool PostOnly { get; init; }
    /// <summary>open, accepted, confirmed, executed, cancelled.</summary>
    public string Status { get; set; } = "open";
    public string? AcceptedSide { get; set; }
    public string? CancellationReason { get; set; }
    public string? CreatorOrderId { get; set; }
    public string? RfqCreatorOrderId { get; set; }
    public decimal? YesContracts { get; init; }
    public decimal? NoContracts { get; init; }
    public DateTimeOffset CreatedTime { get; init; }
    public DateTimeOffset UpdatedTime { get; set; }
    public DateTimeOffset? AcceptedTime { get; set; }
    public DateTimeOffset? ConfirmedTime { get; set; }
    public DateTimeOffset? ExecutedTime { get; set; }
    public DateTimeOffset? CancelledTime { get; set; }
}

/// <summary>A block trade proposal: the buyer buys Yes at Price, the seller sells it; MakerSide names the maker (yes: buyer).</summary>
public sealed class BlockProposal
{
    public required string Id { get; init; }
    public required string ProposerUserId { get; init; }
    public required string BuyerUserId { get; init; }
    public required string SellerUserId { get; init; }
    public int? BuyerSubaccount { get; init; }
    public int? SellerSubaccount { get; init; }
    public required string Ticker { get; init; }
    public decimal Price { get; init; }
    public decimal Count { get; init; }
    public required string MakerSide { get; init; }
    public DateTimeOffset Expiration { get; init; }
    /// <summary>pending, executed, expired.</summary>
    public string Status { get; set; } = "pending";
    public bool BuyerAccepted { get; set; }
    public bool SellerAccepted { get; set; }
    public DateTimeOffset CreatedTime { get; init; }
    public DateTimeOffset UpdatedTime { get; set; }
    public DateTimeOffset? BuyerAcceptedTime { get; set; }
    public DateTimeOffset? SellerAcceptedTime { get; set; }
    public DateTimeOffset? ExecutedTime { get; set; }
    public string? BuyerOrderId { get; set; }
    public string? SellerOrderId { get; set; }
}

/// <summary>A communications-channel event: rfq_created, rfq_deleted, quote_created, quote_accepted, quote_executed.</summary>
public sealed record CommunicationsEvent(string Type, Rfq Rfq, Quote? Quote, long TsMs) : ExchangeEvent(TsMs);
