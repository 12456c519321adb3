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
    /// hex, colons allowed) narrows that further and never replaces it. An extra anchor (a certificate the user trusts
    /// for this one connection, e.g. the sandbox's self-signed one) lets a chain end at that certificate instead of a
    /// system root; host-name checks and the pin still apply, and nothing else is relaxed.
    /// </summary>
    internal static class FixTls
    {
        public static async Task<Stream> ConnectAsync(string host, int port, string pinnedSha256, CancellationToken ct, bool checkRevocation = true, X509Certificate2 extraAnchor = null)
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
                var ssl = new SslStream(tcp.GetStream(), false, (_, cert, __, errors) => (refusal = Check(cert, errors, pin, extraAnchor)) == null);
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

        /// <summary>
        /// As <see cref="Check(X509Certificate, SslPolicyErrors, string)"/>, but a chain the system does not trust passes when it
        /// ends at <paramref name="extraAnchor"/> (and only chain trust is at fault: a host-name mismatch still fails).
        /// </summary>
        public static string Check(X509Certificate certificate, SslPolicyErrors errors, string normalizedPin, X509Certificate2 extraAnchor)
        {
            if (certificate != null && extraAnchor != null && errors == SslPolicyErrors.RemoteCertificateChainErrors)
            {
                var why = ChainsTo(certificate, extraAnchor);
                if (why != null) return why;
                errors = SslPolicyErrors.None;
            }
            return Check(certificate, errors, normalizedPin);
        }

        /// <summary>Null when <paramref name="certificate"/> chains to <paramref name="anchor"/> with no fault but the anchor being unknown to the system.</summary>
        private static string ChainsTo(X509Certificate certificate, X509Certificate2 anchor)
        {
            using (var leaf = new X509Certificate2(certificate))
            using (var chain = new X509Chain())
            {
                chain.ChainPolicy.ExtraStore.Add(anchor);
                chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // a private anchor publishes no revocation
                chain.Build(leaf);
                var elements = chain.ChainElements;
                if (elements.Count == 0) return "the server certificate does not chain to the trusted certificate file";
                var root = elements[elements.Count - 1].Certificate;
                if (!RawEquals(root.RawData, anchor.RawData))
                    return "the server certificate does not chain to the trusted certificate file (-CertificatePath)";
                foreach (X509ChainElement e in elements)
                    foreach (var status in e.ChainElementStatus)
                        if (status.Status != X509ChainStatusFlags.NoError && status.Status != X509ChainStatusFlags.UntrustedRoot)
                            return $"the server certificate chain is not valid ({status.Status}: {status.StatusInformation?.Trim()})";
                return null;
            }
        }

        private static bool RawEquals(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) return false;
            return true;
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
