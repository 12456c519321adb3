using System.Collections;
using System.Management.Automation;
using System.Text.Json;

namespace KalshiPS.Cmdlets
{
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
