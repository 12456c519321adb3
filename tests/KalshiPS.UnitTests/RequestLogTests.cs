using System.Net;
using System.Text.RegularExpressions;
using KalshiPS.Auth;
using KalshiPS.Http;

namespace KalshiPS.UnitTests;

public class RequestLogTests
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task One_line_per_request_with_method_path_query_status_and_ms()
    {
        var log = new CollectingLog();
        RequestLog.Current = log;
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, "{\"markets\":[]}").Then(HttpStatusCode.NotFound, """{"error":{"code":"not_found","message":"nope"}}""");
        using var http = Pipelines.Create(Pipelines.Options(handler, new RecordingTime()));
        (await http.SendAsync(new KalshiRequest("GET", "/markets").With("limit", 5L).With("status", "open"), CancellationToken.None).WaitAsync(Bounded))?.Dispose();
        await Assert.ThrowsAsync<KalshiApiException>(() => http.SendAsync(new KalshiRequest("GET", "/markets/NOPE"), CancellationToken.None).WaitAsync(Bounded));

        var lines = log.Verbose.ToArray();
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^GET /trade-api/v2/markets\?limit=5&status=open -> 200 OK \(\d+ ms\)$", lines[0]);
        Assert.Matches(@"^GET /trade-api/v2/markets/NOPE -> 404 Not Found \(\d+ ms\)$", lines[1]);
    }

    [Fact]
    public async Task Retries_are_noted_and_nothing_secret_is_logged()
    {
        var log = new CollectingLog();
        RequestLog.Current = log;
        var time = new RecordingTime();
        var handler = new ScriptedHandler().Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.OK, "{}");
        var options = Pipelines.Options(handler, time);
        using var signer = RequestSigner.FromPem(Keys.KeyId, Keys.Pkcs1Pem);
        using var http = Pipelines.Create(options, signer);
        var task = http.SendAsync(new KalshiRequest("GET", "/portfolio/orders").With("limit", 5L), CancellationToken.None);
        await handler.WaitForRequestsAsync(1);
        time.Advance(await time.NextTimerAsync(d => d != options.Timeout));
        (await task.WaitAsync(Bounded))?.Dispose();

        var lines = log.Verbose.ToArray();
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^GET /trade-api/v2/portfolio/orders\?limit=5 -> 503 Service Unavailable \(\d+ ms\)$", lines[0]);
        Assert.Equal("GET /trade-api/v2/portfolio/orders?limit=5 failed (HTTP 503); retry 1 of 3 in 1 s", lines[1]);
        Assert.Matches(@"-> 200 OK", lines[2]);

        var secrets = handler.Seen.SelectMany(r => new[] { r.Headers[RequestSigner.SignatureHeader], r.Headers[RequestSigner.KeyHeader] })
            .Concat(Keys.BodyLines(Keys.Pkcs1Pem)).ToArray();
        Assert.Equal(2, handler.Seen.Count(r => r.Headers.ContainsKey(RequestSigner.SignatureHeader)));
        foreach (var line in lines.Concat(log.Warnings))
            foreach (var secret in secrets)
                Assert.DoesNotContain(secret, line);
        Assert.All(lines, l => Assert.DoesNotContain("KALSHI-ACCESS", l, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Without_a_current_log_nothing_breaks()
    {
        RequestLog.Current = null;
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, "{}");
        using var http = Pipelines.Create(Pipelines.Options(handler, new RecordingTime()));
        (await http.SendAsync(new KalshiRequest("GET", "/exchange/status"), CancellationToken.None).WaitAsync(Bounded))?.Dispose();
        Assert.Equal(1, handler.Count);
    }
}
