using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace KalshiPS.Sandbox;

/// <summary>
/// Gives every route parameter of the API the shape Kalshi gives its values, by the parameter's name: tickers and
/// series (names with "ticker" or "series") are upper-case letters, digits, '-', '.', '_'; ids of orders, order
/// groups, RFQs and quotes are UUIDs, other ids ("...Id", "..._id") id text. A path segment of another shape then matches no route and gets the fallback's 404
/// "route not found" — so "orderbooks" or "queue_positions" is never read as a ticker or an order id, for routes
/// added later as well.
/// </summary>
internal static class RouteShapes
{
    public static RouteGroupBuilder WithSegmentShapes(this RouteGroupBuilder group)
    {
        // Finally: after each endpoint's own conventions, so its metadata (AnyShape) is visible.
        ((IEndpointConventionBuilder)group).Finally(builder =>
        {
            if (builder is not RouteEndpointBuilder route || builder.Metadata.Contains(AnyShape)) return;
            var policies = new RouteValueDictionary();
            foreach (var p in route.RoutePattern.Parameters)
                if (p.ParameterPolicies.Count == 0 && !p.IsCatchAll && ShapeOf(p.Name) is { } shape) policies[p.Name] = shape;
            if (policies.Count == 0) return;
            route.RoutePattern = RoutePatternFactory.Pattern(route.RoutePattern.RawText, route.RoutePattern.Defaults, policies, route.RoutePattern.PathSegments);
        });
        return group;
    }

    /// <summary>Endpoint metadata: take any segment (routes retired as a whole, e.g. the 410 V1 order writes).</summary>
    public static readonly object AnyShape = new();

    internal static IRouteConstraint? ShapeOf(string name)
    {
        var n = name.ToLowerInvariant();
        if (n.Contains("ticker") || n.Contains("series")) return Ticker;
        if (n is "id" or "order_id" or "order_group_id" or "rfq_id" or "quote_id") return Uuid;
        // Other ids (transfers, milestones, structured targets, keys) are not promised to be UUIDs: id text.
        if (name.EndsWith("Id", StringComparison.Ordinal) || n.EndsWith("_id", StringComparison.Ordinal) || n == "api_key") return IdText;
        return null;
    }

    private static readonly IRouteConstraint Ticker = new Shape(IsTicker);
    private static readonly IRouteConstraint Uuid = new Shape(v => v.Length == 36 && Guid.TryParseExact(v, "D", out _));
    private static readonly IRouteConstraint IdText = new Shape(v => v.Length is > 0 and <= 256 && v is not ("." or "..")
        && v.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'));

    internal static bool IsTicker(string v)
    {
        if (v.Length is 0 or > 256 || !(char.IsAsciiLetterUpper(v[0]) || char.IsAsciiDigit(v[0]))) return false;
        foreach (var c in v) if (!(char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is '-' or '.' or '_')) return false;
        return true;
    }

    private sealed class Shape(Func<string, bool> accepts) : IRouteConstraint
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
            values.TryGetValue(routeKey, out var v) && v?.ToString() is { } s && accepts(s);
    }
}
