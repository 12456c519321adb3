using Microsoft.AspNetCore.Routing;

namespace KalshiPS.Sandbox;

/// <summary>One route the sandbox answers: HTTP method ("*" when any) and the template from the host root.</summary>
public sealed record SandboxRoute(string Method, string Template);

/// <summary>The routes actually registered with ASP.NET Core (not a hand-kept list), for the coverage table.</summary>
internal static class RouteTable
{
    public static IReadOnlyList<SandboxRoute> Of(IEndpointRouteBuilder app) =>
        app.DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => !e.RoutePattern.Parameters.Any(p => p.IsCatchAll)) // the fallback (404 route not found) serves nothing
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? new[] { "*" })
                .Select(m => new SandboxRoute(m, "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))))
            .Distinct()
            .OrderBy(r => r.Template, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();
}
