using System;
using System.Collections;
using System.Management.Automation;
using System.Text.Json;
using KalshiPS.Http;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Calls any Kalshi endpoint through the session's signed, rate-limited, retried pipeline and returns the JSON
    /// answer as PowerShell objects. The escape hatch for endpoints without a typed cmdlet.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "KalshiRequest", SupportsShouldProcess = true)]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeKalshiRequestCommand : KalshiCmdlet
    {
        [Parameter(Position = 0)]
        [ValidateSet("GET", "POST", "PUT", "DELETE")]
        public string Method { get; set; } = "GET";

        /// <summary>Path below the base URI, e.g. /portfolio/balance.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        public string Path { get; set; }

        [Parameter]
        public IDictionary Query { get; set; }

        /// <summary>A JSON string, or a hashtable/object that is serialized to JSON.</summary>
        [Parameter]
        public object Body { get; set; }

        /// <summary>Retry on 429/5xx even for a non-GET call (only when the call is idempotent).</summary>
        [Parameter]
        public SwitchParameter RetrySafe { get; set; }

        /// <summary>Return the raw JSON text instead of objects.</summary>
        [Parameter]
        public SwitchParameter Raw { get; set; }

        /// <summary>Public market-data reads work without a key; anything under /portfolio or any write needs one.</summary>
        protected override bool AllowsAnonymous =>
            Method.Equals("GET", StringComparison.OrdinalIgnoreCase) && !Path.TrimStart('/').StartsWith("portfolio", StringComparison.OrdinalIgnoreCase)
            && !Path.TrimStart('/').StartsWith("account", StringComparison.OrdinalIgnoreCase);

        protected override void ProcessRecord()
        {
            var request = new KalshiRequest(Method, Path.Split('?')[0]);
            if (Query != null)
                foreach (DictionaryEntry kv in Query) request.With(kv.Key.ToString(), LanguagePrimitives.ConvertTo<string>(kv.Value));
            if (Body != null) request.JsonBody = JsonText.Serialize(Body);
            if (RetrySafe) request.RetrySafe = true;
            if (request.Method != "GET" && !ShouldProcess(request.Describe(ActiveSession.BaseUri), "Send Kalshi request")) return;

            RunAsync(async ct =>
            {
                using (var doc = await ActiveSession.Http.SendAsync(request, ct).ConfigureAwait(false))
                {
                    if (doc == null) return;
                    if (Raw) Emit(doc.RootElement.GetRawText());
                    else Emit(JsonText.ToPowerShell(doc.RootElement));
                }
            });
        }
    }

    /// <summary>JSON to PSObjects and back, without ConvertFrom-Json (not in every host).</summary>
    internal static class JsonText
    {
        public static object ToPowerShell(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    var o = new PSObject();
                    foreach (var p in e.EnumerateObject()) o.Properties.Add(new PSNoteProperty(p.Name, ToPowerShell(p.Value)));
                    return o;
                case JsonValueKind.Array:
                    var list = new System.Collections.Generic.List<object>();
                    foreach (var item in e.EnumerateArray()) list.Add(ToPowerShell(item));
                    return list.ToArray();
                case JsonValueKind.String: return e.GetString();
                case JsonValueKind.Number: return e.TryGetInt64(out var l) ? (object)l : e.GetDecimal();
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                default: return null;
            }
        }

        public static string Serialize(object value)
        {
            var unwrapped = value is PSObject pso ? pso.BaseObject : value;
            if (unwrapped is string s) return s;
            return JsonSerializer.Serialize(ToPlain(value));
        }

        private static object ToPlain(object value)
        {
            if (value is PSObject pso && !(pso.BaseObject is PSCustomObject)) value = pso.BaseObject;
            switch (value)
            {
                case null: return null;
                case string _: case bool _: case decimal _: case int _: case long _: case double _: return value;
                case IDictionary dict:
                    var map = new System.Collections.Generic.Dictionary<string, object>();
                    foreach (DictionaryEntry kv in dict) map[kv.Key.ToString()] = ToPlain(kv.Value);
                    return map;
                case PSObject custom:
                    var props = new System.Collections.Generic.Dictionary<string, object>();
                    foreach (var p in custom.Properties) props[p.Name] = ToPlain(p.Value);
                    return props;
                case IEnumerable items:
                    var list = new System.Collections.Generic.List<object>();
                    foreach (var item in items) list.Add(ToPlain(item));
                    return list;
                default: return value.ToString();
            }
        }
    }
}
