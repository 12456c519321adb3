using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace KalshiPS.Sandbox;

/// <summary>Shared HTTP helpers: JSON options, error bodies, cursors, query parsing.</summary>
internal static class Http
{
    public static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IResult Ok(object body, int status = 200) => Results.Json(body, Json, statusCode: status);

    public static IResult Error(int status, string code, string message, string? details = null, string? service = null) =>
        Results.Json(new { error = new { code, message, details, service } }, Json, statusCode: status);

    public static IResult Error(ExchangeException e) =>
        Error(e.Status, e.Code, e.Message, e.Details, e.Code is "order_already_exists" or "invalid_price" or "insufficient_balance" ? "exchange" : null);

    public static string UserId(HttpContext ctx) => (string)(ctx.Items["kalshi.user"] ?? throw new ExchangeException(401, "authentication_error", "authentication required"));

    public static string? Q(HttpContext ctx, string name)
    {
        var v = ctx.Request.Query[name];
        return v.Count == 0 ? null : string.Join(",", v.ToArray());
    }

    public static long? QLong(HttpContext ctx, string name)
    {
        var s = Q(ctx, name);
        if (string.IsNullOrEmpty(s)) return null;
        return long.TryParse(s, out var v) ? v : throw new ExchangeException(400, "invalid_parameters", $"{name} must be an integer");
    }

    public static bool QBool(HttpContext ctx, string name) => string.Equals(Q(ctx, name), "true", StringComparison.OrdinalIgnoreCase);

    public static HashSet<string>? QList(HttpContext ctx, string name)
    {
        var s = Q(ctx, name);
        return string.IsNullOrEmpty(s) ? null : s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Reads limit (default, 1..max, else 400) and the opaque cursor (an encoded offset, 400 if malformed).</summary>
    public static (int Limit, int Offset) Page(HttpContext ctx, int defaultLimit, int max)
    {
        int limit = defaultLimit;
        var ls = Q(ctx, "limit");
        if (!string.IsNullOrEmpty(ls) && (!int.TryParse(ls, out limit) || limit < 1 || limit > max))
            throw new ExchangeException(400, "invalid_parameters", $"limit must be between 1 and {max}");
        int offset = 0;
        var c = Q(ctx, "cursor");
        if (!string.IsNullOrEmpty(c))
        {
            try
            {
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(c));
                if (!text.StartsWith("o:") || !int.TryParse(text.AsSpan(2), out offset) || offset < 0) throw new FormatException();
            }
            catch (FormatException) { throw new ExchangeException(400, "invalid_cursor", "invalid cursor"); }
        }
        return (limit, offset);
    }

    /// <summary>Slices one page and returns the next cursor ("" when done).</summary>
    public static (List<T> Items, string Cursor) Slice<T>(IReadOnlyList<T> all, int limit, int offset)
    {
        var items = all.Skip(offset).Take(limit).ToList();
        int next = offset + items.Count;
        string cursor = next < all.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes("o:" + next)) : "";
        return (items, cursor);
    }

    /// <summary>
    /// Newest-first page over an append-only list; the cursor holds an insertion index, so items appended while a client
    /// pages do not shift later pages.
    /// </summary>
    public static (List<T> Items, string Cursor) NewestFirst<T>(HttpContext ctx, IReadOnlyList<T> appendOnly, Func<T, bool> match, int defaultLimit, int max)
    {
        int limit = defaultLimit;
        var ls = Q(ctx, "limit");
        if (!string.IsNullOrEmpty(ls) && (!int.TryParse(ls, out limit) || limit < 1 || limit > max))
            throw new ExchangeException(400, "invalid_parameters", $"limit must be between 1 and {max}");
        int before = appendOnly.Count;
        var c = Q(ctx, "cursor");
        if (!string.IsNullOrEmpty(c))
        {
            try
            {
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(c));
                if (!text.StartsWith("b:") || !int.TryParse(text.AsSpan(2), out before) || before < 0 || before > appendOnly.Count) throw new FormatException();
            }
            catch (FormatException) { throw new ExchangeException(400, "invalid_cursor", "invalid cursor"); }
        }
        var items = new List<T>();
        int i = before - 1;
        for (; i >= 0 && items.Count < limit; i--) if (match(appendOnly[i])) items.Add(appendOnly[i]);
        // i is now the next index to examine; is there anything left that matches?
        bool more = false;
        for (int j = i; j >= 0; j--) if (match(appendOnly[j])) { more = true; break; }
        return (items, more ? Convert.ToBase64String(Encoding.UTF8.GetBytes("b:" + (i + 1))) : "");
    }

    public static async Task<JsonElement> Body(HttpContext ctx)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(ctx.Request.Body);
            return doc.RootElement.Clone();
        }
        catch (JsonException) { throw new ExchangeException(400, "invalid_parameters", "request body is not valid JSON"); }
    }

    /// <summary>An exception System.Text.Json throws when a JsonElement is read as the wrong type or range (GetInt32 on a string, ...).</summary>
    public static bool IsJsonTypeError(Exception e) =>
        e is InvalidOperationException or FormatException
        && e.TargetSite?.DeclaringType?.Namespace?.StartsWith("System.Text.Json", StringComparison.Ordinal) == true;

    public static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static bool Has(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public static decimal? Dec(JsonElement e, string name, string code)
    {
        if (!Has(e, name)) return null;
        return Fp.TryRead(e.GetProperty(name), out var d) ? d : throw new ExchangeException(400, code, $"{name} is not a valid number");
    }

    public static bool Bool(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    public static long? Long(JsonElement e, string name)
    {
        if (!Has(e, name)) return null;
        var v = e.GetProperty(name);
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var l)) return l;
        if (v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), out l)) return l;
        throw new ExchangeException(400, "invalid_parameters", $"{name} must be an integer");
    }
}
