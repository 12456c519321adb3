using KalshiPS.Sandbox;
using KalshiPS.Tools;
using KalshiPS.Tools.Coverage;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>docs/api-coverage.md stays true: the spec's operation list, the cmdlets' [KalshiOperation] ids, the sandbox's routes.</summary>
public class ApiCoverageTests
{
    private static RepoLayout Layout => RepoLayout.Find(PowerShellHost.RepoRoot);

    [Fact]
    public async Task Committed_coverage_table_is_current_and_every_cmdlet_operation_is_in_the_spec()
    {
        var report = await CoverageReport.BuildAsync(Layout);
        Assert.True(report.UnknownOperationIds.Count == 0,
            "[KalshiOperation] names operations that are not in tests/fixtures/kalshi-openapi-operations.tsv:\n" + string.Join("\n", report.UnknownOperationIds));
        var committed = File.ReadAllText(CoverageReport.PathIn(Layout)).Replace("\r\n", "\n");
        Assert.True(committed == report.ToMarkdown(),
            "docs/api-coverage.md is stale: run `dotnet run --project tools/KalshiPS.Tools -- coverage` and commit it.");
        Assert.Contains($"**{report.Rows.Count} operations · {report.Typed} typed", committed);
    }

    [Fact]
    public void Fixture_lists_the_114_operations_of_kalshi_typescript_3_30_0_once_each()
    {
        var file = OperationsFixture.PathIn(Layout);
        var operations = OperationsFixture.Read(file);
        Assert.StartsWith("# REST operations of Kalshi's OpenAPI spec as generated into kalshi-typescript@3.30.0", File.ReadLines(file).First());
        Assert.Equal(114, operations.Count);
        Assert.Equal(operations.Count, operations.Select(o => o.OperationId).Distinct().Count());
        Assert.Equal(operations.Count, operations.Select(o => o.Method + " " + o.Path).Distinct().Count());
        Assert.All(operations, o => Assert.Contains(o.Method, new[] { "GET", "POST", "PUT", "DELETE" }));
        Assert.All(operations, o => Assert.StartsWith("/", o.Path));
        Assert.Contains(new SpecOperation("GetHistoricalCutoff", "GET", "/historical/cutoff", "Historical"), operations);
    }

    [Fact]
    public void Channel_fixture_lists_the_13_channels_of_kalshi_api_md_once_each()
    {
        var channels = ChannelsFixture.Read(ChannelsFixture.PathIn(Layout));
        Assert.Equal(13, channels.Count);
        Assert.Equal(channels.Count, channels.Select(c => c.Name).Distinct().Count());
        Assert.All(channels, c => Assert.Contains(c.Auth, new[] { "public", "private" }));
        Assert.Contains(new SpecChannel("market_lifecycle_v2", "public", "market_lifecycle_v2,event_lifecycle,event_fee_update"), channels);
    }

    [Fact]
    public void An_operation_id_or_channel_outside_the_spec_is_reported()
    {
        var spec = new[] { new SpecOperation("GetMarkets", "GET", "/markets", "Market") };
        var channels = new[] { new SpecChannel("ticker", "public", "ticker") };
        var report = CoverageReport.Build(spec, new Dictionary<string, string[]> { ["Get-KalshiMarket"] = new[] { "GetMarkets", "GetMarketz" } },
            Array.Empty<SandboxRoute>(), "test", channels,
            new Dictionary<string, string[]> { ["Watch-KalshiTicker"] = new[] { "ticker" }, ["Watch-KalshiThing"] = new[] { "ticker_v2" } },
            new HashSet<string> { "ticker" });
        Assert.Equal(new[] { "Get-KalshiMarket: GetMarketz", "Watch-KalshiThing: channel ticker_v2" }, report.UnknownOperationIds);
        Assert.Equal(new[] { "Get-KalshiMarket" }, report.Rows.Single().Cmdlets);
        Assert.True(report.Channels.Single().Served);
        Assert.Equal(new[] { "Watch-KalshiTicker" }, report.Channels.Single().Cmdlets);
    }

