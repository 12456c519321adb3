using System;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Http;

namespace KalshiPS.Cmdlets
{
    /// <summary>Deletes API keys for good: requests signed with them fail from then on. ConfirmImpact High: it asks unless -Confirm:$false.</summary>
    [KalshiOperation("DeleteApiKey")]
    [Cmdlet(VerbsCommon.Remove, "KalshiApiKey", HelpUri = HelpUris.Root + "Remove-KalshiApiKey.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    public sealed class RemoveKalshiApiKeyCommand : KalshiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        public string[] ApiKeyId { get; set; }

        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            var api = new ApiKeysApi(session);
            foreach (var raw in ApiKeyId ?? new string[] { null })
            {
                if (!TrySegment(SegmentKind.ApiKeyId, raw, nameof(ApiKeyId), out var id)) continue;
                bool own = string.Equals(id, session.ApiKeyId, StringComparison.OrdinalIgnoreCase);
                if (!ShouldProcess("API key " + id + (own ? " (the key this session signs with: the session stops working)" : ""), "Delete Kalshi API key")) continue;
                RunAsync(async ct =>
                {
                    try { await api.DeleteAsync(id, ct).ConfigureAwait(false); EmitVerbose($"Deleted API key {id}."); }
                    catch (KalshiApiException e) when (!ct.IsCancellationRequested) { EmitError(e, id); }
                });
            }
        }
    }
}
