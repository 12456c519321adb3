using System;
using System.Globalization;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Sets a subtrader's daily event-contract cap in dollars (FCM members only).</summary>
    [KalshiOperation("UpdateFCMEventContractDailyCap")]
    [Cmdlet(VerbsCommon.Set, "KalshiSubtraderCap", HelpUri = HelpUris.Root + "Set-KalshiSubtraderCap.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(KalshiSubtraderCap))]
    public sealed class SetKalshiSubtraderCapCommand : KalshiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString] // refused by the id check
        public string SubtraderId { get; set; }

        /// <summary>Dollars per New York day, more than 0, at most 4 decimal places.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [InvariantDecimal]
        public decimal Limit { get; set; }

        /// <summary>Writes the cap as Kalshi shows it afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (!TrySegment(SegmentKind.SubtraderId, SubtraderId, nameof(SubtraderId), out var id)) return;
            if (Limit <= 0m || decimal.Round(Limit, 4) != Limit)
            {
                WriteError(new ErrorRecord(new ArgumentException($"-Limit {Limit.ToString(CultureInfo.InvariantCulture)} is not a cap Kalshi takes: give dollars above 0 with at most 4 decimal places (Remove-KalshiSubtraderCap removes a cap).", nameof(Limit)),
                    "KalshiInvalidArgument", ErrorCategory.InvalidArgument, Limit));
                return;
            }
            var limit = Limit;
            if (!ShouldProcess("subtrader " + id, "Set daily event-contract cap to $" + limit.ToString("0.00##", CultureInfo.InvariantCulture))) return;
            var api = new FcmApi(ActiveSession);
            KalshiApiException error = null;
            RunAsync(async ct =>
            {
                try { await api.SetCapAsync(id, limit, ct).ConfigureAwait(false); }
                catch (KalshiApiException e) when (!ct.IsCancellationRequested) { error = e; }
            });
            if (error != null) { WriteError(ErrorRecords.From(error, id)); return; }
            WriteVerbose($"The daily cap of subtrader {id} is set to ${limit.ToString("0.00##", CultureInfo.InvariantCulture)}.");
            if (!PassThru) return;
            var after = RunAsync(async ct =>
            {
                try { return await api.GetCapAsync(id, ct).ConfigureAwait(false); }
                catch (KalshiApiException e) when (!ct.IsCancellationRequested) { error = e; return null; }
            });
            if (after != null) WriteObject(after);
            else WriteWarning($"The cap of subtrader {id} is set, but reading it back failed ({error?.Message}). Run Get-KalshiSubtraderCap -SubtraderId {id}.");
        }
    }
}
