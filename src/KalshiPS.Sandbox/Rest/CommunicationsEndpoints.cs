using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KalshiPS.Sandbox;

/// <summary>/communications/*: RFQs, quotes (RFQ-scoped and the deprecated flat paths) and block trade proposals.</summary>
internal static class CommunicationsEndpoints
{
    public static void Map(RouteGroupBuilder api, Exchange ex, FaultOptions faults)
    {
        api.MapGet("/communications/id", (HttpContext ctx) => Http.Ok(new { communications_id = Exchange.CommunicationsId(Http.UserId(ctx)) }));

        // ---- RFQs
        api.MapPost("/communications/rfqs", async (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            var b = await Http.Body(ctx);
            string ticker = Http.Str(b, "market_ticker") ?? throw new ExchangeException(400, "invalid_parameters", "market_ticker is required");
            decimal? contracts = Http.Dec(b, "contracts_fp", "invalid_count");
            if (Http.Long(b, "contracts") is { } whole)
            {
                if (contracts is { } c && c != whole) throw new ExchangeException(400, "invalid_parameters", "contracts and contracts_fp differ");
                contracts = whole;
            }
            decimal? cost = Http.Dec(b, "target_cost_dollars", "invalid_parameters") ?? (Http.Long(b, "target_cost_centi_cents") is { } cc ? cc / 10000m : null);
            var rfq = ex.CreateRfq(user, ticker, contracts, cost, Http.Bool(b, "target_cost_excludes_fees"), Http.Bool(b, "rest_remainder"),
                Http.Bool(b, "replace_existing"), (int?)Http.Long(b, "subaccount"));
            return Answer(ctx, faults, Http.Ok(new { id = rfq.Id }, 201));
        });
        api.MapGet("/communications/rfqs", (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            string? ticker = Http.Q(ctx, "market_ticker"), eventTicker = Http.Q(ctx, "event_ticker"), status = Http.Q(ctx, "status"), creator = Http.Q(ctx, "creator_user_id");
            bool self = Http.Q(ctx, "user_filter") == "self";
            var (limit, offset) = Http.Page(ctx, 100, 100);
            lock (ex.Gate)
            {
                var all = ex.Rfqs.Where(r => (ticker == null || r.Ticker == ticker) && (eventTicker == null || r.EventTicker == eventTicker)
                    && (status == null || r.Status == status) && (!self || r.CreatorUserId == user) && (creator == null || r.CreatorUserId == creator))
                    .Reverse().ToList();
                var (items, cursor) = Http.Slice(all, limit, offset);
                return Http.Ok(new { rfqs = items.Select(r => Rfq(r, user)).ToArray(), cursor });
            }
        });
        api.MapGet("/communications/rfqs/{id}", (HttpContext ctx, string id) =>
        {
            var user = Http.UserId(ctx);
            lock (ex.Gate) return Http.Ok(new { rfq = Rfq(ex.GetRfq(id), user) });
        });
        api.MapDelete("/communications/rfqs/{id}", (HttpContext ctx, string id) =>
        {
            ex.DeleteRfq(Http.UserId(ctx), id);
            return Answer(ctx, faults, Results.StatusCode(204));
        });

        // ---- quotes
        api.MapPost("/communications/quotes", async (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            var b = await Http.Body(ctx);
            string rfqId = Http.Str(b, "rfq_id") ?? throw new ExchangeException(400, "invalid_parameters", "rfq_id is required");
            var yes = Http.Dec(b, "yes_bid", "invalid_price") ?? throw new ExchangeException(400, "invalid_parameters", "yes_bid is required");
            var no = Http.Dec(b, "no_bid", "invalid_price") ?? throw new ExchangeException(400, "invalid_parameters", "no_bid is required");
            var q = ex.CreateQuote(user, rfqId, yes, no, Http.Bool(b, "rest_remainder"), Http.Bool(b, "post_only"));
            return Answer(ctx, faults, Http.Ok(new { id = q.Id }, 201));
        });
        api.MapGet("/communications/quotes", (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            string? rfqId = Http.Q(ctx, "rfq_id"), status = Http.Q(ctx, "status"), creator = Http.Q(ctx, "quote_creator_user_id"), rfqCreator = Http.Q(ctx, "rfq_creator_user_id");
            bool mine = Http.Q(ctx, "user_filter") == "self", onMine = Http.Q(ctx, "rfq_user_filter") == "self";
            long? minTs = Http.QLong(ctx, "min_ts"), maxTs = Http.QLong(ctx, "max_ts");
            var (limit, offset) = Http.Page(ctx, 500, 500);
            lock (ex.Gate)
            {
                var all = ex.QuotesVisibleTo(user).Where(q => (rfqId == null || q.RfqId == rfqId) && (status == null || q.Status == status)
                    && (!mine || q.CreatorUserId == user) && (!onMine || q.RfqCreatorUserId == user)
                    && (creator == null || q.CreatorUserId == creator) && (rfqCreator == null || q.RfqCreatorUserId == rfqCreator)
                    && (minTs == null || q.UpdatedTime.ToUnixTimeSeconds() >= minTs) && (maxTs == null || q.UpdatedTime.ToUnixTimeSeconds() <= maxTs))
                    .Reverse().ToList();
                var (items, cursor) = Http.Slice(all, limit, offset);
                return Http.Ok(new { quotes = items.Select(q => Quote(ex, q, user)).ToArray(), cursor });
            }
        });
        foreach (var (prefix, scoped) in new[] { ("/communications/rfqs/{rfq_id}/quotes/{quote_id}", true), ("/communications/quotes/{quote_id}", false) })
        {
            api.MapGet(prefix, (HttpContext ctx, string quote_id) =>
            {
                var user = Http.UserId(ctx);
                lock (ex.Gate) return Http.Ok(new { quote = Quote(ex, ex.GetQuote(user, quote_id, RfqOf(ctx, scoped)), user) });
            });
            api.MapDelete(prefix, (HttpContext ctx, string quote_id) =>
            {
                ex.DeleteQuote(Http.UserId(ctx), quote_id, RfqOf(ctx, scoped));
                return Answer(ctx, faults, Results.StatusCode(204));
            });
            api.MapPut(prefix + "/accept", async (HttpContext ctx, string quote_id) =>
            {
                var user = Http.UserId(ctx);
                var b = await Http.Body(ctx);
                ex.AcceptQuote(user, quote_id, Http.Str(b, "accepted_side") ?? throw new ExchangeException(400, "invalid_parameters", "accepted_side is required"), RfqOf(ctx, scoped));
                return Answer(ctx, faults, Results.StatusCode(204));
            });
            api.MapPut(prefix + "/confirm", (HttpContext ctx, string quote_id) =>
            {
                ex.ConfirmQuote(Http.UserId(ctx), quote_id, RfqOf(ctx, scoped));
                return Answer(ctx, faults, Results.StatusCode(204));
            });
        }

        // ---- block trade proposals
        api.MapPost("/communications/block-trade-proposals", async (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            var b = await Http.Body(ctx);
            string Need(string name) => Http.Str(b, name) ?? throw new ExchangeException(400, "invalid_parameters", name + " is required");
            long NeedLong(string name) => Http.Long(b, name) ?? throw new ExchangeException(400, "invalid_parameters", name + " is required");
            if (!DateTimeOffset.TryParse(Need("expiration_ts"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var expiration))
                throw new ExchangeException(400, "invalid_parameters", "expiration_ts is not a timestamp");
            var p = ex.ProposeBlockTrade(user, Need("buyer_user_id"), Need("seller_user_id"), Need("market_ticker"), NeedLong("price_centi_cents") / 10000m,
                NeedLong("centicount") / 100m, Need("maker_side"), expiration, (int?)Http.Long(b, "buyer_subaccount"), (int?)Http.Long(b, "seller_subaccount"));
            return Answer(ctx, faults, Http.Ok(new { block_trade_proposal_id = p.Id }, 201));
        });
        api.MapGet("/communications/block-trade-proposals", (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            string? ticker = Http.Q(ctx, "market_ticker"), status = Http.Q(ctx, "status");
            var (limit, offset) = Http.Page(ctx, 100, 100);
            lock (ex.Gate)
            {
                var all = ex.BlockTradesVisibleTo(user).Where(p => (ticker == null || p.Ticker == ticker) && (status == null || p.Status == status)).Reverse().ToList();
                var (items, cursor) = Http.Slice(all, limit, offset);
                return Http.Ok(new { block_trade_proposals = items.Select(p => BlockTrade(p, user)).ToArray(), cursor });
            }
        });
        api.MapPost("/communications/block-trade-proposals/{proposal}/accept", async (HttpContext ctx, string proposal) =>
        {
            var user = Http.UserId(ctx);
            await Http.Body(ctx);
            var id = proposal; // not promised to be a UUID: any id text
            ex.AcceptBlockTrade(user, id);
            return Answer(ctx, faults, Results.StatusCode(204));
        });
    }

    /// <summary>A committed write answered as if it failed, when the fault is armed (the client must settle it).</summary>
    private static IResult Answer(HttpContext ctx, FaultOptions faults, IResult ok) =>
        faults.TakeCommunicationsAfterCommit() ? PortfolioEndpoints.AfterCommit(ctx, faults) : ok;

    private static string? RfqOf(HttpContext ctx, bool scoped) => scoped ? ctx.Request.RouteValues["rfq_id"]?.ToString() : null;

    private static string? Ts(DateTimeOffset? t) => t is { } x ? Fp.Rfc3339(x) : null;

    /// <summary>An RFQ as <paramref name="viewer"/> sees it: the creator's private fields only on its own RFQs.</summary>
    public static object Rfq(Rfq r, string viewer)
    {
        bool own = r.CreatorUserId == viewer;
        return new
        {
            id = r.Id, creator_id = Exchange.CommunicationsId(r.CreatorUserId), market_ticker = r.Ticker,
            contracts_fp = r.Contracts is { } c ? Fp.Count(c) : null, target_cost_dollars = r.TargetCost is { } t ? Fp.Price(t) : null,
            target_cost_excludes_fees = r.TargetCost != null ? r.TargetCostExcludesFees : (bool?)null,
            status = r.Status, created_ts = Fp.Rfc3339(r.CreatedTime), updated_ts = Fp.Rfc3339(r.UpdatedTime), cancelled_ts = Ts(r.CancelledTime),
            rest_remainder = r.RestRemainder, cancellation_reason = r.CancellationReason,
            creator_user_id = own ? r.CreatorUserId : null, creator_subaccount = own ? r.Subaccount ?? 0 : (int?)null,
        };
    }

    public static object Quote(Exchange ex, Quote q, string viewer)
    {
        bool quoter = q.CreatorUserId == viewer, requester = q.RfqCreatorUserId == viewer;
        var rfq = ex.GetRfq(q.RfqId);
        decimal? contracts = rfq.Contracts ?? (q.AcceptedSide == "yes" ? q.YesContracts : q.AcceptedSide == "no" ? q.NoContracts : null);
        return new
        {
            id = q.Id, rfq_id = q.RfqId, creator_id = Exchange.CommunicationsId(q.CreatorUserId), rfq_creator_id = Exchange.CommunicationsId(q.RfqCreatorUserId),
            market_ticker = q.Ticker, contracts_fp = Fp.Count(contracts ?? 0m), yes_bid_dollars = Fp.Price(q.YesBid), no_bid_dollars = Fp.Price(q.NoBid),
            created_ts = Fp.Rfc3339(q.CreatedTime), updated_ts = Fp.Rfc3339(q.UpdatedTime), status = q.Status, accepted_side = q.AcceptedSide,
            accepted_ts = Ts(q.AcceptedTime), confirmed_ts = Ts(q.ConfirmedTime), executed_ts = Ts(q.ExecutedTime), cancelled_ts = Ts(q.CancelledTime),
            rest_remainder = q.RestRemainder, post_only = quoter ? q.PostOnly : (bool?)null, cancellation_reason = q.CancellationReason,
            creator_user_id = quoter ? q.CreatorUserId : null, rfq_creator_user_id = requester ? q.RfqCreatorUserId : null,
            rfq_target_cost_dollars = rfq.TargetCost is { } t ? Fp.Price(t) : null,
            creator_order_id = quoter ? q.CreatorOrderId : null, rfq_creator_order_id = requester ? q.RfqCreatorOrderId : null,
            creator_subaccount = quoter ? 0 : (int?)null, rfq_creator_subaccount = requester ? 0 : (int?)null,
            yes_contracts_fp = q.YesContracts is { } y ? Fp.Count(y) : null, no_contracts_fp = q.NoContracts is { } n ? Fp.Count(n) : null,
        };
    }

    /// <summary>Buyer and seller fields are empty unless the viewer is that party (as the spec says).</summary>
    public static object BlockTrade(BlockProposal p, string viewer)
    {
        bool buyer = p.BuyerUserId == viewer, seller = p.SellerUserId == viewer;
        return new
        {
            id = p.Id, proposer_user_id = p.ProposerUserId, buyer_user_id = buyer ? p.BuyerUserId : "", seller_user_id = seller ? p.SellerUserId : "",
            market_ticker = p.Ticker, price_centi_cents = (long)(p.Price * 10000m), centicount = (long)(p.Count * 100m), maker_side = p.MakerSide,
            expiration_ts = Fp.Rfc3339(p.Expiration), status = p.Status, created_ts = Fp.Rfc3339(p.CreatedTime), updated_ts = Fp.Rfc3339(p.UpdatedTime),
            buyer_accepted = p.BuyerAccepted, seller_accepted = p.SellerAccepted, buyer_accepted_ts = Ts(p.BuyerAcceptedTime), seller_accepted_ts = Ts(p.SellerAcceptedTime),
            executed_ts = Ts(p.ExecutedTime), buyer_order_id = buyer ? p.BuyerOrderId : null, seller_order_id = seller ? p.SellerOrderId : null,
        };
    }
}
