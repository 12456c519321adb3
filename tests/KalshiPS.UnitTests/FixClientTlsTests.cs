using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using KalshiPS.Fix;
using KalshiPS.Fix.Client;

namespace KalshiPS.UnitTests;

/// <summary>One TLS handshake of FixTls.ConnectAsync against a loopback server presenting a given certificate.</summary>
internal static class LoopbackTls
{
    /// <summary>Null when the client accepted the server, else the client's AuthenticationException.</summary>
    public static async Task<Exception?> HandshakeAsync(X509Certificate2 cert, string host, string? pin, X509Certificate2? anchor = null)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var server = Task.Run(async () =>
            {
                using var c = await listener.AcceptTcpClientAsync();
                using var ssl = new SslStream(c.GetStream());
                try { await ssl.AuthenticateAsServerAsync(cert); } catch (Exception e) when (e is AuthenticationException or IOException) { }
            });
            Exception? failure = null;
            try { using var s = await FixTls.ConnectAsync(host, port, pin, FixPeer.Soon, checkRevocation: false, extraAnchor: anchor); }
            catch (AuthenticationException e) { failure = e; }
            await server.WaitAsync(FixPeer.Soon);
            return failure;
        }
        finally { listener.Stop(); }
    }
}

/// <summary>The extra trust anchor (the sandbox's self-signed certificate) over loopback TLS: it adds one root, relaxes nothing else.</summary>
public sealed class FixClientTlsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kalships-fix-tls-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static X509Certificate2 SelfSigned(string name)
    {
        using var rsa = RSA.Create(2048);
        var req = new CertificateRequest("CN=" + name, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        req.CertificateExtensions.Add(san.Build());
        using var cert = req.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }

    private string Pem(X509Certificate2 cert)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".pem");
        File.WriteAllText(path, cert.ExportCertificatePem());
        return path;
    }

    private static Task<Exception?> ConnectAsync(X509Certificate2 cert, string host, X509Certificate2? anchor, string? pin = null) =>
        LoopbackTls.HandshakeAsync(cert, host, pin, anchor);

    [Fact]
    public async Task A_self_signed_gateway_is_accepted_only_with_its_certificate_as_the_anchor()
    {
        using var cert = SelfSigned("localhost");
        using var other = SelfSigned("localhost");
        using var anchor = FixTrustAnchor.Load(Pem(cert));
        using var wrong = FixTrustAnchor.Load(Pem(other));
        Assert.Contains("not valid", (await ConnectAsync(cert, "localhost", null))!.Message);
        Assert.Null(await ConnectAsync(cert, "localhost", anchor));
        Assert.Contains("does not chain", (await ConnectAsync(cert, "localhost", wrong))!.Message);
        Assert.Null(await ConnectAsync(cert, "localhost", anchor, FixTls.Sha256Hex(cert)));
        Assert.Contains("does not match the pinned", (await ConnectAsync(cert, "localhost", anchor, FixTls.Sha256Hex(other)))!.Message);
    }

    [Fact]
    public async Task The_anchor_does_not_excuse_a_host_name_mismatch()
    {
        using var cert = SelfSigned("gateway.example");
        using var anchor = FixTrustAnchor.Load(Pem(cert));
        Assert.Contains("not valid", (await ConnectAsync(cert, "localhost", anchor))!.Message);
    }

    [Fact]
    public void A_file_without_a_certificate_is_refused_with_a_clear_message()
    {
        var path = Path.Combine(_folder, "key.pem");
        File.WriteAllText(path, Keys.Pkcs1Pem);
        Assert.Contains("no PEM certificate", Assert.Throws<ArgumentException>(() => FixTrustAnchor.Load(path)).Message);
        Assert.Contains("cannot be read", Assert.Throws<ArgumentException>(() => FixTrustAnchor.Load(Path.Combine(_folder, "missing.pem"))).Message);
        Assert.Null(FixTrustAnchor.Load(null!));
    }
}
