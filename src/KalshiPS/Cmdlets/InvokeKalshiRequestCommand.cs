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
    [Cmdlet(VerbsLifecycle.Invoke, "KalshiRequest", HelpUri = HelpUris.Root + "Invoke-KalshiRequest.md", SupportsShouldProcess = true)]
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
}
