namespace KalshiPS.Sandbox;

/// <summary>
/// The communications channel's messages as one connection's user sees them: RFQ events go to everyone (the
/// creator's id only to the creator), quote events only to the quote's creator and the RFQ's creator.
/// </summary>
internal static class CommunicationsMessages
{
    public static object? For(CommunicationsEvent e, string userId)
    {
        var rfq = e.Rfq;
        string ts = Fp.Rfc3339(DateTimeOffset.FromUnixTimeMilliseconds(e.TsMs));
        if (e.Quote is not { } q)
            return new
            {
                id = rfq.Id, creator_id = rfq.CreatorUserId == userId ? Exchange.CommunicationsId(rfq.CreatorUserId) : "",
                market_ticker = rfq.Ticker, event_ticker = rfq.EventTicker,
                contracts_fp = rfq.Contracts is { } c ? Fp.Count(c) : null, target_cost_dollars = rfq.TargetCost is { } t ? Fp.Price(t) : null,
                created_ts = e.Type == "rfq_created" ? ts : null, deleted_ts = e.Type == "rfq_deleted" ? ts : null,
            };
        bool quoter = q.CreatorUserId == userId, requester = q.RfqCreatorUserId == userId;
        if (!quoter && !requester) return null;
        string quoteCreator = Exchange.CommunicationsId(q.CreatorUserId);
        return e.Type switch
        {
            "quote_executed" => new
            {
                quote_id = q.Id, rfq_id = q.RfqId, quote_creator_id = quoteCreator, rfq_creator_id = Exchange.CommunicationsId(q.RfqCreatorUserId),
                order_id = quoter ? q.CreatorOrderId : q.RfqCreatorOrderId, client_order_id = "", market_ticker = q.Ticker, executed_ts = ts,
            } as object,
            _ => new
            {
                quote_id = q.Id, rfq_id = q.RfqId, quote_creator_id = quoteCreator, market_ticker = q.Ticker, event_ticker = rfq.EventTicker,
                yes_bid_dollars = Fp.Price(q.YesBid), no_bid_dollars = Fp.Price(q.NoBid),
                accepted_side = e.Type == "quote_accepted" ? q.AcceptedSide : null,
                contracts_accepted_fp = e.Type == "quote_accepted" ? Fp.Count(rfq.Contracts ?? (q.AcceptedSide == "yes" ? q.YesContracts : q.NoContracts) ?? 0m) : null,
                yes_contracts_offered_fp = q.YesContracts is { } y ? Fp.Count(y) : null, no_contracts_offered_fp = q.NoContracts is { } n ? Fp.Count(n) : null,
                rfq_target_cost_dollars = rfq.TargetCost is { } t2 ? Fp.Price(t2) : null,
                created_ts = e.Type == "quote_created" ? ts : null,
            },
        };
    }
}
