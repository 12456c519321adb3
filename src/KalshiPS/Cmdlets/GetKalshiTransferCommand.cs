using System.Linq;
using System.Threading.Tasks;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Your cash transfers, newest first, every page: between subaccounts (default), between exchange instances
    /// (-ExchangeInstance), or instance transfers by id (-TransferId, with their current status).
    /// </summary>
    [KalshiOperation("GetSubaccountTransfers", "GetIntraExchangeInstanceTransfers", "GetIntraExchangeInstanceTransfer")]
    [Cmdlet(VerbsCommon.Get, "KalshiTransfer", HelpUri = HelpUris.Root + "Get-KalshiTransfer.md", DefaultParameterSetName = SubaccountSet, SupportsPaging = true)]
    [OutputType(typeof(KalshiTransfer))]
    public sealed class GetKalshiTransferCommand : KalshiPagedCmdlet
    {
        private const string SubaccountSet = "Subaccount";
        private const string InstanceSet = "ExchangeInstance";
        private const string IdSet = "ById";

        /// <summary>Only transfers into or out of this account (0 primary, 1-63), filtered here.</summary>
        [Parameter(ParameterSetName = SubaccountSet)]
        [ValidateSubaccount]
        public int? Subaccount { get; set; }

        /// <summary>List transfers between exchange instances and shards instead of subaccount transfers.</summary>
        [Parameter(ParameterSetName = InstanceSet, Mandatory = true)]
        public SwitchParameter ExchangeInstance { get; set; }

        /// <summary>Exchange-instance transfers by id (from Move-KalshiBalance -FromInstance output).</summary>
        [Parameter(ParameterSetName = IdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString] // refused by the id check, with the shape an id must have
        public string[] TransferId { get; set; }

        protected override void ProcessRecord()
        {
            var api = new SubaccountApi(ActiveSession);
            switch (ParameterSetName)
            {
                case IdSet:
                    EmitEach(SegmentKind.TransferId, TransferId, nameof(TransferId), async (id, ct) => await api.GetInstanceTransferAsync(id.Value, ct).ConfigureAwait(false));
                    return;
                case InstanceSet:
                    RunAsync(ct => StreamAsync(api.ListInstanceTransfers(PageSize, ct), ct));
                    return;
                default:
                    var only = Subaccount;
                    RunAsync(ct => StreamAsync(only.HasValue ? Only(api.ListTransfers(PageSize, ct), only.Value) : api.ListTransfers(PageSize, ct), ct));
                    return;
            }
        }

        /// <summary>Kalshi's transfer listing has no account filter: each page is filtered here.</summary>
        private static async System.Collections.Generic.IAsyncEnumerable<Page<KalshiTransfer>> Only(System.Collections.Generic.IAsyncEnumerable<Page<KalshiTransfer>> pages, int subaccount)
        {
            await foreach (var page in pages.ConfigureAwait(false))
                yield return new Page<KalshiTransfer>(page.Number, page.Items.Where(t => t.FromSubaccount == subaccount || t.ToSubaccount == subaccount).ToList(), page.IsLast);
        }
    }
}
