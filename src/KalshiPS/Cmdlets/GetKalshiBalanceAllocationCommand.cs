using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Your target balance allocation across exchange shards: one row per shard with its percentage of sweepable
    /// balance. No rows means automatic rebalancing is off.
    /// </summary>
    [KalshiOperation("GetTargetBalanceAllocation")]
    [Cmdlet(VerbsCommon.Get, "KalshiBalanceAllocation", HelpUri = HelpUris.Root + "Get-KalshiBalanceAllocation.md")]
    [OutputType(typeof(KalshiBalanceAllocation))]
    public sealed class GetKalshiBalanceAllocationCommand : KalshiCmdlet
    {
        protected override void ProcessRecord() =>
            RunAsync(async ct =>
            {
                var rows = await new SubaccountApi(ActiveSession).GetAllocationAsync(ct).ConfigureAwait(false);
                if (rows.Count == 0) EmitVerbose("No target balance allocation is set: automatic rebalancing is off.");
                foreach (var row in rows) Emit(row);
            });
    }
}
