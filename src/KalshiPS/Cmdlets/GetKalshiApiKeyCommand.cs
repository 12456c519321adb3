using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Your API keys (ids, names, scopes); Kalshi never shows a private key again.</summary>
    [KalshiOperation("GetApiKeys")]
    [Cmdlet(VerbsCommon.Get, "KalshiApiKey", HelpUri = HelpUris.Root + "Get-KalshiApiKey.md")]
    [OutputType(typeof(KalshiApiKey))]
    public sealed class GetKalshiApiKeyCommand : KalshiCmdlet
    {
        /// <summary>Only keys bound to this FCM subtrader (FCM members).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string FcmSubtraderId { get; set; }

        protected override void EndProcessing()
        {
            var keys = RunAsync(ct => new ApiKeysApi(ActiveSession).ListAsync(FcmSubtraderId?.Trim(), ct));
            if (keys != null) WriteObject(keys, true);
        }
    }
}
