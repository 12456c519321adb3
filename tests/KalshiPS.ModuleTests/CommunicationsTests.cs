using System.Diagnostics;
using System.Management.Automation;
using System.Security.Cryptography;
using KalshiPS.Sandbox;
using Xunit;
using Xunit.Abstractions;

namespace KalshiPS.ModuleTests;

/// <summary>
/// RFQs, quotes and block trades between two users, each in a runspace of its own (Import-Module, Connect-Kalshi with
/// its own key), checking the output objects, what the engine did and the requests the sandbox saw.
/// </summary>
[Collection("Streaming")]
public sealed class CommunicationsTests : ConnectedSandboxTest
{
    private PowerShellHost _bob = null!;
    private string _bobUser = null!;
    private string _bobKeyPath = null!;

    public CommunicationsTests(ITestOutputHelper log) : base(log) { }

    protected override SandboxOptions Options => new() { MarketCount = 20, RfqDesk = false };

    private string Ticker => _s.Exchange.Markets.First(m => m.Status == "active" && m.PriceStructure == PriceLevelStructure.LinearCent).Ticker;
    private string Alice => _s.UserId;

    private void StartBob()
    {
        using var rsa = RSA.Create(2048);
        _bobUser = "bob";
        var keyId = _s.RegisterKey(rsa.ExportSubjectPublicKeyInfoPem(), _bobUser);
        _bobKeyPath = Path.Combine(Path.GetTempPath(), $"kalships-bob-{keyId}.pem");
        File.WriteAllText(_bobKeyPath, rsa.ExportPkcs8PrivateKeyPem());
        _bob = new PowerShellHost();
        Ps.Assert(_bob.Run($"Connect-Kalshi -ApiKeyId '{keyId}' -PrivateKeyPath '{_bobKeyPath}' -BaseUri '{_s.RestUri}' -WebSocketUri '{_s.WebSocketUri}'"));
    }

    private void StopBob()
    {
        _bob?.Dispose();
        if (_bobKeyPath != null) File.Delete(_bobKeyPath);
    }

    private int Seen(string method, string path) => _s.RequestCount(method, path);

    [Fact]
    public void Rfq_quote_accept_confirm_between_two_users_ends_in_fills_and_positions_for_both()
    {
        StartBob();
        try
        {
            var t = Ticker;
            int trades = _s.Exchange.GetTrades(t).Count;
            var rfq = _host.Run($"New-KalshiRfq -Ticker {t} -Contracts 10").One();
            Assert.Equal("KalshiPS.Models.KalshiRfq", rfq.TypeName());
            Assert.Equal("Open", rfq.S("Status"));
            Assert.Equal(10m, rfq.D("Contracts"));
            var rfqId = rfq.S("RfqId")!;
            Assert.Equal(_host.Run("(Get-KalshiCommunicationsId).CommunicationsId").One().ToString(), rfq.S("CreatorId"));

            var seenByBob = _bob.Run($"Get-KalshiRfq -Status Open -Ticker {t}");
            Ps.Assert(seenByBob);
            Assert.Contains(seenByBob.Output, r => r.S("RfqId") == rfqId);
            var quote = _bob.Run($"New-KalshiQuote -RfqId {rfqId} -YesBid 0.40 -NoBid 0.55").One();
            Assert.Equal("KalshiPS.Models.KalshiQuote", quote.TypeName());
            Assert.Equal(0.40m, quote.D("YesBid"));
            Assert.Equal(0.55m, quote.D("NoBid"));
            Assert.Equal("Open", quote.S("Status"));
            var quoteId = quote.S("QuoteId")!;

            // Alice pipes the quotes of her RFQ: the RFQ-scoped accept path (QuoteId and RfqId bind by property name).
            var accepted = _host.Run($"Get-KalshiRfq -RfqId {rfqId} | Get-KalshiQuote | Approve-KalshiQuote -Side No -PassThru").One();
            Assert.Equal("Accepted", accepted.S("Status"));
            Assert.Equal("No", accepted.S("AcceptedSide"));
            Assert.Equal(1, Seen("PUT", $"/communications/rfqs/{rfqId}/quotes/{quoteId}/accept"));
            Assert.Equal(trades, _s.Exchange.GetTrades(t).Count);

            var executed = _bob.Run($"Confirm-KalshiQuote -QuoteId {quoteId} -RfqId {rfqId} -PassThru").One();
            Assert.Equal("Executed", executed.S("Status"));
            Assert.NotNull(executed.S("CreatorOrderId"));
            Assert.Equal(1, Seen("PUT", $"/communications/rfqs/{rfqId}/quotes/{quoteId}/confirm"));
            Assert.Equal(trades + 1, _s.Exchange.GetTrades(t).Count);

            Assert.Equal(10m, _s.Exchange.GetPosition(Alice, t));   // Alice bought Yes at 1 - 0.55
            Assert.Equal(-10m, _s.Exchange.GetPosition(_bobUser, t));
            Assert.Equal(10m, _host.Run($"Get-KalshiPosition -Ticker {t}").One().D("Position"));
            var fill = _host.Run($"Get-KalshiFill -Ticker {t}").One();
            Assert.Equal(0.45m, fill.D("YesPrice"));
            var mine = _host.Run($"Get-KalshiQuote -QuoteId {quoteId} -RfqId {rfqId}").One();
            Assert.Equal(mine.S("RfqCreatorOrderId"), fill.S("OrderId"));
            Assert.Equal("Closed", _host.Run($"Get-KalshiRfq -RfqId {rfqId}").One().S("Status"));
        }
        finally { StopBob(); }
    }

