using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace KalshiPS.Auth
{
    /// <summary>
    /// Signs Kalshi requests: RSA-PSS, SHA-256, MGF1-SHA256, 32-byte salt over timestamp_ms + METHOD + path,
    /// where path is the URL's own path from the host root with the query removed. The body is never signed.
    /// Holds the only copy of the key; ToString never shows it.
    /// </summary>
    internal sealed class RequestSigner : IDisposable
    {
        public const string KeyHeader = "KALSHI-ACCESS-KEY";
        public const string TimestampHeader = "KALSHI-ACCESS-TIMESTAMP";
        public const string SignatureHeader = "KALSHI-ACCESS-SIGNATURE";

        private readonly RSA _rsa;
        private readonly object _gate = new object();

        private RequestSigner(RSA rsa, string apiKeyId)
        {
            _rsa = rsa;
            ApiKeyId = apiKeyId;
        }

        public string ApiKeyId { get; }
        public int KeySize => _rsa.KeySize;

        public static RequestSigner FromPem(string apiKeyId, string pem)
        {
            if (string.IsNullOrWhiteSpace(apiKeyId))
                throw new KalshiKeyException("An API key id is required with a private key: pass -ApiKeyId or set KALSHI_API_KEY_ID.");
            foreach (var c in apiKeyId)
                if (c <= ' ' || c > '~') // last guard: the id goes into a header verbatim
                    throw new KalshiKeyException($"The API key id contains the character \\u{(int)c:X4}, which cannot be sent in a header; give the id exactly as Kalshi shows it.");
            var parameters = PemKeyReader.Read(pem);
            var rsa = CreateRsa();
            try { rsa.ImportParameters(parameters); }
            catch (CryptographicException e)
            {
                rsa.Dispose();
                throw new KalshiKeyException("The RSA private key is inconsistent and cannot be imported; export it again.", e);
            }
            var signer = new RequestSigner(rsa, apiKeyId);
            signer.SelfTest();
            return signer;
        }

        public static RequestSigner FromFile(string apiKeyId, string path)
        {
            if (!System.IO.File.Exists(path))
                throw new KalshiKeyException($"The private key file '{path}' does not exist. Pass the path of the .key/.pem file you downloaded when you created the API key.");
            return FromPem(apiKeyId, System.IO.File.ReadAllText(path));
        }

        /// <summary>The exact string Kalshi verifies.</summary>
        public static string StringToSign(long timestampMs, string method, Uri requestUri) =>
            timestampMs.ToString(System.Globalization.CultureInfo.InvariantCulture) + method.ToUpperInvariant() + requestUri.AbsolutePath;

        public string Sign(string message)
        {
            var bytes = Encoding.UTF8.GetBytes(message);
            byte[] signature;
            lock (_gate) signature = _rsa.SignData(bytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
            return Convert.ToBase64String(signature);
        }

        /// <summary>The three authentication headers for one request (or the WebSocket handshake).</summary>
        public SignedHeaders CreateHeaders(string method, Uri requestUri, DateTimeOffset now)
        {
            var ts = now.ToUnixTimeMilliseconds();
            return new SignedHeaders(ApiKeyId, ts.ToString(System.Globalization.CultureInfo.InvariantCulture), Sign(StringToSign(ts, method, requestUri)));
        }

        public override string ToString() => $"RSA-PSS request signer ({KeySize}-bit key, key id {ApiKeyId})";

        public void Dispose() => _rsa.Dispose();

        // A signature that the key's own public half cannot verify means the platform cannot do PSS (e.g. CSP on .NET Framework).
        private void SelfTest()
        {
            var probe = Encoding.UTF8.GetBytes("KalshiPS self-test");
            byte[] sig;
            lock (_gate) sig = _rsa.SignData(probe, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
            if (!_rsa.VerifyData(probe, sig, HashAlgorithmName.SHA256, RSASignaturePadding.Pss))
                throw new KalshiKeyException("This platform produced an RSA-PSS signature that does not verify; Kalshi authentication cannot work here.");
        }

        private static bool IsNetFramework =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        // On .NET Framework RSA.Create() is RSACryptoServiceProvider, which has no PSS; RSACng does.
        private static RSA CreateRsa() => IsNetFramework ? CreateCng() : RSA.Create();

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static RSA CreateCng() => new RSACng();
    }

    /// <summary>Authentication header values. The signature is short-lived; ToString redacts it anyway.</summary>
    internal readonly struct SignedHeaders
    {
        public SignedHeaders(string key, string timestamp, string signature) { Key = key; Timestamp = timestamp; Signature = signature; }
        public string Key { get; }
        public string Timestamp { get; }
        public string Signature { get; }
        public override string ToString() => $"key={Key} ts={Timestamp} signature=<redacted>";
    }
}
