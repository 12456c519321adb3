using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Lists incentive programs (liquidity and volume rewards per market), all by default; rewards in dollars.</summary>
    [KalshiOperation("GetIncentivePrograms")]
    [Cmdlet(VerbsCommon.Get, "KalshiIncentiveProgram", HelpUri = HelpUris.Root + "Get-KalshiIncentiveProgram.md", SupportsPaging = true)]
    [OutputType(typeof(KalshiIncentiveProgram))]
    public sealed class GetKalshiIncentiveProgramCommand : KalshiMarketDataCmdlet
    {
        [Parameter(Position = 0)]
        [ValidateSet("All", "Active", "Upcoming", "Closed", "PaidOut")]
        public string Status { get; set; }

        [Parameter]
        [ValidateSet("All", "Liquidity", "Volume", "MarginMakerVolume", "MarginTakerVolume")]
        public string Type { get; set; }

        /// <summary>Only programs with exactly this description.</summary>
        [Parameter]
        public string Description { get; set; }

        /// <summary>Programs per request (1-10000).</summary>
        [Parameter]
        [ValidateRange(1, 10000)]
        public int PageSize { get; set; } = 100;

        protected override void ProcessRecord()
        {
            if (SkipListing()) return;
            var api = new DataServicesApi(ActiveSession);
            string status = Snake(Status), type = Snake(Type), description = Description;
            RunAsync(ct => EmitPagesAsync(api.ListIncentivePrograms(status, type, description, PageSize, ct), MyInvocation.MyCommand.Name));
        }

        protected override void EndProcessing() => WriteTotalCount();

        /// <summary>PaidOut -> paid_out, MarginMakerVolume -> margin_maker_volume (the wire's spelling of the set's names).</summary>
        internal static string Snake(string name)
        {
            if (string.IsNullOrEmpty(name)) return null;
            var sb = new System.Text.StringBuilder();
            for (int i = 0; i < name.Length; i++)
            {
                if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
                sb.Append(char.ToLowerInvariant(name[i]));
            }
            return sb.ToString();
        }
    }
}
