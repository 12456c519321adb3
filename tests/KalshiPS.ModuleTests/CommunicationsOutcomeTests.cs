using KalshiPS.Sandbox;
using Xunit;
using Xunit.Abstractions;

namespace KalshiPS.ModuleTests;

/// <summary>
/// True outcomes of RFQ, quote, block trade and API key writes: committed but answered 503 (or a reset), the
/// exchange's state decides; never sent twice; "unknown" with the settling command only when the state cannot be read.
/// </summary>
public sealed class CommunicationsOutcomeTests : ConnectedSandboxTest
{
    public CommunicationsOutcomeTests(ITestOutputHelper log) : base(log) { }

    protected override SandboxOptions Options => new() { MarketCount = 20, RfqDesk = false };

    /// <summary>Fast retries, so settling rounds take milliseconds.</summary>
    private void Reconnect() =>
        Ps.Assert(_host.Run($"Connect-Kalshi -ApiKeyId '{_s.ApiKeyId}' -PrivateKeyPath '{_s.PrivateKeyPath}' -BaseUri '{_s.RestUri}' -RetryDelay 0.02 -MaxRetries 2 -SkipValidation"));

    private string Ticker => _s.Exchange.Markets.First(m => m.Status == "active" && m.PriceStructure == PriceLevelStructure.LinearCent).Ticker;

    [Theory]
    [InlineData(AfterCommitFailure.ServiceUnavailable)]
    [InlineData(AfterCommitFailure.ConnectionReset)]
    public void A_committed_rfq_create_without_an_answer_is_reported_done_and_sent_once(AfterCommitFailure mode)
    {
        Reconnect();
        _s.Faults.AfterCommitMode = mode;
        _s.Faults.FailNextCommunicationsAfterCommit = 1;
        var r = _host.Run($"New-KalshiRfq -Ticker {Ticker} -Contracts 6 -Verbose");
        var rfq = r.One();
        Assert.Equal(6m, rfq.D("Contracts"));
        Assert.Equal(_s.Exchange.Rfqs.Single().Id, rfq.S("RfqId"));
        Assert.Equal(1, _s.RequestCount("POST", "/communications/rfqs"));
        Assert.Contains(r.Verbose, v => v.Contains("is created on the exchange"));
    }

    [Fact]
    public void An_accept_without_an_answer_is_settled_from_the_quote_and_a_refused_one_is_reported_not_done()
    {
        Reconnect();
        var ex = _s.Exchange;
        ex.GetOrCreateAccount("bob");
        var rfq = ex.CreateRfq(_s.UserId, Ticker, 4m, null);
        var quote = ex.CreateQuote("bob", rfq.Id, 0.30m, 0.60m);
        _s.Faults.FailNextCommunicationsAfterCommit = 1;
        var accepted = _host.Run($"Approve-KalshiQuote -QuoteId {quote.Id} -RfqId {rfq.Id} -Side Yes -PassThru").One();
        Assert.Equal("Accepted", accepted.S("Status"));
        Assert.Equal(1, _s.RequestCount("PUT", $"/communications/rfqs/{rfq.Id}/quotes/{quote.Id}/accept"));

        var again = ex.CreateRfq(_s.UserId, Ticker, 2m, null);
        var open = ex.CreateQuote("bob", again.Id, 0.30m, 0.60m);
        _s.Faults.FailNextCommunicationsAfterCommit = 0;
        _s.Faults.FailNextRequests = 1; // refused before processing: the accept did not happen, and the retry-free write says so
        var refused = _host.Run($"Approve-KalshiQuote -QuoteId {open.Id} -RfqId {again.Id} -Side No");
        var error = Assert.Single(refused.Errors);
        Assert.Contains("so it was not accepted", error.ToString());
        Assert.Equal("open", open.Status);
    }

    [Fact]
    public void When_the_state_cannot_be_read_either_the_outcome_is_unknown_with_the_settling_command()
    {
        Reconnect();
        _s.Faults.FailNextCommunicationsAfterCommit = 1;
        _s.Faults.FailNextReads = 100;
        var r = _host.Run($"New-KalshiRfq -Ticker {Ticker} -Contracts 3");
        var error = Assert.Single(r.Errors);
        Assert.StartsWith("KalshiOutcomeUnknown", error.FullyQualifiedErrorId);
        Assert.Contains($"Get-KalshiRfq -Mine -Ticker {Ticker} -Status Open", error.ToString());
        Assert.Single(_s.Exchange.Rfqs); // it did happen, once
        Assert.Equal(1, _s.RequestCount("POST", "/communications/rfqs"));
    }

    [Fact]
    public void A_generated_key_whose_answer_was_lost_is_named_for_removal_and_no_empty_file_stays()
    {
        Reconnect();
        var path = Path.Combine(Path.GetTempPath(), $"kalships-lost-{Guid.NewGuid():N}.pem");
        _s.Faults.FailNextCommunicationsAfterCommit = 1;
        var r = _host.Run($"New-KalshiApiKey -Name lost-key -Generate -PrivateKeyPath '{path}'");
        var error = Assert.Single(r.Errors);
        Assert.StartsWith("KalshiPrivateKeyNotReceived", error.FullyQualifiedErrorId);
        var made = _s.Keys.KeysOf(_s.UserId).Single(k => k.Name == "lost-key");
        Assert.Contains("Remove-KalshiApiKey -ApiKeyId " + made.KeyId, error.ToString());
        Assert.False(File.Exists(path));
        Assert.Equal(1, _s.RequestCount("POST", "/api_keys/generate"));
    }
}
