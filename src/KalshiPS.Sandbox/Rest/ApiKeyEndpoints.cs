using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KalshiPS.Sandbox;

/// <summary>/api_keys: list, register a public key, generate a key pair (the private half is answered once), delete. Writes honour FailNextCommunicationsAfterCommit.</summary>
internal static class ApiKeyEndpoints
{
    private static readonly HashSet<string> Scopes = new(StringComparer.Ordinal)
    {
        "read", "write", "read::block_trade_accept", "read::portfolio_balance", "write::trade", "write::transfer", "write::block_trade_accept",
    };

    public static void Map(RouteGroupBuilder api, KeyStore keys, FaultOptions faults)
    {
        api.MapGet("/api_keys", (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            return Http.Ok(new
            {
                api_keys = keys.KeysOf(user).Select(k => new { api_key_id = k.KeyId, name = k.Name, scopes = k.Scopes, subaccount = k.Subaccount }).ToArray(),
            });
        });
        api.MapPost("/api_keys", async (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            var b = await Http.Body(ctx);
            var (name, scopes, subaccount) = Common(b);
            string pem = Http.Str(b, "public_key") ?? throw new ExchangeException(400, "invalid_parameters", "public_key is required");
            if (pem.Contains("PRIVATE KEY", StringComparison.Ordinal)) throw new ExchangeException(400, "invalid_parameters", "public_key must be a public key");
            string id;
            try { id = keys.Register(pem, user, null, name, scopes, subaccount); }
            catch (Exception e) when (e is ArgumentException or CryptographicException) { throw new ExchangeException(400, "invalid_parameters", "public_key is not an RSA public key in PEM format"); }
            return faults.TakeCommunicationsAfterCommit() ? PortfolioEndpoints.AfterCommit(ctx, faults) : Http.Ok(new { api_key_id = id }, 201);
        });
        api.MapPost("/api_keys/generate", async (HttpContext ctx) =>
        {
            var user = Http.UserId(ctx);
            var b = await Http.Body(ctx);
            var (name, scopes, subaccount) = Common(b);
            var (privatePem, publicPem) = KeyStore.GenerateKeyPair();
            var id = keys.Register(publicPem, user, null, name, scopes, subaccount);
            return faults.TakeCommunicationsAfterCommit() ? PortfolioEndpoints.AfterCommit(ctx, faults) : Http.Ok(new { api_key_id = id, private_key = privatePem }, 201);
        });
        api.MapDelete("/api_keys/{api_key}", (HttpContext ctx, string api_key) =>
        {
            if (!keys.Remove(api_key, Http.UserId(ctx))) throw new ExchangeException(404, "not_found", "api key not found");
            return faults.TakeCommunicationsAfterCommit() ? PortfolioEndpoints.AfterCommit(ctx, faults) : Results.StatusCode(204);
        });
    }

    private static (string Name, string[]? Scopes, int? Subaccount) Common(JsonElement b)
    {
        string name = Http.Str(b, "name") ?? throw new ExchangeException(400, "invalid_parameters", "name is required");
        string[]? scopes = null;
        if (b.TryGetProperty("scopes", out var s) && s.ValueKind == JsonValueKind.Array)
        {
            scopes = s.EnumerateArray().Select(x => x.GetString() ?? "").ToArray();
            foreach (var x in scopes) if (!Scopes.Contains(x)) throw new ExchangeException(400, "invalid_parameters", "unknown scope " + x);
            if (scopes.Contains("write") && !scopes.Contains("read")) throw new ExchangeException(400, "invalid_parameters", "the write scope needs read");
        }
        var sub = (int?)Http.Long(b, "subaccount");
        if (sub is < 0 or > 63) throw new ExchangeException(400, "invalid_parameters", "subaccount must be 0-63");
        return (name, scopes, sub);
    }
}
