using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using KalshiPS.Api;
using KalshiPS.Session;

namespace KalshiPS.Completion
{
    /// <summary>
    /// Completes names from the session's bounded cache of recent responses. Never calls the network, so Tab is
    /// instant; run any Get-Kalshi* listing once to fill the cache.
    /// </summary>
    public abstract class CachedNameCompleter : IArgumentCompleter
    {
        internal abstract IEnumerable<string> Names(MarketCatalog catalog);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var session = SessionStore.Default ?? SessionStore.PeekImplicit();
            if (session == null) return Enumerable.Empty<CompletionResult>();
            var prefix = (wordToComplete ?? "").Trim('\'', '"');
            var pattern = new WildcardPattern(prefix + "*", WildcardOptions.IgnoreCase);
            return Names(session.Markets)
                .Where(n => pattern.IsMatch(n))
                .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
                .Take(200)
                .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n))
                .ToList();
        }
    }

    public sealed class MarketTickerCompleter : CachedNameCompleter
    {
        internal override IEnumerable<string> Names(MarketCatalog catalog) => catalog.MarketTickers;
    }

    public sealed class EventTickerCompleter : CachedNameCompleter
    {
        internal override IEnumerable<string> Names(MarketCatalog catalog) => catalog.EventTickers;
    }

    public sealed class SeriesTickerCompleter : CachedNameCompleter
    {
        internal override IEnumerable<string> Names(MarketCatalog catalog) => catalog.SeriesTickers;
    }

    /// <summary>Order group ids this session created or read (New-KalshiOrderGroup, Get-KalshiOrderGroup).</summary>
    public sealed class OrderGroupIdCompleter : CachedNameCompleter
    {
        internal override IEnumerable<string> Names(MarketCatalog catalog) => catalog.OrderGroupIds;
    }
}
