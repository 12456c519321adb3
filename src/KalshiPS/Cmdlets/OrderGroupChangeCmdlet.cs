using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Base of the cmdlets that change one order group by id (Set-, Reset-, Stop-, Remove-KalshiOrderGroup): ids bind
    /// from the pipeline (groups, orders, updates), each is checked before anything is sent, each failure is an error
    /// for that id and the others go on.
    /// </summary>
    public abstract class OrderGroupChangeCmdlet : KalshiCmdlet
    {
        /// <summary>The group's id (a UUID); binds from piped groups and orders.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(OrderGroupIdCompleter))]
        [AllowNull, AllowEmptyString] // refused by the id check, with the shape an id must have
        public string OrderGroupId { get; set; }

        internal OrderGroupsApi Groups => new OrderGroupsApi(ActiveSession);

        /// <summary>
        /// Checks the id, asks ShouldProcess, runs <paramref name="write"/>; with <paramref name="passThru"/> writes the
        /// group as the exchange shows it afterwards (a failed read after a done change is a warning, never an error).
        /// </summary>
        internal void Change(string action, Func<OrderGroupsApi, Segment, CancellationToken, Task> write, bool passThru)
        {
            if (!TrySegment(SegmentKind.OrderGroupId, OrderGroupId, nameof(OrderGroupId), out var raw)) return;
            var id = Segment.Parse(SegmentKind.OrderGroupId, raw, nameof(OrderGroupId));
            if (!ShouldProcess("order group " + id.Value, action)) return;
            var api = Groups;
            KalshiApiException error = null;
            RunAsync(async ct =>
            {
                try { await write(api, id, ct).ConfigureAwait(false); }
                catch (KalshiApiException e) when (!ct.IsCancellationRequested) { error = e; }
            });
            if (error != null) { WriteError(ErrorRecords.From(error, id.Value)); return; }
            WriteVerbose($"{action}: order group {id.Value} done.");
            if (!passThru) return;
            var after = RunAsync(async ct =>
            {
                try { return await api.GetAsync(id, ct).ConfigureAwait(false); }
                catch (KalshiApiException e) when (!ct.IsCancellationRequested) { error = e; return null; }
            });
            if (after != null) WriteObject(after);
            else WriteWarning($"{action} of order group {id.Value} is done, but reading the group failed ({error?.Message}). Run Get-KalshiOrderGroup -OrderGroupId {id.Value}.");
        }

        /// <summary>A -ContractsLimit Kalshi would refuse, as an error before anything is sent; false when it is one.</summary>
        internal static bool TryContractsLimit(PSCmdlet cmdlet, decimal limit)
        {
            var problem = OrderGroupsApi.LimitProblem(limit);
            if (problem == null) return true;
            cmdlet.WriteError(new ErrorRecord(new ArgumentException(problem, "ContractsLimit"), "KalshiInvalidArgument", ErrorCategory.InvalidArgument, limit));
            return false;
        }
    }
}
