using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KalshiPS.Sandbox;

/// <summary>
/// The FIX listeners' self-signed TLS certificate (ECDSA P-256, CN and SAN localhost plus IP 127.0.0.1), made at start.
/// Its PEM (public part only) is written next to the sandbox key so a client can trust it as an extra anchor for that
/// connection, and its SHA-256 (hex of the DER, the pin form FixTls uses) is printed with the FIX endpoints.
/// </summary>
internal sealed class FixCertificate : IDisposable
{
    private FixCertificate(X509Certificate2 certificate, string pem, string sha256)
    {
        Certificate = certificate; Pem = pem; Sha256 = sha256;
    }

    /// <summary>With its private key, for SslStream.AuthenticateAsServer.</summary>
    public X509Certificate2 Certificate { get; }
    public string Pem { get; }
    /// <summary>Lower-case hex SHA-256 of the certificate's DER bytes.</summary>
    public string Sha256 { get; }

    public static FixCertificate Create(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        // The system clock, not the exchange clock: TLS clients check validity against real time.
        var wall = DateTimeOffset.UtcNow;
        using var made = request.CreateSelfSigned(wall.AddDays(-1), wall.AddDays(30));
        // Re-imported from PKCS#12 so SslStream can use the private key on every platform (ephemeral keys fail on Windows).
        var pfx = made.Export(X509ContentType.Pkcs12);
        var usable = X509CertificateLoader.LoadPkcs12(pfx, null);
        var sha = Convert.ToHexString(SHA256.HashData(made.RawData)).ToLowerInvariant();
        return new FixCertificate(usable, made.ExportCertificatePem() + "\n", sha);
    }

    public void Dispose() => Certificate.Dispose();
}
