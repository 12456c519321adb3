using System;

namespace KalshiPS.Auth
{
    /// <summary>A private key that cannot be used. Messages say what is wrong and what to do, never the key itself.</summary>
    public sealed class KalshiKeyException : Exception
    {
        public KalshiKeyException(string message) : base(message) { }
        public KalshiKeyException(string message, Exception inner) : base(message, inner) { }
    }
}
