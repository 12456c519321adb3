using System.Management.Automation;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Cash available and portfolio value, in dollars (decimal).</summary>
    [KalshiOperation("GetBalance")]
    [Cmdlet(VerbsCommon.Get, "KalshiBalance", HelpUri = HelpUris.Root + "Get-KalshiBalance.md")]
    [OutputType(typeof(KalshiBalance))]
    public sealed class GetKalshiBalanceCommand : KalshiCmdlet
    {
        /// <summary>The account: 0 primary (the default), 1-63 a subaccount.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [EmptyAsNull]
        [ValidateSubaccount]
        public int? Subaccount { get; set; }

        protected override void ProcessRecord() =>
            RunAsync(async ct => Emit(await Portfolio.GetBalanceAsync(Subaccount, ct).ConfigureAwait(false)));
    }
}