    [Fact]
    public void Without_an_rfq_id_the_quote_cmdlets_use_the_deprecated_flat_paths()
    {
        StartBob();
        try
        {
            var t = Ticker;
            var rfqId = _host.Run($"(New-KalshiRfq -Ticker {t} -TargetCost 20).RfqId").One().ToString();
            var quoteId = _bob.Run($"(New-KalshiQuote -RfqId {rfqId} -YesBid 0.50 -NoBid 0.30).QuoteId").One().ToString();
            var read = _host.Run($"Get-KalshiQuote -QuoteId {quoteId}").One();
            Assert.Equal(1, Seen("GET", $"/communications/quotes/{quoteId}"));
            Assert.Equal(40m, read.D("YesContracts")); // $20 at 1 - 0.50
            Ps.Assert(_host.Run($"Approve-KalshiQuote -QuoteId {quoteId} -Side Yes"));
            Assert.Equal(1, Seen("PUT", $"/communications/quotes/{quoteId}/accept"));
            Ps.Assert(_bob.Run($"Confirm-KalshiQuote -QuoteId {quoteId}"));
            Assert.Equal(1, Seen("PUT", $"/communications/quotes/{quoteId}/confirm"));
            Assert.Equal(40m, _s.Exchange.GetPosition(_bobUser, t));

            var other = _host.Run($"(New-KalshiRfq -Ticker {t} -Contracts 3).RfqId").One().ToString();
            var q2 = _bob.Run($"(New-KalshiQuote -RfqId {other} -YesBid 0.10 -NoBid 0.10).QuoteId").One().ToString();
            Ps.Assert(_bob.Run($"Remove-KalshiQuote -QuoteId {q2} -Confirm:$false"));
            Assert.Equal(1, Seen("DELETE", $"/communications/quotes/{q2}"));
            Assert.Equal("cancelled", _s.Exchange.GetQuote(_bobUser, q2).Status);
            Ps.Assert(_host.Run($"Remove-KalshiRfq -RfqId {other} -Confirm:$false"));
            Assert.Equal(1, Seen("DELETE", $"/communications/rfqs/{other}"));
            Assert.Equal("closed", _s.Exchange.GetRfq(other).Status);
        }
        finally { StopBob(); }
    }

    [Fact]
    public void Bad_input_is_refused_before_anything_is_sent_and_WhatIf_sends_nothing()
    {
        var t = Ticker;
        var before = _s.RequestLog.Count(r => r.Method != "GET");
        var r1 = _host.Run($"New-KalshiRfq -Ticker {t} -Contracts 0.001");
        Assert.Equal("KalshiInvalidArgument", Assert.Single(r1.Errors).FullyQualifiedErrorId.Split(',')[0]);
        var r2 = _host.Run("New-KalshiQuote -RfqId '../rfqs' -YesBid 0.4 -NoBid 0.4");
        Assert.Contains("not a valid RFQ id", Assert.Single(r2.Errors).ToString());
        var r3 = _host.Run("New-KalshiQuote -RfqId 0f8fad5b-d9cb-469f-a165-70867728950e -YesBid 0.6 -NoBid 0.5");
        Assert.Contains("cross", Assert.Single(r3.Errors).ToString());
        Ps.Assert(_host.Run($"New-KalshiRfq -Ticker {t} -Contracts 5 -WhatIf"));
        Assert.Equal(before, _s.RequestLog.Count(r => r.Method != "GET"));
        Assert.Empty(_s.Exchange.Rfqs);
    }

