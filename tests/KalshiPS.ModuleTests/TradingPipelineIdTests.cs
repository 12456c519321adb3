using KalshiPS.Sandbox;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>Plain order-id strings (e.g. from Get-Content ids.txt) bind from the pipeline, as well as order objects.</summary>
public class TradingPipelineIdTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _sandbox;
    public TradingPipelineIdTests(SandboxFixture sandbox) => _sandbox = sandbox;

    private string RestingBid(string ticker, decimal price) =>
        _sandbox.Server.Exchange.PlaceOrder(_sandbox.Server.UserId,
            new OrderRequest { Ticker = ticker, Side = OrderSide.Bid, Price = price, Count = 1m }).Order.OrderId;

    [Fact]
    public void Order_id_strings_from_the_pipeline_are_read_and_canceled()
    {
        var ticker = _sandbox.OpenTicker(3);
        var ids = new[] { RestingBid(ticker, 0.02m), RestingBid(ticker, 0.03m) };
        using var host = new PowerShellHost();
        host.Run(_sandbox.ConnectLine());

        var read = host.Run("$ids | Get-KalshiOrder", new Dictionary<string, object?> { ["ids"] = ids });
        Assert.Empty(read.Errors);
        Assert.Equal(ids.OrderBy(x => x), read.Output.Select(o => (string)o.Properties["OrderId"].Value).OrderBy(x => x));

        var canceled = host.Run("$ids | Remove-KalshiOrder -Confirm:$false", new Dictionary<string, object?> { ["ids"] = ids });
        Assert.Empty(canceled.Errors);
        Assert.All(ids, id => Assert.NotEqual("Resting", _sandbox.Server.Exchange.GetOrder(id)!.Status.ToString()));
    }
}
