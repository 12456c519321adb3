using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using KalshiPS.Api;
using KalshiPS.Completion;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Makes (or finds: the same selection always names the same market) the market of a multivariate collection for
    /// one selection of markets. Markets come from -Ticker or the pipeline (all piped markets are one selection); each
    /// one's event is read from -EventTicker, the piped object, or Kalshi. -Side gives one side for all or one per market.
    /// </summary>
    [KalshiOperation("CreateMarketInMultivariateEventCollection")]
    [Cmdlet(VerbsCommon.New, "KalshiMultivariateMarket", HelpUri = HelpUris.Root + "New-KalshiMultivariateMarket.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(KalshiMultivariateMarket))]
    public sealed class NewKalshiMultivariateMarketCommand : KalshiCmdlet
    {
        private readonly List<(string Ticker, string EventTicker)> _legs = new List<(string, string)>();
        private bool _bad;

        [Parameter(Mandatory = true, Position = 0)]
        [AllowNull, AllowEmptyString] // refused by the ticker check, with the shape a ticker must have
        public string CollectionTicker { get; set; }

        /// <summary>The selected markets, in order (order matters in ordered collections).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("MarketTicker")]
        [ArgumentCompleter(typeof(MarketTickerCompleter))]
        [AllowNull, AllowEmptyString]
        public string[] Ticker { get; set; }

        /// <summary>Each market's event (read from Kalshi when omitted).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(EventTickerCompleter))]
        [AllowNull, AllowEmptyString]
        public string[] EventTicker { get; set; }

        /// <summary>Yes or No: one for every market, or one per market in order. Default Yes.</summary>
        [Parameter]
        public KalshiSide[] Side { get; set; }

        /// <summary>Also return the made market in full (Market property).</summary>
        [Parameter]
        public SwitchParameter IncludeMarket { get; set; }

        protected override void ProcessRecord()
        {
            var tickers = Ticker ?? new string[] { null };
            var events = EventTicker ?? Array.Empty<string>();
            if (events.Length > 0 && events.Length != tickers.Length)
            {
                WriteError(new ErrorRecord(new ArgumentException($"-EventTicker has {events.Length} values for {tickers.Length} markets; give one per market or leave it out."),
                    "KalshiInvalidArgument", ErrorCategory.InvalidArgument, EventTicker));
                _bad = true;
                return;
            }
            for (int i = 0; i < tickers.Length; i++)
            {
                if (!TrySegment(SegmentKind.MarketTicker, tickers[i], nameof(Ticker), out var t)
                    || !TryOptionalSegment(SegmentKind.EventTicker, events.Length > 0 ? events[i] : null, nameof(EventTicker), out var e)) { _bad = true; continue; }
                _legs.Add((t, e));
            }
        }

        protected override void EndProcessing()
        {
            if (_bad || _legs.Count == 0) return; // a selection with a bad market is not sent at all
            if (!TrySegment(SegmentKind.CollectionTicker, CollectionTicker, nameof(CollectionTicker), out var rawCollection)) return;
            var collection = Segment.Parse(SegmentKind.CollectionTicker, rawCollection, nameof(CollectionTicker));
            var sides = Side ?? new[] { KalshiSide.Yes };
            if (sides.Length != 1 && sides.Length != _legs.Count)
            {
                WriteError(new ErrorRecord(new ArgumentException($"-Side has {sides.Length} values for {_legs.Count} markets; give one for all or one per market."),
                    "KalshiInvalidArgument", ErrorCategory.InvalidArgument, Side));
                return;
            }
            var legs = ResolveEvents();
            if (legs == null) return;
            for (int i = 0; i < legs.Count; i++) legs[i].Side = (sides.Length == 1 ? sides[0] : sides[i]) == KalshiSide.Yes ? "yes" : "no";
            var selection = string.Join(", ", legs.Select(l => $"{l.Ticker} ({(l.Side == "yes" ? "Yes" : "No")})"));
            if (!ShouldProcess("multivariate collection " + collection.Value, "Create the market for " + selection)) return;
            var api = new MultivariateApi(ActiveSession);
            KalshiApiException error = null;
            var made = RunAsync(async ct =>
            {
                try { return await api.CreateMarketAsync(collection, legs, IncludeMarket, ct).ConfigureAwait(false); }
                catch (KalshiApiException e) when (!ct.IsCancellationRequested) { error = e; return null; }
            });
            if (made == null) { WriteError(ErrorRecords.From(error, collection.Value)); return; }
            WriteVerbose($"Collection {collection.Value}: market {made.Ticker} (event {made.EventTicker}) for {selection}.");
            WriteObject(made);
        }

        /// <summary>Each leg with its event ticker: given, or read from Kalshi in one listing; a market Kalshi lacks is an error and nothing is sent.</summary>
        private List<MultivariateWire.Leg> ResolveEvents()
        {
            var missing = _legs.Where(l => l.EventTicker == null).Select(l => l.Ticker).Distinct().ToList();
            var found = new Dictionary<string, string>(StringComparer.Ordinal);
            if (missing.Count > 0)
            {
                KalshiApiException error = null;
                RunAsync(async ct =>
                {
                    try
                    {
                        await foreach (var page in MarketData.ListMarkets(new MarketQuery { Tickers = missing }, 100, ct).ConfigureAwait(false))
                            foreach (var m in page.Items) if (m.Ticker != null) found[m.Ticker] = m.EventTicker;
                    }
                    catch (KalshiApiException e) when (!ct.IsCancellationRequested) { error = e; }
                });
                if (error != null) { WriteError(ErrorRecords.From(error, null)); return null; }
                var unknown = missing.Where(t => !found.ContainsKey(t) || found[t] == null).ToList();
                foreach (var t in unknown) WriteError(ErrorRecords.From(KalshiApiException.MarketMissing(t, "/markets"), t));
                if (unknown.Count > 0) return null;
            }
            return _legs.Select(l => new MultivariateWire.Leg { Ticker = l.Ticker, EventTicker = l.EventTicker ?? found[l.Ticker] }).ToList();
        }
    }
}
