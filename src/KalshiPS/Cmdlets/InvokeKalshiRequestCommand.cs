using System;
using System.Collections;
using System.Management.Automation;
using System.Text.Json;
using KalshiPS.Api;
using KalshiPS.Http;
using KalshiPS.Session;

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
        [AllowEmptyString] // refused by the path check, with what to write instead
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

        private RawRequestPath _path;

        /// <summary>Public market-data reads work without a key; anything under /portfolio or any write needs one.</summary>
        protected override bool AllowsAnonymous =>
            Method.Equals("GET", StringComparison.OrdinalIgnoreCase) && _path != null
            && !_path.Path.StartsWith("/portfolio", StringComparison.OrdinalIgnoreCase) && !_path.Path.StartsWith("/account", StringComparison.OrdinalIgnoreCase);

        protected override void ProcessRecord()
        {
            var basePath = (Session ?? SessionStore.Default)?.BaseUri?.AbsolutePath ?? "/trade-api/v2";
            try { _path = RawRequestPath.Parse(Path, basePath); }
            catch (ArgumentException e) { ThrowTerminatingError(ErrorRecords.From(e, Path)); }
            if (_path.StrippedBase) WriteVerbose($"-Path starts with the API base {basePath}; sending it as {_path.Path}.");

            var request = new KalshiRequest(Method, _path.Path);
            foreach (var kv in _path.Query) request.Query.Add(kv);
            if (Query != null)
                foreach (DictionaryEntry kv in Query)
                {
                    var name = kv.Key.ToString();
                    foreach (var inPath in _path.Query)
                        if (string.Equals(inPath.Key, name, StringComparison.Ordinal))
                            ThrowTerminatingError(ErrorRecords.From(new ArgumentException(
                                $"The query parameter '{name}' is given both in -Path ({name}={inPath.Value}) and in -Query; give it once. Nothing was sent."), Path));
                    var value = kv.Value is PSObject ps ? ps.BaseObject : kv.Value;
                    if (value is IEnumerable many && !(value is string))
                        foreach (var item in many) request.With(name, LanguagePrimitives.ConvertTo<string>(item)); // repeated: tickers=A&tickers=B
                    else request.With(name, LanguagePrimitives.ConvertTo<string>(value));
                }
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