    [Fact]
    public async Task Channel_probe_tells_subscribed_channels_from_unknown_ones()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 1 });
        var served = await SandboxChannelProbe.ServedAsync(sandbox, new[] { "orderbook_delta", "pyth_value", "fill", "no_such_channel" });
        Assert.Equal(new[] { "fill", "orderbook_delta", "pyth_value" }, served.Order());
    }

    [Fact]
    public void Served_means_same_method_and_template_whatever_the_parameter_names()
    {
        var spec = new[]
        {
            new SpecOperation("GetMarket", "GET", "/markets/{ticker}", "Market"),
            new SpecOperation("GetMarketOrderbooks", "GET", "/markets/orderbooks", "Market"),
            new SpecOperation("GetMarketCandlesticks", "GET", "/series/{series_ticker}/markets/{ticker}/candlesticks", "Market"),
            new SpecOperation("DeleteOrderGroup", "DELETE", "/portfolio/order_groups/{order_group_id}", "OrderGroups"),
        };
        var routes = new[]
        {
            new SandboxRoute("GET", "/trade-api/v2/markets/{ticker}"),
            new SandboxRoute("GET", "/trade-api/v2/series/{series}/markets/{t:minlength(1)}/candlesticks"),
            new SandboxRoute("GET", "/trade-api/v2/portfolio/order_groups/{id}"),
            new SandboxRoute("POST", "/sandbox/markets/{ticker}/settle"),
        };
        var report = CoverageReport.Build(spec, new Dictionary<string, string[]>(), routes, "test");
        Assert.Equal(new[] { true, false, true, false }, report.Rows.Select(r => r.Served));
        Assert.Equal(new[] { "/trade-api/v2/portfolio/order_groups/{id}" }, report.ExtraRoutes.Select(r => r.Template)); // GET, not the spec's DELETE
    }

    [Fact]
    public async Task Sandbox_route_table_is_what_ASP_NET_Core_registered()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = 1 });
        Assert.Contains(new SandboxRoute("GET", "/trade-api/v2/markets/{ticker}/orderbook"), sandbox.Routes);
        Assert.Contains(new SandboxRoute("DELETE", "/trade-api/v2/portfolio/events/orders/{id}"), sandbox.Routes);
        Assert.DoesNotContain(sandbox.Routes, r => r.Template.Contains("{*")); // the 404 fallback serves nothing
    }

    [Fact]
    public void TypeScript_reader_takes_the_param_creator_only_and_pascal_cases_ids()
    {
        const string text = """
            export const HistoricalApiAxiosParamCreator = function (configuration?: Configuration) {
                return {
                    getHistoricalCutoff: async (options: RawAxiosRequestConfig = {}): Promise<RequestArgs> => {
                        const localVarPath = `/historical/cutoff`;
                        const localVarRequestOptions = { method: 'GET', ...baseOptions, ...options};
                    },
                    getHistoricalMarket: async (ticker: string, options: RawAxiosRequestConfig = {}): Promise<RequestArgs> => {
                        const localVarPath = `/historical/markets/{ticker}`
                            .replace(`{${"ticker"}}`, encodeURIComponent(String(ticker)));
                        const localVarRequestOptions = { method: 'GET', ...baseOptions, ...options};
                    },
                }
            };
            export const HistoricalApiFp = function(configuration?: Configuration) {
                return {
                    async getHistoricalCutoff(options?: RawAxiosRequestConfig) { },
                    getNothing: async (options: RawAxiosRequestConfig = {}) => { },
                }
            };
            """;
        var operations = TypeScriptSpecReader.Read(text).ToList();
        Assert.Equal(new[]
        {
            new SpecOperation("GetHistoricalCutoff", "GET", "/historical/cutoff", "Historical"),
            new SpecOperation("GetHistoricalMarket", "GET", "/historical/markets/{ticker}", "Historical"),
        }, operations);
    }
}
