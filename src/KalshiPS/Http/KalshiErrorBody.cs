using System.Text.Json;
using KalshiPS.Wire;

namespace KalshiPS.Http
{
    /// <summary>
    /// Kalshi's error body in all the shapes seen on the wire: {"error":{code,message,details,service}},
    /// {"error":"too many requests"}, flat {code,message}, {"msg":...}, {"message":...}, or plain text.
    /// </summary>
    public sealed class KalshiErrorBody
    {
        public string Code { get; set; }
        public string Message { get; set; }
        public string Details { get; set; }
        public string Service { get; set; }

        internal static KalshiErrorBody Parse(string body)
        {
            if (string.IsNullOrWhiteSpace(body)) return null;
            try
            {
                using (var doc = JsonDocument.Parse(body))
                    return FromElement(doc.RootElement) ?? new KalshiErrorBody { Message = Trim(body) };
            }
            catch (JsonException)
            {
                return new KalshiErrorBody { Message = Trim(body) };
            }
        }

        internal static KalshiErrorBody FromElement(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object) return null;
            if (root.TryField("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String) return new KalshiErrorBody { Message = error.GetString() };
                if (error.ValueKind == JsonValueKind.Object) return Flat(error);
            }
            var flat = Flat(root);
            return flat.Code != null || flat.Message != null ? flat : null;
        }

        private static KalshiErrorBody Flat(JsonElement o) => new KalshiErrorBody
        {
            Code = o.Str("code"),
            Message = o.StrAny("message", "msg", "error_message"),
            Details = o.Str("details"),
            Service = o.Str("service"),
        };

        private static string Trim(string text) => text.Length > 300 ? text.Substring(0, 300) + "…" : text.Trim();

        public override string ToString() => $"{Code}: {Message}";
    }
}
