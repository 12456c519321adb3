using System;
using System.IO;
using System.Security.Cryptography.X509Certificates;

namespace KalshiPS.Fix.Client
{
    /// <summary>
    /// Reads the one certificate a user trusts for a FIX connection (-CertificatePath, KALSHI_FIX_CERTIFICATE_PATH): a PEM
    /// file holding a certificate (never a key). Parsed by hand so it reads the same on Windows PowerShell and PowerShell 7.
    /// </summary>
    internal static class FixTrustAnchor
    {
        private const string Begin = "-----BEGIN CERTIFICATE-----";
        private const string End = "-----END CERTIFICATE-----";

        public static X509Certificate2 Load(string path)
        {
            if (string.IsNullOrWhiteSpace(path)) return null;
            string text;
            try { text = File.ReadAllText(path); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                throw new ArgumentException($"The certificate file '{path}' cannot be read: {e.Message}", e);
            }
            var start = text.IndexOf(Begin, StringComparison.Ordinal);
            var end = start < 0 ? -1 : text.IndexOf(End, start, StringComparison.Ordinal);
            if (start < 0 || end < 0)
                throw new ArgumentException($"The certificate file '{path}' holds no PEM certificate (-----BEGIN CERTIFICATE-----); give the server's certificate, e.g. the sandbox's printed certificate path.");
            var body = text.Substring(start + Begin.Length, end - start - Begin.Length);
            byte[] der;
            try { der = Convert.FromBase64String(body.Replace("\r", "").Replace("\n", "").Replace(" ", "").Replace("\t", "")); }
            catch (FormatException) { throw new ArgumentException($"The certificate in '{path}' is not valid base64 PEM."); }
            try { return new X509Certificate2(der); }
            catch (System.Security.Cryptography.CryptographicException e) { throw new ArgumentException($"The certificate in '{path}' cannot be read: {e.Message}", e); }
        }
    }
}
