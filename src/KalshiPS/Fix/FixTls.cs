using System;
using System.IO;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;

namespace KalshiPS.Fix
{
    /// <summary>
    /// The TLS wrapper a FIX session runs over. Kalshi's FIX endpoints are TLS only. The certificate must pass the
    /// platform's normal validation (chain and host name); an optional pin (SHA-256 of the leaf certificate's DER bytes,
    /// hex, colons allowed) narrows that further and never replaces it.
    /// </summary>
    internal static class FixTls
    {
        public static async Task<Stream> ConnectAsync(string host, int port, string pinnedSha256, CancellationToken ct, bool checkRevocation = true)
        {
            if (string.IsNullOrWhiteSpace(host)) throw new ArgumentException("A FIX host name is required.", nameof(host));
            var pin = NormalizePin(pinnedSha256);
            var tcp = new TcpClient { NoDelay = true };
            try
            {
                using (ct.Register(() => tcp.Dispose()))
                    await tcp.ConnectAsync(host, port).ConfigureAwait(false);
                ct.ThrowIfCancellationRequested();
                string refusal = null;
                var ssl = new SslStream(tcp.GetStream(), false, (_, cert, __, errors) => (refusal = Check(cert, errors, pin)) == null);
                try
                {
                    using (ct.Register(() => ssl.Dispose()))
                        await ssl.AuthenticateAsClientAsync(host, null, SslProtocols.None, checkRevocation).ConfigureAwait(false);
                }
                catch (Exception e) when (e is AuthenticationException || e is IOException || e is ObjectDisposedException)
                {
                    ssl.Dispose();
                    ct.ThrowIfCancellationRequested();
                    throw new AuthenticationException($"TLS to {host}:{port} failed: {refusal ?? e.Message}", e);
                }
                return ssl;
            }
            catch
            {
                tcp.Dispose();
                throw;
            }
        }

        /// <summary>Null when the certificate is acceptable, else the reason it is not.</summary>
        public static string Check(X509Certificate certificate, SslPolicyErrors errors, string normalizedPin)
        {
            if (certificate == null) return "the server sent no certificate";
            if (errors != SslPolicyErrors.None) return $"the server certificate is not valid for this host ({errors})";
            if (normalizedPin == null) return null;
            var actual = Sha256Hex(certificate);
            return string.Equals(actual, normalizedPin, StringComparison.Ordinal) ? null
                : $"the server certificate (SHA-256 {actual}) does not match the pinned {normalizedPin}";
        }

        public static string Sha256Hex(X509Certificate certificate)
        {
            using (var sha = SHA256.Create())
                return BitConverter.ToString(sha.ComputeHash(certificate.GetRawCertData())).Replace("-", "").ToLowerInvariant();
        }

        public static string NormalizePin(string pin)
        {
            if (string.IsNullOrWhiteSpace(pin)) return null;
            var hex = pin.Replace(":", "").Replace(" ", "").Trim().ToLowerInvariant();
            if (hex.Length != 64) throw new ArgumentException("A certificate pin is the SHA-256 of the certificate: 64 hex digits (colons allowed).", nameof(pin));
            foreach (var c in hex)
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
                    throw new ArgumentException("A certificate pin is the SHA-256 of the certificate: 64 hex digits (colons allowed).", nameof(pin));
            return hex;
        }
    }
}
