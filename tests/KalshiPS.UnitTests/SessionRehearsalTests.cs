using KalshiPS.Api;
using KalshiPS.Auth;
using KalshiPS.Http;
using KalshiPS.Wire;
using RichardSzalay.MockHttp;

namespace KalshiPS.UnitTests;

/// <summary>The idle session's rehearsal (Api/SessionRehearsal): an in-process twin of the pipeline, nothing sent.</summary>
public class SessionRehearsalTests
{
    // Port 9 (discard) on loopback: nothing answers there, so a listing that succeeds was answered in-process.
    private static readonly Uri Nowhere = new("http://127.0.0.1:9/trade-api/v2");

    private static TransportOptions RealTransport() => new() { BaseUri = Nowhere, MaxRetries = 0, Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task The_twin_answers_a_signed_listing_in_process_with_two_canned_pages_and_spends_none_of_the_session_budget()
    {
        using var signer = RequestSigner.FromPem(Keys.KeyId, Keys.Pkcs8Pem);
        var limiter = new RateLimiter(10, 10, TimeProvider.System);
        using var http = new KalshiHttpPipeline(RealTransport(), signer, limiter);
        using var twin = http.RehearsalTwin();
        Assert.NotNull(twin);

        var pages = new List<Page<KalshiPS.Models.KalshiFill>>();
        await foreach (var page in Pager.ReadAsync(twin, () => new KalshiRequest("GET", "/portfolio/fills").With("limit", 1L), "fills", PortfolioWire.Fill, CancellationToken.None))
        {
            page.PrefetchNext();
            pages.Add(page);
        }

        Assert.Equal(new[] { false, true }, pages.Select(p => p.IsLast));
        Assert.All(pages, p => Assert.Equal("R", Assert.Single(p.Items).Ticker));
        Assert.Equal(TimeSpan.Zero, limiter.Read.Reserve(10)); // the session's read bucket is still full
    }

    [Fact]
    public async Task The_rehearsal_runs_both_listings_to_their_end_where_nothing_listens()
    {
        using var signer = RequestSigner.FromPem(Keys.KeyId, Keys.Pkcs8Pem);
        using var http = new KalshiHttpPipeline(RealTransport(), signer, new RateLimiter(10, 10, TimeProvider.System));
        Assert.True(await SessionRehearsal.RunAsync(http));
    }

    [Fact]
    public void No_twin_when_a_test_transport_or_a_test_clock_drives_the_pipeline()
    {
        using var mocked = Pipelines.Create(Pipelines.Options(new MockHttpMessageHandler(), TimeProvider.System));
        Assert.Null(mocked.RehearsalTwin());
        var options = RealTransport();
        options.TimeProvider = new RecordingTime();
        using var faked = new KalshiHttpPipeline(options, null, new RateLimiter(10, 10, options.TimeProvider));
        Assert.Null(faked.RehearsalTwin());
    }

    [Fact]
    public async Task The_runtime_http_client_rehearses_against_an_in_process_peer_over_one_kept_alive_connection()
    {
        using var handler = LoopbackTransport.Create();
        Assert.NotNull(handler); // .NET 5+: SocketsHttpHandler with a ConnectCallback
        using var client = new HttpClient(handler);
        // The host does not exist and port 9 has no listener: an answer can only come from the in-process peer.
        var first = await client.GetStringAsync("http://rehearsal.invalid:9/trade-api/v2/markets?limit=1");
        var second = await client.GetStringAsync("http://rehearsal.invalid:9/trade-api/v2/markets?limit=1&cursor=r");
        Assert.Contains("\"cursor\":\"r\"", first);
        Assert.Contains("\"cursor\":\"\"", second);
    }
}
