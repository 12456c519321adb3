using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KalshiPS.Sandbox;

/// <summary>
/// Subaccounts (create, balances, transfers, netting), exchange-instance transfers and target balance allocation,
/// with the spec's shapes. The engine keeps the state (Exchange.Subaccounts); this file only speaks JSON.
/// </summary>
internal static class SubaccountEndpoints
{
    public static void Map(RouteGroupBuilder api, Exchange ex, FaultOptions faults)
    {
        IResult Answer(HttpContext ctx, object body, int status = 200) =>
            faults.TakeTransferAfterCommit() || faults.RollAfterCommit() ? PortfolioEndpoints.AfterCommit(ctx, faults) : Http.Ok(body, status);

        api.MapPost("/portfolio/subaccounts", (HttpContext ctx) =>
        {
            int n = ex.CreateSubaccount(Http.UserId(ctx));
            return Answer(ctx, new { subaccount_number = n }, 201);
        });
        api.MapGet("/portfolio/subaccounts/balances", (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            lock (ex.Gate)
                return Http.Ok(new
                {
                    subaccount_balances = ex.Subaccounts(user).Select(a => new
                    {
                        subaccount_number = a.Subaccount, exchange_index = 0, balance = Fp.Price(a.Cash), updated_ts = a.UpdatedTime.ToUnixTimeSeconds(),
                    }).ToArray(),
                });
        });
        api.MapPost("/portfolio/subaccounts/transfer", async (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            var b = await Http.Body(ctx);
            ex.TransferBetweenSubaccounts(user, Http.Str(b, "client_transfer_id") ?? "",
                Required(b, "from_subaccount"), Required(b, "to_subaccount"),
                Http.Long(b, "amount_cents") ?? throw new ExchangeException(400, "invalid_parameters", "amount_cents is required"),
                (int)(Http.Long(b, "exchange_index") ?? 0));
            return Answer(ctx, new { });
        });
        api.MapGet("/portfolio/subaccounts/transfers", (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            var (items, cursor) = Http.NewestFirst(ctx, ex.Transfers(user), _ => true, 100, 500);
            return Http.Ok(new
            {
                transfers = items.Select(t => new
                {
                    transfer_id = t.TransferId, from_subaccount = t.FromSubaccount, to_subaccount = t.ToSubaccount,
                    amount_cents = t.AmountCents, created_ts = t.CreatedTime.ToUnixTimeSeconds(), exchange_index = t.ExchangeIndex,
                }).ToArray(),
                cursor = cursor.Length == 0 ? null : cursor,
            });
        });
        api.MapGet("/portfolio/subaccounts/netting", (HttpContext ctx) => Http.Ok(new
        {
            netting_configs = ex.Netting(Http.UserId(ctx)).Select(n => new { subaccount_number = n.Subaccount, enabled = n.Enabled, exchange_index = 0 }).ToArray(),
        }));
        api.MapPut("/portfolio/subaccounts/netting", async (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            var b = await Http.Body(ctx);
            if (!b.TryGetProperty("enabled", out var enabled) || enabled.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                throw new ExchangeException(400, "invalid_parameters", "enabled (true or false) is required");
            ex.SetNetting(user, Required(b, "subaccount_number"), enabled.GetBoolean());
            return Answer(ctx, new { });
        });

        api.MapPost("/portfolio/intra_exchange_instance_transfer", async (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            var b = await Http.Body(ctx);
            var t = ex.TransferBetweenInstances(user,
                Http.Str(b, "source") ?? throw new ExchangeException(400, "invalid_parameters", "source is required"),
                Http.Str(b, "destination") ?? throw new ExchangeException(400, "invalid_parameters", "destination is required"),
                Http.Long(b, "amount") ?? throw new ExchangeException(400, "invalid_parameters", "amount is required"),
                (int)(Http.Long(b, "source_exchange_shard") ?? 0), (int)(Http.Long(b, "destination_exchange_shard") ?? 0),
                BodySubaccount(b, "source_subaccount") ?? 0, BodySubaccount(b, "destination_subaccount") ?? 0);
            return Answer(ctx, new { transfer_id = t.TransferId });
        });
        api.MapGet("/portfolio/intra_exchange_instance_transfers", (HttpContext ctx) =>
        {
            var (items, cursor) = Http.NewestFirst(ctx, ex.InstanceTransfers(Http.UserId(ctx)), _ => true, 100, 500);
            return Http.Ok(new { transfers = items.Select(InstanceTransfer).ToArray(), cursor = cursor.Length == 0 ? null : cursor });
        });
        api.MapGet("/portfolio/intra_exchange_instance_transfers/{transfer_id}", (HttpContext ctx, string transfer_id) =>
        {
            var t = ex.InstanceTransfers(Http.UserId(ctx)).FirstOrDefault(x => x.TransferId == transfer_id)
                ?? throw new ExchangeException(404, "not_found", "transfer not found");
            return Http.Ok(new { transfer = InstanceTransfer(t) });
        });

        api.MapGet("/portfolio/target_balance_allocation", (HttpContext ctx) =>
        {
            var a = ex.GetBalanceAllocation(Http.UserId(ctx));
            return Http.Ok(new
            {
                allocations = a.Allocations.Select(x => new { exchange_index = x.ExchangeIndex, percent = x.Percent }).ToArray(),
                resting_margin_reservation = a.RestingMarginReservation,
            });
        });
        api.MapPost("/portfolio/target_balance_allocation", async (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            var b = await Http.Body(ctx);
            if (!b.TryGetProperty("allocations", out var arr) || arr.ValueKind != JsonValueKind.Array)
                throw new ExchangeException(400, "invalid_parameters", "allocations must be an array");
            var list = arr.EnumerateArray().Select(x => (
                (int)(Http.Long(x, "exchange_index") ?? throw new ExchangeException(400, "invalid_parameters", "exchange_index is required")),
                Http.Dec(x, "percent", "invalid_parameters") ?? throw new ExchangeException(400, "invalid_parameters", "percent is required"))).ToList();
            ex.SetBalanceAllocation(user, list, Http.Str(b, "resting_margin_reservation") ?? "sum");
            return Answer(ctx, new { });
        });
    }

    private static object InstanceTransfer(InstanceTransfer t) => new
    {
        transfer_id = t.TransferId, source = t.Source, destination = t.Destination,
        source_exchange_shard = t.SourceShard, destination_exchange_shard = t.DestinationShard,
        amount = Fp.Price(t.Amount), status = t.Status, created_ts = t.CreatedTime.ToUnixTimeSeconds(),
    };

    private static int Required(JsonElement b, string name) =>
        BodySubaccount(b, name) ?? throw new ExchangeException(400, "invalid_parameters", name + " is required");

    /// <summary>A subaccount number in a body (0-63); 400 for anything else.</summary>
    public static int? BodySubaccount(JsonElement b, string name) => Checked(Http.Long(b, name), name);

    /// <summary>The ?subaccount= query value (0-63), or null when omitted; 400 for anything else.</summary>
    public static int? QuerySubaccount(HttpContext ctx) => Checked(Http.QLong(ctx, "subaccount"), "subaccount");

    private static int? Checked(long? n, string name) => n switch
    {
        null => null,
        >= 0 and <= Exchange.MaxSubaccount => (int)n.Value,
        _ => throw new ExchangeException(400, "invalid_parameters", $"{name} must be between 0 and {Exchange.MaxSubaccount}"),
    };
}