    [Fact]
    public void Block_trade_executes_when_buyer_and_seller_have_accepted()
    {
        StartBob();
        try
        {
            var t = Ticker;
            int trades = _s.Exchange.GetTrades(t).Count;
            var proposal = _host.Run($"New-KalshiBlockTrade -Ticker {t} -BuyerUserId {Alice} -SellerUserId {_bobUser} -Price 0.3 -Count 7 -MakerSide Yes").One();
            Assert.Equal("KalshiPS.Models.KalshiBlockTrade", proposal.TypeName());
            Assert.Equal(0.3m, proposal.D("Price"));
            Assert.Equal(7m, proposal.D("Count"));
            Assert.Equal("Pending", proposal.S("Status"));
            Assert.Equal(Alice, proposal.S("BuyerUserId"));
            Assert.Null(proposal.S("SellerUserId")); // only the seller sees the seller
            var id = proposal.S("BlockTradeId")!;
            Assert.Equal(1, Seen("POST", "/communications/block-trade-proposals"));

            Ps.Assert(_bob.Run($"Get-KalshiBlockTrade -Ticker {t} | Approve-KalshiBlockTrade"));
            Assert.Equal(1, Seen("POST", $"/communications/block-trade-proposals/{id}/accept"));
            Assert.Equal(trades, _s.Exchange.GetTrades(t).Count);
            var done = _host.Run($"Approve-KalshiBlockTrade -BlockTradeId {id} -Ticker {t} -PassThru").One();
            Assert.Equal("Executed", done.S("Status"));
            Assert.True((bool)done.Properties["BuyerAccepted"].Value && (bool)done.Properties["SellerAccepted"].Value);
            Assert.Equal(7m, _s.Exchange.GetPosition(Alice, t));
            Assert.Equal(-7m, _s.Exchange.GetPosition(_bobUser, t));
            Assert.Equal(done.S("BuyerOrderId"), _host.Run($"Get-KalshiFill -Ticker {t}").One().S("OrderId"));
        }
        finally { StopBob(); }
    }

    [Fact]
    public void Watch_KalshiRfq_streams_rfq_and_quote_events_of_both_sides()
    {
        StartBob();
        try
        {
            var t = Ticker;
            var ex = _s.Exchange;
            var output = new PSDataCollection<PSObject>();
            using var ps = _host.Begin("Watch-KalshiRfq -First 4 -Duration 20", output);
            WaitFor(() => _s.WebSocketSubscriptionCount == 1, TimeSpan.FromSeconds(15));
            var rfq = ex.CreateRfq(_bobUser, t, 5m, null);       // everyone sees it, without its creator
            var quote = ex.CreateQuote(Alice, rfq.Id, 0.35m, 0.60m); // Alice's own quote
            ex.AcceptQuote(_bobUser, quote.Id, "yes");
            ex.ConfirmQuote(Alice, quote.Id);
            WaitFor(() => ps.InvocationStateInfo.State == PSInvocationState.Completed, TimeSpan.FromSeconds(15));
            Assert.Equal(new[] { "RfqCreated", "QuoteCreated", "QuoteAccepted", "QuoteExecuted" }, output.Select(o => o.S("EventType")));
            Assert.All(output, o => Assert.Equal("KalshiPS.Models.KalshiRfqEvent", o.TypeName()));
            Assert.Equal(rfq.Id, output[0].S("RfqId"));
            Assert.Null(output[0].S("RfqCreatorId"));
            Assert.Equal(5m, output[0].D("Contracts"));
            Assert.Equal(0.35m, output[1].D("YesBid"));
            Assert.Equal("Yes", output[2].S("AcceptedSide"));
            Assert.Equal(quote.CreatorOrderId, output[3].S("OrderId")); // Alice's order of the execution
        }
        finally { StopBob(); }
    }

    internal static void WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > timeout) throw new TimeoutException("condition not met in " + timeout);
            Thread.Sleep(20);
        }
    }
}
