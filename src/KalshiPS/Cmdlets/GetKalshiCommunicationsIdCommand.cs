using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Your public communications id: how RFQs and quotes name you (their CreatorId) without your user id.</summary>
    [KalshiOperation("GetCommunicationsID")]
    [Cmdlet(VerbsCommon.Get, "KalshiCommunicationsId", HelpUri = HelpUris.Root + "Get-KalshiCommunicationsId.md")]
    [OutputType(typeof(KalshiCommunicationsId))]
    public sealed class GetKalshiCommunicationsIdCommand : KalshiCmdlet
    {
        protected override void EndProcessing() =>
            WriteObject(RunAsync(ct => new CommunicationsApi(ActiveSession).GetCommunicationsIdAsync(ct)));
    }
}
