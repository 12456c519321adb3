using System.Security.Cryptography;
using System.Text;
using KalshiPS.Auth;
using KalshiPS.Session;

namespace KalshiPS.UnitTests;

public class RequestSignerTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 1, 12, 0, 0, 123, TimeSpan.Zero);

    private static bool Verifies(string message, string signatureBase64) =>
        Keys.Rsa.VerifyData(Encoding.UTF8.GetBytes(message), Convert.FromBase64String(signatureBase64), HashAlgorithmName.SHA256, RSASignaturePadding.Pss);

    [Theory]
    [InlineData("pkcs1")]
    [InlineData("pkcs8")]
    public void Signature_covers_timestamp_method_and_full_path_without_query(string format)
    {
        using var signer = RequestSigner.FromPem(Keys.KeyId, format == "pkcs1" ? Keys.Pkcs1Pem : Keys.Pkcs8Pem);
        var h = signer.CreateHeaders("GET", new Uri("http://127.0.0.1:5000/trade-api/v2/portfolio/orders?limit=5"), At);

        var ms = At.ToUnixTimeMilliseconds().ToString();
        Assert.Equal(Keys.KeyId, h.Key);
        Assert.Equal(ms, h.Timestamp);
        Assert.True(Verifies($"{ms}GET/trade-api/v2/portfolio/orders", h.Signature));
        Assert.False(Verifies($"{ms}GET/trade-api/v2/portfolio/orders?limit=5", h.Signature));
        Assert.False(Verifies($"{ms}GET/trade-api/v2/portfolio/orders{{\"x\":1}}", h.Signature));
        Assert.False(Verifies($"{ms}GET/portfolio/orders", h.Signature));
    }

    [Fact]
    public void Signature_uses_pss_with_32_byte_salt_not_pkcs1()
    {
        using var signer = RequestSigner.FromPem(Keys.KeyId, Keys.Pkcs1Pem);
        var h = signer.CreateHeaders("GET", new Uri("https://external-api.kalshi.com/trade-api/v2/portfolio/balance"), At);
        var msg = Encoding.UTF8.GetBytes($"{h.Timestamp}GET/trade-api/v2/portfolio/balance");
        var sig = Convert.FromBase64String(h.Signature);
        Assert.Equal(256, sig.Length);
        Assert.False(Keys.Rsa.VerifyData(msg, sig, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.True(Keys.Rsa.VerifyData(msg, sig, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
    }

    [Fact]
    public void Method_is_upper_cased_and_body_is_never_signed()
    {
        using var signer = RequestSigner.FromPem(Keys.KeyId, Keys.Pkcs8Pem);
        var h = signer.CreateHeaders("post", new Uri("https://external-api.kalshi.com/trade-api/v2/portfolio/events/orders"), At);
        Assert.True(Verifies($"{h.Timestamp}POST/trade-api/v2/portfolio/events/orders", h.Signature));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8123/trade-api/v2/markets/ABC?cursor=x", "/trade-api/v2/markets/ABC")]
    [InlineData("https://proxy.example/kalshi/trade-api/v2/portfolio/balance", "/kalshi/trade-api/v2/portfolio/balance")]
    [InlineData("wss://external-api-ws.kalshi.com/trade-api/ws/v2", "/trade-api/ws/v2")]
    public void Custom_base_uris_sign_the_urls_own_path(string url, string signedPath)
    {
        using var signer = RequestSigner.FromPem(Keys.KeyId, Keys.Pkcs1Pem);
        var h = signer.CreateHeaders("GET", new Uri(url), At);
        Assert.Equal($"{h.Timestamp}GET{signedPath}", RequestSigner.StringToSign(long.Parse(h.Timestamp), "GET", new Uri(url)));
        Assert.True(Verifies($"{h.Timestamp}GET{signedPath}", h.Signature));
    }

    [Fact]
    public void Pipeline_sends_signed_headers_for_its_base_uri_path()
    {
        // End to end: the pipeline builds the URL under a proxy-style base and signs that URL's own path.
        var handler = new ScriptedHandler().Then(System.Net.HttpStatusCode.OK, "{\"balance\":100}");
        var time = new RecordingTime();
        var options = Pipelines.Options(handler, time);
        options.BaseUri = new Uri("https://proxy.example/kalshi/trade-api/v2");
        using var signer = RequestSigner.FromPem(Keys.KeyId, Keys.Pkcs1Pem);
        using var http = Pipelines.Create(options, signer);
        using var _ = http.SendAsync(new KalshiPS.Http.KalshiRequest("GET", "/portfolio/balance").With("subaccount", 0L), CancellationToken.None).GetAwaiter().GetResult();

        var seen = Assert.Single(handler.Seen);
        Assert.Equal("/kalshi/trade-api/v2/portfolio/balance", seen.Uri.AbsolutePath);
        Assert.Equal("?subaccount=0", seen.Uri.Query);
        var ts = seen.Headers[RequestSigner.TimestampHeader];
        Assert.Equal(RecordingTime.Start.ToUnixTimeMilliseconds().ToString(), ts);
        Assert.Equal(Keys.KeyId, seen.Headers[RequestSigner.KeyHeader]);
        Assert.True(Verifies($"{ts}GET/kalshi/trade-api/v2/portfolio/balance", seen.Headers[RequestSigner.SignatureHeader]));
    }

    public static IEnumerable<object[]> BadKeys()
    {
        using var rsa = RSA.Create(2048);
        var encrypted = rsa.ExportEncryptedPkcs8PrivateKeyPem("pw".AsSpan(),
            new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));
        var ec = ECDsa.Create().ExportPkcs8PrivateKeyPem();
        var ecSec1 = ECDsa.Create().ExportECPrivateKeyPem();
        var pub = rsa.ExportSubjectPublicKeyInfoPem();
        var pkcs1 = rsa.ExportRSAPrivateKeyPem();
        var badBase64 = pkcs1.Replace("MII", "M*I");
        var truncatedDer = "-----BEGIN RSA PRIVATE KEY-----\n" + Convert.ToBase64String(Convert.FromBase64String(string.Concat(Keys.BodyLines(pkcs1))).AsSpan(0, 200).ToArray()) + "\n-----END RSA PRIVATE KEY-----";
        var garbageDer = "-----BEGIN PRIVATE KEY-----\n" + Convert.ToBase64String(Encoding.ASCII.GetBytes("definitely not DER at all")) + "\n-----END PRIVATE KEY-----";
        yield return new object[] { "empty", "", "empty" };
        yield return new object[] { "whitespace", "  \n ", "empty" };
        yield return new object[] { "not pem", "ssh-rsa AAAAB3NzaC1yc2E user@host", "not PEM" };
        yield return new object[] { "encrypted", encrypted, "encrypted" };
        yield return new object[] { "legacy encrypted", "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----", "encrypted" };
        yield return new object[] { "bad base64", badBase64, "base64" };
        yield return new object[] { "truncated der", truncatedDer, "malformed" };
        yield return new object[] { "garbage der", garbageDer, "malformed" };
        yield return new object[] { "ec pkcs8", ec, "not an RSA key" };
        yield return new object[] { "ec sec1", ecSec1, "not an RSA private key" };
        yield return new object[] { "public key", pub, "not an RSA private key" };
    }

    [Theory]
    [MemberData(nameof(BadKeys))]
    public void Unusable_keys_fail_with_a_clear_message_that_does_not_echo_the_key(string _, string pem, string expected)
    {
        var e = Assert.Throws<KalshiKeyException>(() => RequestSigner.FromPem(Keys.KeyId, pem));
        Assert.Contains(expected, e.Message, StringComparison.OrdinalIgnoreCase);
        for (var x = (Exception?)e; x != null; x = x.InnerException)
            foreach (var line in Keys.BodyLines(pem).Where(l => l.Length >= 8))
                Assert.DoesNotContain(line, x.Message);
    }

    [Fact]
    public void Missing_key_file_names_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), "kalships-no-such-" + Guid.NewGuid() + ".key");
        var e = Assert.Throws<KalshiKeyException>(() => RequestSigner.FromFile(Keys.KeyId, path));
        Assert.Contains(path, e.Message);
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void Key_file_is_read()
    {
        var path = Path.Combine(Path.GetTempPath(), "kalships-test-" + Guid.NewGuid() + ".key");
        File.WriteAllText(path, Keys.Pkcs1Pem);
        try
        {
            using var signer = RequestSigner.FromFile(Keys.KeyId, path);
            Assert.Equal(2048, signer.KeySize);
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Key_id_is_required(string? keyId)
    {
        var e = Assert.Throws<KalshiKeyException>(() => RequestSigner.FromPem(keyId!, Keys.Pkcs1Pem));
        Assert.Contains("key id", e.Message);
    }

    [Fact]
    public void Session_with_key_id_but_no_key_is_refused()
    {
        var e = Assert.Throws<KalshiKeyException>(() => KalshiSession.Create(new SessionSettings { ApiKeyId = Keys.KeyId }));
        Assert.Contains("without its private key", e.Message);
    }

    [Fact]
    public void String_forms_never_show_key_material_or_signature()
    {
        var pem = Keys.Pkcs1Pem;
        using var signer = RequestSigner.FromPem(Keys.KeyId, pem);
        var h = signer.CreateHeaders("GET", new Uri("https://external-api.kalshi.com/trade-api/v2/portfolio/balance"), At);
        var settings = new SessionSettings { ApiKeyId = Keys.KeyId, PrivateKeyPem = pem, BaseUri = Pipelines.Base };
        using var session = KalshiSession.Create(settings);

        Assert.Null(settings.PrivateKeyPem); // the PEM text is dropped once the signer holds the key
        var shown = new[] { signer.ToString(), h.ToString(), session.ToString() };
        foreach (var s in shown)
        {
            Assert.DoesNotContain(h.Signature, s);
            Assert.DoesNotContain(h.Signature.Substring(0, 16), s);
            foreach (var line in Keys.BodyLines(pem)) Assert.DoesNotContain(line, s);
        }
        Assert.Contains("redacted", h.ToString());
        Assert.Contains(Keys.KeyId, session.ToString());
    }
}

public class PemKeyReaderTests
{
    [Fact]
    public void Crlf_line_endings_and_text_around_the_block_are_fine()
    {
        var pem = "Kalshi API key for demo\r\n" + Keys.Pkcs1Pem.Replace("\n", "\r\n") + "\r\n\r\n";
        using var signer = RequestSigner.FromPem(Keys.KeyId, pem);
        Assert.Equal(2048, signer.KeySize);
    }

    [Fact]
    public void Pem_with_literal_backslash_n_escapes_from_an_environment_variable_is_read()
    {
        // KALSHI_PRIVATE_KEY set from a .env file or CI secret often holds "\n" as two characters.
        var pem = Keys.Pkcs8Pem.Replace("\r\n", "\n").Replace("\n", "\\n");
        using var signer = RequestSigner.FromPem(Keys.KeyId, pem);
        var msg = System.Text.Encoding.UTF8.GetBytes("probe");
        Assert.True(Keys.Rsa.VerifyData(msg, Convert.FromBase64String(signer.Sign("probe")), System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pss));
    }

    [Fact]
    public void Pkcs1_and_pkcs8_give_the_same_key()
    {
        var a = PemKeyReader.Read(Keys.Pkcs1Pem);
        var b = PemKeyReader.Read(Keys.Pkcs8Pem);
        var expected = Keys.Rsa.ExportParameters(true);
        foreach (var p in new[] { a, b })
        {
            Assert.Equal(expected.Modulus, p.Modulus);
            Assert.Equal(expected.D, p.D);
            Assert.Equal(expected.P, p.P);
            Assert.Equal(expected.InverseQ, p.InverseQ);
        }
    }
}
