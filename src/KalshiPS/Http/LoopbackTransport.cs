using System;
using System.IO;
using System.Net.Http;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace KalshiPS.Http
{
    /// <summary>
    /// The runtime's own HTTP/1.1 client (SocketsHttpHandler: connection pool, request writer, response parser, body
    /// streams) wired to an in-process peer instead of a socket, for rehearsals: a bare HttpClient's first request in a
    /// fresh pwsh costs ~50 ms of compilation in exactly that code, which an in-process HttpMessageHandler never reaches.
    /// The peer answers every request with <see cref="RehearsalHandler.Body"/>. Nothing is sent anywhere: there is no
    /// socket. Null where the runtime has no SocketsHttpHandler with a ConnectCallback (Windows PowerShell, .NET
    /// before 5), which then rehearses through <see cref="RehearsalHandler"/> alone. netstandard2.0 cannot name the
    /// type, hence the reflection (once per process).
    /// </summary>
    internal static class LoopbackTransport
    {
        private static readonly Lazy<Func<HttpMessageHandler>> Factory = new Lazy<Func<HttpMessageHandler>>(CreateFactory);

        /// <summary>A new handler whose connections lead to an in-process peer; null when the runtime cannot do it.</summary>
        public static HttpMessageHandler Create() => Factory.Value?.Invoke();

        private static Func<HttpMessageHandler> CreateFactory()
        {
            try
            {
                var handlerType = Type.GetType("System.Net.Http.SocketsHttpHandler, System.Net.Http", throwOnError: false);
                var connect = handlerType?.GetProperty("ConnectCallback");
                var useProxy = handlerType?.GetProperty("UseProxy"); // a proxy from the environment must not reshape the rehearsal
                if (connect == null || !handlerType.IsSubclassOf(typeof(HttpMessageHandler))) return null;
                var contextType = connect.PropertyType.GetGenericArguments()[0];
                var callback = Delegate.CreateDelegate(connect.PropertyType,
                    typeof(LoopbackTransport).GetMethod(nameof(Connect), BindingFlags.NonPublic | BindingFlags.Static).MakeGenericMethod(contextType));
                return () =>
                {
                    var handler = (HttpMessageHandler)Activator.CreateInstance(handlerType);
                    connect.SetValue(handler, callback);
                    useProxy?.SetValue(handler, false);
                    return handler;
                };
            }
            catch (Exception) { return null; } // best effort: the rehearsal falls back to its in-process handler
        }

        private static ValueTask<Stream> Connect<TContext>(TContext context, CancellationToken ct) => new ValueTask<Stream>(new Peer());

        /// <summary>
        /// One connection's far end: reads each request's head (rehearsals send no bodies), answers it with a canned
        /// 200; reads complete asynchronously, as a socket's do, so the client's awaits take their suspending paths.
        /// </summary>
        private sealed class Peer : Stream
        {
            private readonly object _gate = new object();
            private readonly StringBuilder _request = new StringBuilder();
            private byte[] _answer = new byte[0];
            private int _read;
            private bool _closed;
            private TaskCompletionSource<bool> _arrived = NewSignal();

            private static TaskCompletionSource<bool> NewSignal() => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

            public override bool CanRead => true;
            public override bool CanWrite => true;
            public override bool CanSeek => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count)
            {
                lock (_gate)
                {
                    _request.Append(Encoding.ASCII.GetString(buffer, offset, count));
                    var text = _request.ToString();
                    var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                    if (end < 0) return;
                    _request.Remove(0, end + 4);
                    var target = text.Split(' ')[1]; // "GET /trade-api/v2/markets?limit=1 HTTP/1.1"
                    var body = RehearsalHandler.Body(target.Contains("cursor="));
                    var head = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.Length + "\r\n\r\n");
                    var answer = new byte[_answer.Length - _read + head.Length + body.Length];
                    Buffer.BlockCopy(_answer, _read, answer, 0, _answer.Length - _read);
                    Buffer.BlockCopy(head, 0, answer, _answer.Length - _read, head.Length);
                    Buffer.BlockCopy(body, 0, answer, answer.Length - body.Length, body.Length);
                    _answer = answer;
                    _read = 0;
                    _arrived.TrySetResult(true);
                }
            }

            public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                Write(buffer, offset, count);
                return Task.CompletedTask;
            }

            public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

            public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                while (true)
                {
                    Task arrived;
                    lock (_gate)
                    {
                        if (_read < _answer.Length)
                        {
                            var n = Math.Min(count, _answer.Length - _read); // a zero-byte read only learns that data is there
                            Buffer.BlockCopy(_answer, _read, buffer, offset, n);
                            _read += n;
                            if (_read == _answer.Length) _arrived = NewSignal();
                            return n;
                        }
                        if (_closed) return 0;
                        arrived = _arrived.Task;
                    }
                    await Task.Yield();
                    using (cancellationToken.Register(() => { lock (_gate) _arrived.TrySetCanceled(); }))
                        await arrived.ConfigureAwait(false);
                }
            }

            protected override void Dispose(bool disposing)
            {
                lock (_gate)
                {
                    _closed = true;
                    _arrived.TrySetResult(true);
                }
                base.Dispose(disposing);
            }
        }
    }
}
