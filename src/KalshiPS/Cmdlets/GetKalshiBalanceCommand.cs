using System.Management.Automation;
using System.Threading.Tasks;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Cash available and portfolio value, in dollars (decimal); optionally the value of your resting orders.</summary>
    [KalshiOperation("GetBalance", "GetPortfolioRestingOrderTotalValue")]
    [Cmdlet(VerbsCommon.Get, "KalshiBalance", HelpUri = HelpUris.Root + "Get-KalshiBalance.md")]
    [OutputType(typeof(KalshiBalance))]
    public sealed class GetKalshiBalanceCommand : KalshiCmdlet
    {
        /// <summary>The account: 0 primary (the default), 1-63 a subaccount.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [EmptyAsNull]
        [ValidateSubaccount]
        public int? Subaccount { get; set; }

        /// <summary>Also read the total value of resting orders (GET /portfolio/summary/total_resting_order_value).</summary>
        [Parameter]
        public SwitchParameter IncludeRestingOrderValue { get; set; }

        protected override void ProcessRecord() =>
            RunAsync(async ct =>
            {
                // Both reads travel together; Kalshi meant the resting total for FCM members, so it is asked for only on request.
                var resting = IncludeRestingOrderValue ? Portfolio.GetRestingOrderValueAsync(ct) : Task.FromResult<decimal?>(null);
                var balance = Portfolio.GetBalanceAsync(Subaccount, ct);
                await Task.WhenAll(balance, resting).ConfigureAwait(false); // both observed, whichever fails
                balance.Result.RestingOrderValue = resting.Result;
                Emit(balance.Result);
            });
    }
}
