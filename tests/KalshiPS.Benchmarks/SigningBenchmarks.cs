using System;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using KalshiPS.Auth;

namespace KalshiPS.Benchmarks
{
    /// <summary>The per-request cost of authentication: the three KALSHI-ACCESS-* headers for one request (RSA-2048, PSS/SHA-256).</summary>
    [MemoryDiagnoser]
    public class SigningBenchmarks
    {
        private static readonly Uri Request = new Uri("https://api.elections.kalshi.com/trade-api/v2/portfolio/orders?limit=200&status=resting");
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
        private RequestSigner _signer;

        [GlobalSetup]
        public void Setup()
        {
            using (var rsa = RSA.Create(2048))
                _signer = RequestSigner.FromPem("bench-key-id", rsa.ExportPkcs8PrivateKeyPem());
        }

        [GlobalCleanup]
        public void Cleanup() => _signer.Dispose();

        [Benchmark]
        public string SignRequest() => _signer.CreateHeaders("GET", Request, Now).Signature;
    }
}
