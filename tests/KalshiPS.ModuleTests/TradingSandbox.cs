using System.Management.Automation;
using KalshiPS.Sandbox;

namespace KalshiPS.ModuleTests;

/// <summary>A fresh sandbox exchange plus a hosted engine connected to it (fast retries so fault tests finish quickly).</summary>
public sealed class TradingSandbox : IAsyncDisposable
{
    public SandboxServer Server { get; private set; } = null!;
    public PowerShellHost Host { get; private set; } = null!;
    public const string Other = "counterparty";

    public static async Task<TradingSandbox> StartAsync(int markets = 30)
    {
        var t = new TradingSandbox();
        t.Server = await SandboxServer.StartAsync(new SandboxOptions { MarketCount = markets, Seed = 7 });
        t.Host = new PowerShellHost();
        var r = t.Host.Run($"Connect-Kalshi -BaseUri '{t.Server.RestUri}' -ApiKeyId '{t.Server.ApiKeyId}' -PrivateKeyPath '{t.Server.PrivateKeyPath}' -RetryDelay 0.05 -MaxRetries 3 -TimeoutSec 10 -SkipValidation");
        if (r.Errors.Count > 0) throw new InvalidOperationException(r.Errors[0].ToString());
        return t;
    }

    public Exchange Ex => Server.Exchange;
    public string User => Server.UserId;

    /// <summary>An active market of the given structure with an empty book (house liquidity removed).</summary>
    public string Market(PriceLevelStructure structure = PriceLevelStructure.LinearCent, bool fractional = false, int skip = 0)
    {
        var m = Ex.Markets.Where(x => x.Status == "active" && x.PriceStructure == structure && x.FractionalTradingEnabled == fractional).Skip(skip).First();
        Ex.CancelAll(Exchange.HouseUserId, m.Ticker);
        return m.Ticker;
    }

    /// <summary>Counterparty order straight into the engine (V2 terms: Bid = buy Yes at yesPrice, Ask = sell Yes).</summary>
    public Order Counter(string ticker, OrderSide side, decimal yesPrice, decimal count) =>
        Ex.PlaceOrder(Other, new OrderRequest { Ticker = ticker, Side = side, Price = yesPrice, Count = count }).Order;

    public PsResult Run(string script, IDictionary<string, object?>? vars = null) => Host.Run(script, vars);

    public int Writes => Server.RequestLog.Count(r => r.Method != "GET");

    public IReadOnlyList<KalshiPS.Sandbox.Order> MyOrders => Ex.GetOrders(User);

    public async ValueTask DisposeAsync()
    {
        Host.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>Reading output objects by property name (the tests import the module by manifest, so its types are not referenced).</summary>
public static class Ps
{
    public static string? S(this System.Management.Automation.PSObject o, string name) => o.Properties[name]?.Value?.ToString();
    public static decimal D(this System.Management.Automation.PSObject o, string name) => Convert.ToDecimal(o.Properties[name]!.Value, System.Globalization.CultureInfo.InvariantCulture);
    public static decimal? DN(this System.Management.Automation.PSObject o, string name) => o.Properties[name]?.Value is { } v ? Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture) : null;
    public static string TypeName(this System.Management.Automation.PSObject o) => o.BaseObject.GetType().FullName!;
    public static System.Management.Automation.PSObject One(this PsResult r) { Assert(r); return r.Output.Single(); }
    public static void Assert(PsResult r)
    {
        if (r.Errors.Count > 0) throw new Xunit.Sdk.XunitException("unexpected errors: " + string.Join(" | ", r.Errors.Select(e => e.ToString())));
    }
}
