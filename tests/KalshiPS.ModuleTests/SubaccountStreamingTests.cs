using System.Diagnostics;
using System.Management.Automation;
using KalshiPS.Sandbox;
using Xunit;
using Xunit.Abstractions;

namespace KalshiPS.ModuleTests;

/// <summary>
/// Kalshi's private channels take no subaccount filter but name the account on each message: Watch-* -Subaccount keeps
/// only that account's fills, orders and positions, and every object says its account.
/// </summary>
[Collection("Streaming")]
public sealed class SubaccountStreamingTests : ConnectedSandboxTest
{
    public SubaccountStreamingTests(ITestOutputHelper log) : base(log) { }

    private static void WaitFor(Func<bool> condition, TimeSpan timeout, string what)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > timeout) throw new TimeoutException($"{what}: not within {timeout}");
            Thread.Sleep(10);
        }
    }

    [Theory]
    [InlineData("Watch-KalshiFill", "TradeId")]
    [InlineData("Watch-KalshiOrder", "OrderId")]
    [InlineData("Watch-KalshiPosition", "Ticker")]
    public void Watch_with_a_subaccount_writes_only_that_accounts_updates(string watch, string key)
    {
        var ex = _s.Exchange;
        Assert.Equal(1, ex.CreateSubaccount(_s.UserId));
        ex.TransferBetweenSubaccounts(_s.UserId, "seed", 0, 1, 10_000);
        var markets = ex.Markets.Where(m => m.Status == "active" && m.PriceStructure == PriceLevelStructure.LinearCent && !m.FractionalTradingEnabled).Take(2).ToList();
        var output = new PSDataCollection<PSObject>();
        using var ps = _host.Begin($"{watch} -Subaccount 1 -Duration 3", output);
        WaitFor(() => _s.WebSocketSubscriptionCount == 1, TimeSpan.FromSeconds(15), "subscribed");

        // One buy in the primary account (first market) and one in subaccount 1 (second market), each filling 1 contract.
        for (int i = 0; i < 2; i++)
        {
            ex.PlaceOrder("u2", new OrderRequest { Ticker = markets[i].Ticker, Side = OrderSide.Ask, Price = 0.99m, Count = 1 });
            ex.PlaceOrder(_s.UserId, new OrderRequest { Ticker = markets[i].Ticker, Side = OrderSide.Bid, Price = 0.99m, Count = 1, TimeInForce = TimeInForce.ImmediateOrCancel, Subaccount = i });
        }
        WaitFor(() => ps.InvocationStateInfo.State is PSInvocationState.Completed or PSInvocationState.Failed, TimeSpan.FromSeconds(20), "the watch to end");

        Assert.Empty(ps.Streams.Error);
        Assert.NotEmpty(output);
        Assert.All(output, o => Assert.Equal(1, o.Properties["Subaccount"].Value));
        Assert.All(output, o => Assert.Equal(markets[1].Ticker, o.Properties["Ticker"].Value));
        Assert.NotNull(output[0].Properties[key].Value);
    }

    [Fact]
    public void A_bad_subaccount_is_refused_before_connecting()
    {
        var r = _host.Run("Watch-KalshiFill -Subaccount 64 -Duration 1");
        Assert.Contains("0 for the primary account or 1-63", Assert.Single(r.Errors).ToString());
        Assert.Equal(0, _s.WebSocketSubscriptionCount);
    }
}
