using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using KalshiPS.Sandbox;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>
/// Every default table view rendered by the full engine's formatter (Out-String -Width 80 and 120) over objects the
/// cmdlets return from a sandbox: lines fit, every column keeps its header, the ticker is never cut, no column is blank,
/// and one display rule holds: dollars 2 places unless sub-penny, contracts without trailing zeros, UTC times with Z.
/// </summary>
public class ViewWidthTests : IClassFixture<ViewWidthTests.Samples>
{
    private static readonly string FormatPath = Path.Combine(PowerShellHost.RepoRoot, "module", "KalshiPS.Format.ps1xml");

    /// <summary>Decimal properties that count contracts; every other decimal shown in a table is dollars.</summary>
    private static readonly HashSet<string> CountProperties = new()
    {
        "Volume", "Count", "RemainingCount", "FilledCount", "Contracts", "Size", "OpenInterest", "YesCount", "NoCount", "ReducedBy",
        "FeeMultiplier", "FeeMultiplierOverride", "Forecast", "Percent", // a plain factor, a forecast value and a share, shown like counts
        "ContractsLimit", "TrailingVolume", "EarnVolume", "KeepVolume", // contracts
        "ReadRate", "ReadCapacity", "WriteRate", "WriteCapacity", // rate-limit tokens, shown like counts
        "QueuePosition",
        "LastCount", // contracts of one FIX fill
    };

    /// <summary>Columns that are empty in normal operation by design (the resume time exists only during maintenance).</summary>
    private static readonly HashSet<string> BlankWhileNormal = new() { "EstimatedResumeTime", "EarnedLevel", "ExpiresTime" }; // permanent grants never expire

    private static readonly Regex Dollars = new(@"^-?\d+\.(\d\d|\d\d?[1-9]|\d\d\d[1-9])$");
    private static readonly Regex Contracts = new(@"^-?\d+(\.\d*[1-9])?$");
    private static readonly Regex UtcTime = new(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$");

    private readonly Samples _samples;
    public ViewWidthTests(Samples samples) => _samples = samples;

    /// <summary>A table view; Properties has one entry per column, null for a script-block column.</summary>
    private sealed record TableView(string Name, string TypeName, List<string> Labels, List<string?> Properties);

    private static List<TableView> TableViews() => XDocument.Load(FormatPath).Descendants("View")
        .Where(v => v.Element("TableControl") != null)
        .Select(v => new TableView(v.Element("Name")!.Value.Trim(), v.Element("ViewSelectedBy")!.Element("TypeName")!.Value.Trim(),
            v.Descendants("Label").Select(l => l.Value.Trim()).ToList(),
            v.Descendants("TableColumnItem").Select(i => i.Element("PropertyName")?.Value.Trim()).ToList()))
        .ToList();

    public static IEnumerable<object[]> Cases() =>
        TableViews().SelectMany(v => new[] { new object[] { v.Name, 80 }, new object[] { v.Name, 120 } });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Table_view_fits_the_width_with_whole_headers_tickers_and_one_number_format(string viewName, int width)
    {
        var view = TableViews().Single(v => v.Name == viewName);
        var objects = _samples.Of(view.TypeName);
        Assert.True(objects.Count > 0, $"no sample objects of {view.TypeName}");
        var text = _samples.Host.Run($"$shown | Out-String -Width {width}",
            new Dictionary<string, object?> { ["shown"] = objects.ToArray() }).Output.Single().ToString()!;
        var lines = text.Replace("\r", "").Split('\n').Where(l => l.Trim().Length > 0).ToList();
        var shown = $"{view.Name} at {width} columns:\n{text}";

        foreach (var line in lines)
            Assert.True(line.Length <= width, $"line longer than {width}: '{line}'\n{shown}");

        // Header, dash row, one row per object. Labels have no spaces, so a header that lost or wrapped a column shows.
        Assert.Equal(view.Labels, lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^[- ]+$", lines[1]);
        var rows = lines.Skip(2).ToList();
        Assert.Equal(objects.Count, rows.Count);
        for (int r = 0; r < rows.Count; r++)
            foreach (var key in view.Properties.Where(p => p is "Ticker" or "EventTicker" or "MarketTicker"))
                if (objects[r].Properties[key!].Value?.ToString() is { Length: > 0 } ticker)
                    Assert.True(rows[r].Split(' ').Contains(ticker), $"{key} cut in row {r}\n{shown}");

        // The cells as the formatter computed them (before fitting), from Format-Table's own output objects.
        var cells = _samples.Host.Run("$shown | Format-Table | ForEach-Object { if ($_.formatEntryInfo.formatPropertyFieldList) { ,@($_.formatEntryInfo.formatPropertyFieldList.propertyValue) } }",
            new Dictionary<string, object?> { ["shown"] = objects.ToArray() }).Output.Select(o => ((object[])o.BaseObject).Select(c => c?.ToString() ?? "").ToList()).ToList();
        Assert.Equal(objects.Count, cells.Count);
        var type = objects[0].BaseObject.GetType();
        for (int c = 0; c < view.Properties.Count; c++)
        {
            var property = view.Properties[c];
            if (property == null) continue; // a computed column
            if (!BlankWhileNormal.Contains(property))
                Assert.True(cells.Any(row => row[c].Length > 0), $"column {view.Labels[c]} is blank in every row\n{shown}");
            var propertyType = type.GetProperty(property)!.PropertyType;
            propertyType = Nullable.GetUnderlyingType(propertyType) ?? propertyType;
            for (int r = 0; r < cells.Count; r++)
            {
                var cell = cells[r][c];
                var value = objects[r].Properties[property].Value;
                if (cell.Length == 0) continue;
                if (propertyType == typeof(decimal))
                {
                    var rule = CountProperties.Contains(property) ? Contracts : Dollars;
                    Assert.True(rule.IsMatch(cell), $"{property} {value} shown as '{cell}'\n{shown}");
                    Assert.Equal(Convert.ToDecimal(value, CultureInfo.InvariantCulture), decimal.Parse(cell, CultureInfo.InvariantCulture));
                }
                if (propertyType == typeof(DateTime))
                {
                    Assert.True(UtcTime.IsMatch(cell), $"{property} {value} shown as '{cell}'\n{shown}");
                    var utc = ((DateTime)value!).ToUniversalTime();
                    Assert.Equal(utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond)), DateTime.Parse(cell, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));
                }
            }
        }
    }

