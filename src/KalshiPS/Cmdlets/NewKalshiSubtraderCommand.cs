using System;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Http;
using KalshiPS.Models;

namespace KalshiPS.Cmdlets
{
    /// <summary>Creates a subtrader of your FCM membership; its id is {your account id}_{suffix}.</summary>
    [KalshiOperation("CreateFCMSubtrader")]
    [Cmdlet(VerbsCommon.New, "KalshiSubtrader", HelpUri = HelpUris.Root + "New-KalshiSubtrader.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(KalshiSubtrader))]
    public sealed class NewKalshiSubtraderCommand : KalshiCmdlet
    {
        /// <summary>1-16 lower-case letters and digits.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString] // refused by the suffix check
        public string Suffix { get; set; }

        protected override void ProcessRecord()
        {
            var suffix = (Suffix ?? "").Trim(' ', '\t');
            var problem = FcmApi.SuffixProblem(suffix);
            if (problem != null)
            {
                WriteError(new ErrorRecord(new ArgumentException($"-Suffix {Escaped.Text(Suffix)} is not a subtrader suffix: {problem}. A suffix is 1-16 of a-z and 0-9.", nameof(Suffix)),
                    "KalshiInvalidArgument", ErrorCategory.InvalidArgument, Suffix));
                return;
            }
            if (!ShouldProcess("subtrader suffix " + suffix, "Create Kalshi FCM subtrader")) return;
            var api = new FcmApi(ActiveSession);
            KalshiApiException error = null;
            var made = RunAsync(async ct =>
            {
                try { return await api.CreateSubtraderAsync(suffix, ct).ConfigureAwait(false); }
                catch (KalshiApiException e) when (!ct.IsCancellationRequested) { error = e; return null; }
            });
            if (made == null) { WriteError(ErrorRecords.From(error, suffix)); return; }
            WriteVerbose($"Created subtrader {made.SubtraderId}.");
            WriteObject(made);
        }
    }
}
