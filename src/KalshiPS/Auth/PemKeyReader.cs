using System;
using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace KalshiPS.Auth
{
    /// <summary>
    /// Reads an RSA private key from PEM text (PKCS#1 "RSA PRIVATE KEY" or PKCS#8 "PRIVATE KEY") into RSAParameters.
    /// netstandard2.0 has no PEM importers, so the DER is walked here with System.Formats.Asn1.
    /// </summary>
    internal static class PemKeyReader
    {
        private const string RsaEncryptionOid = "1.2.840.113549.1.1.1";
        private static readonly Regex Block = new Regex(
            @"-----BEGIN (?<label>[A-Z0-9 ]+)-----(?<body>.*?)-----END \k<label>-----", RegexOptions.Singleline);

        public static RSAParameters Read(string pem)
        {
            if (string.IsNullOrWhiteSpace(pem))
                throw new KalshiKeyException("The private key is empty. Pass the PEM file Kalshi gave you with -PrivateKeyPath, or its text with -PrivateKey.");

            var match = Block.Match(pem);
            if (!match.Success)
                throw new KalshiKeyException("The private key is not PEM text: expected a PEM block labelled 'RSA PRIVATE KEY' (PKCS#1) or 'PRIVATE KEY' (PKCS#8), as in the file Kalshi gave you.");

            var label = match.Groups["label"].Value;
            var body = match.Groups["body"].Value;
            if (label == "ENCRYPTED PRIVATE KEY" || body.Contains("Proc-Type: 4,ENCRYPTED"))
                throw new KalshiKeyException("The private key is encrypted with a passphrase. Decrypt it first (openssl rsa -in key.pem -out key-plain.pem) and keep the plain file protected.");
            if (label != "RSA PRIVATE KEY" && label != "PRIVATE KEY")
                throw new KalshiKeyException($"The PEM block is '{label}', not an RSA private key. Kalshi API keys are RSA private keys ('RSA PRIVATE KEY' or 'PRIVATE KEY').");

            byte[] der;
            // "\n" typed as two characters (PEM kept in an environment variable or .env file) is a line break too;
            // a backslash is never base64, so removing the escapes cannot change a valid body.
            try { der = Convert.FromBase64String(Regex.Replace(body, @"\s+|\\[rn]", "")); }
            catch (FormatException e) { throw new KalshiKeyException("The private key's PEM body is not valid base64; the file may be truncated or edited.", e); }

            try
            {
                return label == "RSA PRIVATE KEY" ? ReadPkcs1(der) : ReadPkcs8(der);
            }
            catch (AsnContentException e)
            {
                throw new KalshiKeyException("The private key is malformed (its DER structure could not be read); download or export the key again.", e);
            }
        }

        private static RSAParameters ReadPkcs8(byte[] der)
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            outer.ReadInteger(); // version
            var algorithm = outer.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            if (oid != RsaEncryptionOid)
                throw new KalshiKeyException($"The private key is not an RSA key (algorithm {oid}). Kalshi request signing needs an RSA key.");
            var inner = outer.ReadOctetString();
            return ReadPkcs1(inner);
        }

        private static RSAParameters ReadPkcs1(byte[] der)
        {
            var seq = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            seq.ReadInteger(); // version
            var n = seq.ReadInteger();
            var e = seq.ReadInteger();
            var d = seq.ReadInteger();
            var p = seq.ReadInteger();
            var q = seq.ReadInteger();
            var dp = seq.ReadInteger();
            var dq = seq.ReadInteger();
            var qi = seq.ReadInteger();

            var modulus = Unsigned(n, 0);
            var half = (modulus.Length + 1) / 2;
            return new RSAParameters
            {
                Modulus = modulus,
                Exponent = Unsigned(e, 0),
                D = Unsigned(d, modulus.Length),
                P = Unsigned(p, half),
                Q = Unsigned(q, half),
                DP = Unsigned(dp, half),
                DQ = Unsigned(dq, half),
                InverseQ = Unsigned(qi, half),
            };
        }

        /// <summary>Big-endian unsigned bytes, left-padded to <paramref name="length"/> (RSAParameters needs exact sizes).</summary>
        private static byte[] Unsigned(BigInteger value, int length)
        {
            var little = value.ToByteArray();
            var count = little.Length;
            while (count > 1 && little[count - 1] == 0) count--;
            var size = Math.Max(count, length);
            var result = new byte[size];
            for (var i = 0; i < count; i++) result[size - 1 - i] = little[i];
            return result;
        }
    }
}
