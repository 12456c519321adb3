using System.Threading;

namespace KalshiPS.Http
{
    /// <summary>Where the HTTP pipeline reports what it did. Implementations only queue; the cmdlet writes on its own thread.</summary>
    internal interface IRequestLog
    {
        void Verbose(string line);
        void Warning(string line);
    }

    /// <summary>
    /// The log of the operation in progress. An AsyncLocal so that API methods keep plain signatures while the
    /// cmdlet that started the operation still receives the lines of every request it causes.
    /// </summary>
    internal static class RequestLog
    {
        private static readonly AsyncLocal<IRequestLog> _current = new AsyncLocal<IRequestLog>();
        public static IRequestLog Current { get => _current.Value; set => _current.Value = value; }
    }
}
