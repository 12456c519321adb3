using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace KalshiPS.Sandbox;

/// <summary>The historical archive: /historical/*. So far the cutoff.</summary>
internal static class HistoricalEndpoints
{
    public static void Map(RouteGroupBuilder api, HistoricalCutoff cutoff)
    {
        api.MapGet("/historical/cutoff", () => Http.Ok(new
        {
            market_settled_ts = Fp.Rfc3339(cutoff.MarketSettled),
            trades_created_ts = Fp.Rfc3339(cutoff.TradesCreated),
            orders_updated_ts = Fp.Rfc3339(cutoff.OrdersUpdated),
            market_positions_last_updated_ts = Fp.Rfc3339(cutoff.PositionsUpdated),
        }));
    }
}
