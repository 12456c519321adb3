using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Models;
using KalshiPS.Streaming;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Streams reference index values: CF Benchmarks once a second (-Source CfBenchmarks, with 60-second averages),
    /// up to five a second (CfBenchmarks5Hz), or Pyth (Pyth; -IndexId takes Pyth symbols such as Metal.XAU/USD).
    /// 'all' streams every index the channel has. A slow consumer gets the latest value per index.
    /// </summary>
    [KalshiChannel("cfbenchmarks_value", "cfbenchmarks_value_5hz", "pyth_value")]
    [Cmdlet(VerbsCommon.Watch, "KalshiIndexValue", HelpUri = HelpUris.Root + "Watch-KalshiIndexValue.md")]
    [OutputType(typeof(KalshiIndexValue))]
    public sealed class WatchKalshiIndexValueCommand : WatchKalshiCmdlet
    {
        /// <summary>Longer than any CF Benchmarks id or Pyth symbol.</summary>
        internal const int MaxIdLength = 100;
        private readonly List<string> _ids = new List<string>();

        /// <summary>CF Benchmarks index ids (BRTI, ETHUSD_RTI...) or Pyth symbols (Metal.XAU/USD...); 'all' for every one.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UnderlyingTicker")]
        [AllowNull, AllowEmptyString] // refused below, with what an id looks like
        public string[] IndexId { get; set; }

        [Parameter]
        [ValidateSet("CfBenchmarks", "CfBenchmarks5Hz", "Pyth")]
        public string Source { get; set; } = "CfBenchmarks";

        internal override string ItemNoun => "index values";

        /// <summary>The channel a -Source names.</summary>
        internal static string ChannelOf(string source)
        {
            switch ((source ?? "").ToLowerInvariant())
            {
                case "cfbenchmarks5hz": return "cfbenchmarks_value_5hz";
                case "pyth": return "pyth_value";
                default: return "cfbenchmarks_value";
            }
        }

        protected override void ProcessRecord()
        {
            foreach (var raw in IndexId ?? new string[] { null })
            {
                var id = (raw ?? "").Trim(' ', '\t');
                if (id.Length == 0 || id.Length > MaxIdLength || id.Any(c => c < '!' || c > '~'))
                {
                    WriteError(new ErrorRecord(new ArgumentException(
                        $"-IndexId {Escaped.Text(raw)} is not an index id: give 1-{MaxIdLength} printable ASCII characters without spaces, e.g. BRTI, ETHUSD_RTI, Metal.XAU/USD, or all.", nameof(IndexId)),
                        "KalshiInvalidArgument", ErrorCategory.InvalidArgument, raw));
                    continue;
                }
                if (string.Equals(id, "all", StringComparison.OrdinalIgnoreCase)) id = "all";
                if (!_ids.Contains(id, StringComparer.Ordinal)) _ids.Add(id);
            }
        }

        protected override void EndProcessing()
        {
            if (_ids.Count == 0) return;
            var channel = ChannelOf(Source);
            var ids = _ids.Contains("all") ? new List<string> { "all" } : _ids;
            RunStream(outbox => new IndexValueHandler(channel, ids, v => outbox.Post(v.IndexId ?? "", v)));
        }
    }
}
