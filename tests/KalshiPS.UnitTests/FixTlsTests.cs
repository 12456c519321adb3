using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using KalshiPS.Fix;

namespace KalshiPS.UnitTests;

public class FixTlsTests
{
    private static X509Certificate2 SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var req = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = req.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }

    [Fact]
    public void A_valid_certificate_passes_and_a_pin_must_match_it()
    {
        using var cert = SelfSigned();
        var pin = FixTls.Sha256Hex(cert);
        Assert.Null(FixTls.Check(cert, SslPolicyErrors.None, null));
        Assert.Null(FixTls.Check(cert, SslPolicyErrors.None, FixTls.NormalizePin(string.Join(":", Enumerable.Range(0, 32).Select(i => pin.Substring(i * 2, 2).ToUpperInvariant())))));
        Assert.Contains("does not match the pinned", FixTls.Check(cert, SslPolicyErrors.None, new string('0', 64)));
    }

    [Fact]
    public void A_pin_never_replaces_normal_validation()
    {
        using var cert = SelfSigned();
        var pin = FixTls.Sha256Hex(cert);
        Assert.Contains("not valid", FixTls.Check(cert, SslPolicyErrors.RemoteCertificateChainErrors, pin));
        Assert.Contains("not valid", FixTls.Check(cert, SslPolicyErrors.RemoteCertificateNameMismatch, pin));
        Assert.Contains("no certificate", FixTls.Check(null!, SslPolicyErrors.None, pin));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("zz00000000000000000000000000000000000000000000000000000000000000")]
    public void A_malformed_pin_is_refused_up_front(string pin)
    {
        Assert.Throws<ArgumentException>(() => FixTls.NormalizePin(pin));
    }

    [Fact]
    public async Task An_untrusted_server_is_refused_even_when_pinned()
    {
        using var cert = SelfSigned();
        var e = await LoopbackTls.HandshakeAsync(cert, "localhost", FixTls.Sha256Hex(cert));
        Assert.Contains("not valid", e!.Message);
    }
}
