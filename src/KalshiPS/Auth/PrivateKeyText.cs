using System;
using System.IO;
using System.Text;

namespace KalshiPS.Auth
{
    /// <summary>
    /// A private key Kalshi generated, as received: it can only be written to a file. ToString never shows it, so it
    /// cannot leak into output, verbose lines, errors or logs by accident.
    /// </summary>
    internal sealed class PrivateKeyText
    {
        private string _pem;

        public PrivateKeyText(string pem) { _pem = pem; }

        public bool IsEmpty => string.IsNullOrWhiteSpace(_pem);

        /// <summary>Does the text read as an RSA private key that can sign? (Checked after it is safely on disk.)</summary>
        public bool IsUsableRsaKey
        {
            get
            {
                try { PemKeyReader.Read(_pem); return true; }
                catch (KalshiKeyException) { return false; }
            }
        }

        /// <summary>Writes the PEM to the (owner-only) file and flushes it to disk; then forgets it.</summary>
        public void WriteTo(FileStream file)
        {
            var bytes = Encoding.ASCII.GetBytes(_pem ?? "");
            try
            {
                file.Write(bytes, 0, bytes.Length);
                file.Flush(true);
            }
            finally { Array.Clear(bytes, 0, bytes.Length); }
        }

        public void Forget() => _pem = null;

        public override string ToString() => "(private key, not shown)";
    }
}