    /// <summary>One sandbox with a little account history, and objects of every output type that has a table view.</summary>
    public sealed class Samples : IAsyncLifetime
    {
        private TradingSandbox _sandbox = null!;
        private readonly Dictionary<string, List<PSObject>> _byType = new();
        public PowerShellHost Host => _sandbox.Host;

        public List<PSObject> Of(string typeName) => _byType.TryGetValue(typeName, out var list) ? list : new List<PSObject>();

        public async Task InitializeAsync()
        {
            _sandbox = await TradingSandbox.StartAsync(markets: 40);
            var s = _sandbox;
            var filled = s.Market();
            var settled = s.Market(skip: 1);
            var subPenny = s.Ex.Markets.First(m => m.Status == "active" && m.PriceStructure != PriceLevelStructure.LinearCent).Ticker;
            s.Counter(filled, OrderSide.Ask, 0.57m, 20);
            s.Counter(settled, OrderSide.Ask, 0.40m, 20);
            var script = $@"
                $result = @()
                $result += New-KalshiOrder -Ticker {filled} -Side Yes -Action Buy -Count 5 -Price 0.57
                $result += New-KalshiOrder -Ticker {settled} -Side Yes -Action Buy -Count 4 -Price 0.40
                $resting = @(
                    New-KalshiOrder -Ticker {filled} -Side Yes -Action Buy -Count 2 -Price 0.03
                    New-KalshiOrder -Ticker {subPenny} -Side No -Action Buy -Count 1 -Price 0.025
                )";
            Ps.Assert(Host.Run(script));
            s.Ex.SettleMarket(settled, "yes");
            Collect("$result + $resting");
            Assert.Contains(Of("KalshiPS.Models.KalshiOrderResult"), o => (decimal)o.Properties["Price"].Value == 0.025m);
            Collect("Get-KalshiOrder");
            Collect("$resting | Remove-KalshiOrder -PassThru -Confirm:$false");
            Collect("Get-KalshiMarket -Status Open -First 8");
            Collect($"Get-KalshiMarket -Ticker {subPenny}");
            Collect("Get-KalshiEvent -First 5");
            Collect("Get-KalshiSeries");
            Collect($"Get-KalshiTrade -Ticker {filled} -First 5");
            Collect($"Get-KalshiCandlestick -Ticker {filled}");
            Collect("Get-KalshiExchangeStatus");
            Collect("Get-KalshiExchangeSchedule");
            Collect($"(Get-KalshiOrderbook -Ticker {s.Ex.Markets.First(m => m.Status == "active").Ticker}).YesBids");
            Collect("Get-KalshiPosition");
            Collect("Get-KalshiPosition -ByEvent");
            Collect($"Get-KalshiOrderbook -Ticker {filled} -AsLevel");
            Collect("Get-KalshiFeeChange -IncludeHistorical");
            Collect("$m = Get-KalshiEvent -SeriesTicker KXNBAGAME -First 1 | Get-KalshiEventMetadata; $m; $m.Markets");
            Collect("Get-KalshiUserDataTimestamp");
            Collect("Get-KalshiEvent -SeriesTicker KXHIGHNY -First 1 | Get-KalshiForecastHistory");
            Collect("Get-KalshiFill");
            Collect("Get-KalshiBalance -IncludeRestingOrderValue");
            Collect("Get-KalshiPosition -IncludeMarketValue");
            Collect("Get-KalshiDeposit");
            s.Ex.RecordMovement(s.User, "withdrawal", 25m, "wire", "applied", 0.5m);
            Collect("Get-KalshiWithdrawal");
            Collect($"New-KalshiOrder -Ticker {filled} -Side Yes -Action Buy -Count 1 -Price 0.02 | Get-KalshiQueuePosition");
            Collect("Get-KalshiSettlement");
            Collect("Request-KalshiApiUpgrade -Confirm:$false");
            Collect("(Get-KalshiAccountLimit).Grants");
            Collect("(Get-KalshiAccountLimit).EndpointCosts");
            Collect("Get-KalshiApiUsage");
            Collect("(Get-KalshiApiUsage).Goals");
            Collect("$g = New-KalshiOrderGroup -ContractsLimit 50; Get-KalshiOrderGroup; Get-KalshiOrderGroup -OrderGroupId $g.OrderGroupId");
            Collect(@"[KalshiPS.Models.KalshiOrderGroupUpdate]@{ OrderGroupId = '0f8fad5b-d9cb-469f-a165-70867728950e'; EventType = 'LimitUpdated';
                ContractsLimit = 25.00; Timestamp = [datetime]::new(2026, 12, 1, 20, 46, 33, [DateTimeKind]::Utc) }");
            // RFQs (one by contracts, one by cost), the house desk's quotes on them (one accepted), block trades, API keys.
            Ps.Assert(Host.Run($"New-KalshiRfq -Ticker {filled} -Contracts 5 | Out-Null; New-KalshiRfq -Ticker {subPenny} -TargetCost 12.5 | Out-Null; " +
                "Get-KalshiQuote -OnMyRfq -First 1 | Approve-KalshiQuote -Side Yes"));
            Collect("Get-KalshiRfq -Mine");
            Collect("Get-KalshiQuote -OnMyRfq");
            Collect("Get-KalshiBlockTrade -First 3");
            Collect("Get-KalshiApiKey");
            Collect("New-KalshiSubaccount -Confirm:$false; Move-KalshiBalance -Amount 25 -From 0 -To 1 -Confirm:$false");
            Collect("Move-KalshiBalance -Amount 1.2345 -FromInstance EventContract -ToInstance Margined -Confirm:$false");
            Collect("Get-KalshiSubaccount; Get-KalshiTransfer; Get-KalshiSubaccountNetting");
            Collect("Set-KalshiBalanceAllocation -Allocation @{0 = 100} -RestingMarginReservation Max -Confirm:$false -PassThru");
            Collect("Get-KalshiMultivariateCollection");
            Collect("Get-KalshiMilestone");
            Collect("Get-KalshiIncentiveProgram");
            Collect("Get-KalshiSearchTag");
            Collect("Get-KalshiSubtrader");
            Collect("$desk = Get-KalshiSubtrader | Select-Object -First 1; Set-KalshiSubtraderCap -SubtraderId $desk.SubtraderId -Limit 250.5 -PassThru");
            // Stream-only types, shaped as the wire parses them (fixed-point scale, UTC times).
            Collect($@"[KalshiPS.Models.KalshiTickerUpdate]@{{ Ticker = '{filled}'; LastPrice = 0.5700; YesBid = 0.5600; YesAsk = 0.5800;
                Volume = 1250.00; OpenInterest = 300.00; Timestamp = [datetime]::new(2026, 12, 1, 20, 46, 33, [DateTimeKind]::Utc) }}");
            Collect($@"[KalshiPS.Models.KalshiRfqEvent]@{{ EventType = 'RfqCreated'; Ticker = '{filled}'; Contracts = 10.00;
                Timestamp = [datetime]::new(2026, 12, 1, 20, 46, 33, [DateTimeKind]::Utc) }}");
            Collect($@"[KalshiPS.Models.KalshiRfqEvent]@{{ EventType = 'QuoteAccepted'; Ticker = '{filled}'; YesBid = 0.4100; NoBid = 0.5500;
                AcceptedSide = 'Yes'; Timestamp = [datetime]::new(2026, 12, 1, 20, 46, 34, [DateTimeKind]::Utc) }}");
            Collect($@"[KalshiPS.Models.KalshiLifecycleEvent]@{{ Ticker = '{settled}'; EventType = 'Settled'; Result = 'Yes';
                Timestamp = [datetime]::new(2026, 12, 1, 20, 46, 33, [DateTimeKind]::Utc) }}");
            Collect(@"[KalshiPS.Models.KalshiEventLifecycle]@{ EventTicker = 'KXHIGHNY-26DEC02'; SeriesTicker = 'KXHIGHNY';
                Title = 'Highest temperature in NYC on Dec 2, 2026'; Timestamp = [datetime]::new(2026, 12, 1, 20, 46, 33, [DateTimeKind]::Utc) }");
            // FIX objects, shaped as the client builds them (the sandbox gateway lives on its own branch).
            Collect($@"[KalshiPS.Models.KalshiExecution]@{{ ExecId = '1042;17'; ExecType = 'Trade'; OrderStatus = 'PartiallyFilled'; OrderId = 'ee2b1f0a-6f35-4f4e-9d36-7d4a1b1f2c3e';
                ClientOrderId = 'c1'; Ticker = '{filled}'; BookSide = 'Bid'; YesPrice = 0.57; Count = 10.00; FilledCount = 4.00; RemainingCount = 6.00;
                LastPrice = 0.57; LastCount = 4.00; AveragePrice = 0.57; TransactTime = [datetime]::new(2026, 12, 1, 20, 46, 33, [DateTimeKind]::Utc); Source = 'OrderEntry' }}");
            Collect(@"[KalshiPS.Models.KalshiFixConnectionInfo]@{ SessionType = 'OrderEntry'; TargetCompId = 'KalshiNR'; SenderCompId = 'a952bcbe-ec3b-4b5b-b8f9-11dae589608c';
                HostName = 'fix.elections.kalshi.com'; Port = 8228; State = 'Active'; NextOutgoingSeqNum = 12; NextIncomingSeqNum = 9; HeartbeatSeconds = 30 }");
            Collect(@"[KalshiPS.Models.KalshiEventFeeUpdate]@{ EventTicker = 'KXHIGHNY-26DEC02'; FeeTypeOverride = 'quadratic_with_maker_fees';
                FeeMultiplierOverride = 0.5; Timestamp = [datetime]::new(2026, 12, 1, 20, 46, 33, [DateTimeKind]::Utc) }");
        }

        private void Collect(string script)
        {
            var r = Host.Run(script);
            Ps.Assert(r);
            foreach (var o in r.Output)
            {
                var name = o.TypeNames[0].Contains('#') ? o.TypeNames[0] : o.BaseObject.GetType().FullName!; // a tagged view (Type#Variant)
                if (!_byType.TryGetValue(name, out var list)) _byType[name] = list = new List<PSObject>();
                list.Add(o);
            }
        }

        public async Task DisposeAsync() => await _sandbox.DisposeAsync();
    }
}
