using System.Net;
using KalshiPS.Http;
using RichardSzalay.MockHttp;
using KalshiPS.Models;

namespace KalshiPS.UnitTests;

public class ErrorBodyTests
{
    [Fact]
    public void Parses_wrapped_error_object()
    {
        var b = KalshiErrorBody.Parse("""{"error":{"code":"invalid_price","message":"invalid price","details":"off tick","service":"exchange"}}""");
        Assert.Equal("invalid_price", b.Code);
        Assert.Equal("invalid price", b.Message);
        Assert.Equal("off tick", b.Details);
        Assert.Equal("exchange", b.Service);
    }

    [Theory]
    [InlineData("""{"error":"too many requests"}""", null, "too many requests")]
    [InlineData("""{"code":"not_found","message":"market not found"}""", "not_found", "market not found")]
    [InlineData("""{"msg":"bad thing"}""", null, "bad thing")]
    [InlineData("""{"message":"plain message"}""", null, "plain message")]
    [InlineData("<html><body>502 Bad Gateway</body></html>", null, "<html><body>502 Bad Gateway</body></html>")]
    [InlineData("  upstream connect error  ", null, "upstream connect error")]
    [InlineData("[1,2]", null, "[1,2]")]
    public void Parses_every_shape_seen_on_the_wire(string body, string? code, string message)
    {
        var b = KalshiErrorBody.Parse(body);
        Assert.Equal(code, b.Code);
        Assert.Equal(message, b.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Empty_body_has_no_error_details(string? body) => Assert.Null(KalshiErrorBody.Parse(body!));

    [Fact]
    public void Long_text_bodies_are_cut()
    {
        var b = KalshiErrorBody.Parse(new string('x', 5000));
        Assert.True(b.Message.Length <= 301);
    }
}

public class ErrorMappingTests
{
    private static async Task<KalshiApiException> Fail(HttpStatusCode status, string body, string method = "GET")
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(status, "application/json", body);
        var options = Pipelines.Options(mock, new RecordingTime());
        options.MaxRetries = 0;
        using var http = Pipelines.Create(options);
        return await Assert.ThrowsAnyAsync<KalshiApiException>(() => http.SendAsync(new KalshiRequest(method, "/markets/X"), CancellationToken.None));
    }

    [Theory]
    [InlineData(400, KalshiErrorKind.InvalidRequest)]
    [InlineData(401, KalshiErrorKind.Authentication)]
    [InlineData(403, KalshiErrorKind.PermissionDenied)]
    [InlineData(404, KalshiErrorKind.NotFound)]
    [InlineData(409, KalshiErrorKind.Conflict)]
    [InlineData(410, KalshiErrorKind.Gone)]
    [InlineData(429, KalshiErrorKind.RateLimited)]
    [InlineData(500, KalshiErrorKind.ServerUnavailable)]
    [InlineData(503, KalshiErrorKind.ServerUnavailable)]
    [InlineData(504, KalshiErrorKind.ServerUnavailable)]
    public async Task Status_maps_to_kind_and_message_carries_kalshis_words(int status, KalshiErrorKind kind)
    {
        var e = await Fail((HttpStatusCode)status, """{"error":{"code":"some_code","message":"some message","details":"some details","service":"exchange"}}""");
        Assert.Equal(kind, e.Kind);
        Assert.Equal(kind, KalshiApiException.KindFor(status));
        Assert.Equal(status, e.StatusCode);
        Assert.Equal("some_code", e.Code);
        Assert.Equal("some message", e.ApiMessage);
        Assert.Equal("some details", e.Details);
        Assert.Equal("exchange", e.Service);
        Assert.Contains("some_code", e.Message);
        Assert.Contains("some message", e.Message);
        Assert.Contains(status.ToString(), e.Message);
        Assert.Contains("GET /markets/X", e.Message);
    }

    [Fact]
    public async Task Rate_limit_string_body_and_empty_bodies_still_explain_themselves()
    {
        var limited = await Fail(HttpStatusCode.TooManyRequests, """{"error":"too many requests"}""");
        Assert.Equal(KalshiErrorKind.RateLimited, limited.Kind);
        Assert.Contains("too many requests", limited.Message);

        var empty = await Fail(HttpStatusCode.NotFound, "");
        Assert.Equal(KalshiErrorKind.NotFound, empty.Kind);
        Assert.Contains("NotFound", empty.Message);

        var html = await Fail(HttpStatusCode.BadGateway, "<html>bad gateway</html>");
        Assert.Equal(KalshiErrorKind.ServerUnavailable, html.Kind);
        Assert.Contains("bad gateway", html.Message);
    }

    [Fact]
    public async Task Auth_failures_name_the_detail_and_clock_skew_gets_its_own_advice()
    {
        var sig = await Fail(HttpStatusCode.Unauthorized, """{"error":{"code":"authentication_error","message":"authentication error","details":"INCORRECT_API_KEY_SIGNATURE"}}""");
        Assert.Contains("INCORRECT_API_KEY_SIGNATURE", sig.Message);
        var clock = await Fail(HttpStatusCode.Unauthorized, """{"error":{"code":"header_timestamp_expired","message":"timestamp expired"}}""");
        Assert.Contains("clock", clock.Message);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(202)]
    public async Task A_2xx_carrying_the_v1_retirement_error_is_an_error(int status)
    {
        var e = await Fail((HttpStatusCode)status, """{"error":{"code":"deprecated_v1_order_endpoint","message":"Please switch to the V2 endpoints","details":"https://docs.kalshi.com/api-reference/orders/create-order-v2"}}""", "POST");
        Assert.Equal(KalshiErrorKind.Gone, e.Kind);
        Assert.Equal("deprecated_v1_order_endpoint", e.Code);
        Assert.Contains("Please switch to the V2 endpoints", e.Message);
    }

    [Fact]
    public async Task A_2xx_that_is_not_json_is_an_error_not_a_crash()
    {
        var e = await Fail(HttpStatusCode.OK, "<html>captive portal</html>");
        Assert.Contains("not JSON", e.Message);
    }

    [Fact]
    public async Task A_2xx_with_empty_body_is_null_success()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(HttpStatusCode.NoContent);
        using var http = Pipelines.Create(Pipelines.Options(mock, new RecordingTime()));
        Assert.Null(await http.SendAsync(new KalshiRequest("DELETE", "/portfolio/events/orders"), CancellationToken.None));
    }
}
