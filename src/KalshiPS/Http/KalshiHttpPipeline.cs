using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KalshiPS.Auth;
using KalshiPS.Wire;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using KalshiPS.Models;

namespace KalshiPS.Http
{
    /// <summary>
    /// The one HTTP path for every call: wait for a rate-limit token, sign, send with a per-attempt timeout, retry
    /// transient failures with exponential backoff and jitter (retry-safe calls only), and turn error answers into
    /// KalshiApiException. Each attempt is a fresh, freshly signed request.
    /// </summary>
    internal sealed class KalshiHttpPipeline : IDisposable
    {
        private const string ClientName = "KalshiPS";
        private static readonly ResiliencePropertyKey<KalshiRequest> RequestKey = new ResiliencePropertyKey<KalshiRequest>("kalshi.request");

        private readonly TransportOptions _options;
        private readonly RequestSigner _signer;
        private readonly RateLimiter _limiter;
        private readonly ServiceProvider _services;
        private readonly IHttpClientFactory _clients;
        private readonly ResiliencePipeline<KalshiResponse> _retrying;
        /// <summary>The per-attempt timeout around one HTTP exchange.</summary>
        private readonly ResiliencePipeline<KalshiResponse> _once;
        private readonly Random _random = new Random();

        public KalshiHttpPipeline(TransportOptions options, RequestSigner signer, RateLimiter limiter)
        {
            _options = options;
            _signer = signer;
            _limiter = limiter;

            // IHttpClientFactory owns handler lifetime (periodic rotation picks up DNS changes on long sessions).
            var services = new ServiceCollection();
            var builder = services.AddHttpClient(ClientName, c => c.Timeout = System.Threading.Timeout.InfiniteTimeSpan)
                .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler)
                // Nothing reads the factory's ILogger output (-Verbose comes from RequestLog): its two logging
                // handlers per request only cost time, and JIT time on the first call of a session.
                .RemoveAllLoggers();
            if (options.InnerHandler != null) builder.SetHandlerLifetime(System.Threading.Timeout.InfiniteTimeSpan);
            _services = services.BuildServiceProvider();
            _clients = _services.GetRequiredService<IHttpClientFactory>();

            _once = new ResiliencePipelineBuilder<KalshiResponse> { TimeProvider = options.TimeProvider }
                .AddTimeout(options.Timeout).Build();
            var retrying = new ResiliencePipelineBuilder<KalshiResponse> { TimeProvider = options.TimeProvider };
            if (options.MaxRetries > 0)
            {
                retrying.AddRetry(new RetryStrategyOptions<KalshiResponse>
                {
                    MaxRetryAttempts = options.MaxRetries,
                    ShouldHandle = args => new ValueTask<bool>(IsTransient(args.Outcome, args.Context.CancellationToken)),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(RetryDelayFor(args.AttemptNumber, args.Outcome.Result)),
                    OnRetry = args =>
                    {
                        var req = args.Context.Properties.GetValue(RequestKey, null);
                        RequestLog.Current?.Verbose(string.Format(CultureInfo.InvariantCulture,
                            "{0} failed ({1}); retry {2} of {3} in {4:0.###} s", req?.Describe(_options.BaseUri), Reason(args.Outcome),
                            args.AttemptNumber + 1, _options.MaxRetries, args.RetryDelay.TotalSeconds));
                        return default;
                    },
                });
            }
            // The per-attempt timeout (_once) wraps the HTTP exchange only, inside each attempt: time spent waiting for
            // rate-limit tokens is not "no answer", and must not turn a queued request into a timeout.
            _retrying = retrying.Build();

        }

        /// <summary>
        /// Builds the handler chain and compiles the send path, so the first call of a session does not (the session
        /// runs this on a pool thread when it is made). Best effort: never fails. The readers are left to their first
        /// use or the session's rehearsal: compiling all of them here cost a call that follows at once ~40 ms.
        /// </summary>
        internal void Warm()
        {
            try
            {
                _clients.CreateClient(ClientName);
                // Only on the real clock: tests that drive a fake one must see no timers they did not cause.
                if (_options.TimeProvider == TimeProvider.System) WarmSendPath();
            }
            catch (Exception) { } // best effort on a pool thread (e.g. the session was closed first): never fail the host
        }

        /// <summary>
        /// A twin of this pipeline (same signer, options and code) over an in-process transport:
        /// canned answers made in-process, so a rehearsal sends nothing anywhere and spends none of this session's
        /// rate budget. Null when a test transport or clock drives this pipeline. The caller disposes it.
        /// </summary>
        internal KalshiHttpPipeline RehearsalTwin()
        {
            if (_options.InnerHandler != null || _options.TimeProvider != TimeProvider.System) return null;
            // The runtime's own HTTP client wired to an in-process peer where the runtime allows (LoopbackTransport),
            // else the in-process handler; plain http, as a rehearsal has no TLS peer.
            var loopback = LoopbackTransport.Create();
            var options = new TransportOptions
            {
                BaseUri = new UriBuilder(_options.BaseUri) { Scheme = Uri.UriSchemeHttp, Port = -1 }.Uri,
                Timeout = _options.Timeout, MaxRetries = _options.MaxRetries,
                RetryDelay = _options.RetryDelay, RetryBackoff = _options.RetryBackoff, UserAgent = _options.UserAgent,
                InnerHandler = loopback ?? new RehearsalHandler(),
            };
            return new KalshiHttpPipeline(options, _signer, new RateLimiter(1e9, 1e9, TimeProvider.System)) { _ownedTransport = loopback };
        }

        /// <summary>A rehearsal's transport (an injected handler is otherwise never disposed: see NonDisposingHandler).</summary>
        private HttpMessageHandler _ownedTransport;

        /// <summary>
        /// Runs what every request runs except the network: both resilience pipelines (Polly's generic code over
        /// KalshiResponse compiles here), one signature (the first RSA operation loads the crypto provider) and the
        /// request headers. The signature is thrown away.
        /// </summary>
        private void WarmSendPath()
        {
            var request = new KalshiRequest("GET", "/portfolio/balance") { RetrySafe = true };
            var uri = request.BuildUri(_options.BaseUri);
            var context = ResilienceContextPool.Shared.Get(CancellationToken.None);
            try
            {
                _retrying.ExecuteAsync((ctx, state) => new ValueTask<KalshiResponse>(state._once.ExecuteAsync(
                    (s, c) => new ValueTask<KalshiResponse>(Task.FromResult(new KalshiResponse(200, null, null))), state, ctx.CancellationToken).AsTask()),
                    context, this).AsTask().GetAwaiter().GetResult();
            }
            finally { ResilienceContextPool.Shared.Return(context); }
            using (NewMessage(request, uri)) { }
        }

        public Uri BaseUri => _options.BaseUri;
        public bool CanSign => _signer != null;

        /// <summary>Sends the call and returns the parsed JSON body (null for an empty 2xx body).</summary>
        public async Task<JsonDocument> SendAsync(KalshiRequest request, CancellationToken ct)
        {
            using (var response = await SendForBodyAsync(request, ct).ConfigureAwait(false))
            {
                if (response.IsBlank) return null;
                try { return JsonDocument.Parse(response.Utf8.ToArray()); }
                catch (JsonException e) { throw NotJson(request, response, e); }
            }
        }

        /// <summary>
        /// Sends the call and reads the 2xx body straight from its UTF-8 bytes with <paramref name="read"/> (called on
        /// the first token; see Wire/README.md); default for an empty body.
        /// </summary>
        public Task<T> SendAsync<T>(KalshiRequest request, ReadValue<T> read, CancellationToken ct) => SendAsync(request, read, null, ct);

        /// <summary>
        /// As <see cref="SendAsync{T}(KalshiRequest, ReadValue{T}, CancellationToken)"/>, and shows the whole 2xx body to
        /// <paramref name="arrived"/> first, before it is read (the pager looks for the next cursor there).
        /// </summary>
        public async Task<T> SendAsync<T>(KalshiRequest request, ReadValue<T> read, BodyArrived arrived, CancellationToken ct)
        {
            using (var response = await SendForBodyAsync(request, ct).ConfigureAwait(false))
            {
                if (response.IsBlank) return default;
                arrived?.Invoke(response.Utf8.Span);
                try
                {
                    var reader = new Utf8JsonReader(response.Utf8.Span);
                    reader.Read();
                    return read(ref reader);
                }
                catch (JsonException e) { throw NotJson(request, response, e); }
            }
        }

        private static KalshiApiException NotJson(KalshiRequest request, KalshiResponse response, JsonException e) =>
            new KalshiApiException(KalshiErrorKind.ServerUnavailable, response.Status, request.Method, request.Path,
                new KalshiErrorBody { Message = "the answer was not JSON" }, e);

        /// <summary>The successful answer (its pooled body is the caller's to dispose); error answers throw.</summary>
        private async Task<KalshiResponse> SendForBodyAsync(KalshiRequest request, CancellationToken ct)
        {
            var pipeline = request.RetrySafe ? _retrying : ResiliencePipeline<KalshiResponse>.Empty;
            var context = ResilienceContextPool.Shared.Get(ct);
            context.Properties.Set(RequestKey, request);
            KalshiResponse response;
            try
            {
                response = await pipeline.ExecuteAsync((ctx, state) => new ValueTask<KalshiResponse>(state.AttemptAsync(request, ctx.CancellationToken)), context, this).ConfigureAwait(false);
            }
            catch (TimeoutRejectedException e)
            {
                throw new KalshiTransportException(KalshiErrorKind.Timeout, request.Method, request.Path,
                    $"no answer within {_options.Timeout.TotalSeconds:0.#} s (raise -TimeoutSec if the network is slow)", e, _options.BaseUri.Authority);
            }
            catch (HttpRequestException e)
            {
                throw new KalshiTransportException(KalshiErrorKind.Connection, request.Method, request.Path, "the connection failed: " + e.Message, e, _options.BaseUri.Authority);
            }
            catch (IOException e)
            {
                throw new KalshiTransportException(KalshiErrorKind.Connection, request.Method, request.Path, "the connection failed: " + e.Message, e, _options.BaseUri.Authority);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new KalshiTransportException(KalshiErrorKind.Timeout, request.Method, request.Path, "the request was aborted", null);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }

            var error = response.Error();
            if (error != null)
            {
                response.Dispose();
                throw new KalshiApiException(KalshiApiException.KindFor(response.Status >= 200 && response.Status < 300 ? 410 : response.Status),
                    response.Status, request.Method, request.Path, error);
            }
            return response;
        }

        private async Task<KalshiResponse> AttemptAsync(KalshiRequest request, CancellationToken ct)
        {
            var bucket = _limiter.For(request.Method, request.Path);
            await bucket.WaitAsync(_limiter.CostOf(request), ct).ConfigureAwait(false);

            var uri = request.BuildUri(_options.BaseUri);
            request.CountAttempt();
            try
            {
                var response = await _once.ExecuteAsync((state, c) => new ValueTask<KalshiResponse>(state.SendOnceAsync(request, uri, c)), this, ct).ConfigureAwait(false);
                if (response.Status >= 500) request.MarkUnclear();
                if (response.Status == 429) bucket.Drain(); // the server's bucket is emptier than ours: pace behind it
                return response;
            }
            catch
            {
                // No answer (timeout, reset, cancelled mid-flight): the server may have acted on it.
                request.MarkUnclear();
                throw;
            }
        }

        private async Task<KalshiResponse> SendOnceAsync(KalshiRequest request, Uri uri, CancellationToken ct)
        {
            using (var message = NewMessage(request, uri))
            {
                var started = Stopwatch.StartNew();
                var client = _clients.CreateClient(ClientName);
                // Headers first, then the body straight into a pooled buffer: no intermediate copy, no string.
                using (var answer = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false))
                {
                    var body = await ResponseBody.ReadAsync(answer.Content, ct).ConfigureAwait(false);
                    RequestLog.Current?.Verbose(string.Format(CultureInfo.InvariantCulture, "{0} -> {1} {2} ({3} ms)",
                        request.Describe(_options.BaseUri), (int)answer.StatusCode, answer.ReasonPhrase, started.ElapsedMilliseconds));
                    return new KalshiResponse((int)answer.StatusCode, body, RetryAfter(answer));
                }
            }
        }

        private HttpRequestMessage NewMessage(KalshiRequest request, Uri uri)
        {
            var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
            message.Headers.UserAgent.ParseAdd(_options.UserAgent);
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (request.JsonBody != null)
                message.Content = new StringContent(request.JsonBody, Encoding.UTF8, "application/json");
            if (_signer != null)
            {
                // Signed as late as possible: Kalshi rejects stale timestamps.
                var headers = _signer.CreateHeaders(request.Method, uri, _options.TimeProvider.GetUtcNow());
                message.Headers.TryAddWithoutValidation(RequestSigner.KeyHeader, headers.Key);
                message.Headers.TryAddWithoutValidation(RequestSigner.TimestampHeader, headers.Timestamp);
                message.Headers.TryAddWithoutValidation(RequestSigner.SignatureHeader, headers.Signature);
            }
            return message;
        }

        private static bool IsTransient(Outcome<KalshiResponse> outcome, CancellationToken ct)
        {
            if (outcome.Exception != null)
            {
                if (outcome.Exception is OperationCanceledException && ct.IsCancellationRequested) return false;
                return outcome.Exception is HttpRequestException || outcome.Exception is IOException
                    || outcome.Exception is TimeoutRejectedException || outcome.Exception is OperationCanceledException;
            }
            var status = outcome.Result?.Status ?? 0;
            return status == 429 || status >= 500;
        }

        /// <summary>Retry-After when the server sends one; otherwise RetryDelay × RetryBackoff^attempt, with ±20 % jitter.</summary>
        internal TimeSpan RetryDelayFor(int attempt, KalshiResponse response)
        {
            if (response?.RetryAfter is TimeSpan hinted && hinted > TimeSpan.Zero)
                return hinted < _options.MaxRetryDelay ? hinted : _options.MaxRetryDelay;
            var baseSeconds = _options.RetryDelay.TotalSeconds * Math.Pow(_options.RetryBackoff, attempt);
            double jitter;
            if (_options.Jitter != null) jitter = _options.Jitter();
            else lock (_random) jitter = _random.NextDouble();
            var seconds = Math.Min(baseSeconds * (0.8 + 0.4 * jitter), _options.MaxRetryDelay.TotalSeconds);
            return TimeSpan.FromSeconds(seconds);
        }

        private static string Reason(Outcome<KalshiResponse> outcome) =>
            outcome.Exception != null ? outcome.Exception.GetType().Name : "HTTP " + outcome.Result?.Status;

        private TimeSpan? RetryAfter(HttpResponseMessage answer)
        {
            var header = answer.Headers.RetryAfter;
            if (header == null) return null;
            if (header.Delta.HasValue) return header.Delta;
            if (header.Date.HasValue) return header.Date.Value - _options.TimeProvider.GetUtcNow();
            return null;
        }

        private HttpMessageHandler CreatePrimaryHandler()
        {
            if (_options.InnerHandler != null) return new NonDisposingHandler(_options.InnerHandler);
            var handler = new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate };
            if (_options.Proxy != null) { handler.Proxy = _options.Proxy; handler.UseProxy = true; }
            return handler;
        }

        public void Dispose()
        {
            _services.Dispose();
            _ownedTransport?.Dispose();
        }

        /// <summary>Keeps an injected test handler alive across factory handler rotation.</summary>
        private sealed class NonDisposingHandler : DelegatingHandler
        {
            public NonDisposingHandler(HttpMessageHandler inner) : base(inner) { }
            protected override void Dispose(bool disposing) { }
        }
    }

    /// <summary>A 2xx body as it arrived, before it is read.</summary>
    internal delegate void BodyArrived(ReadOnlySpan<byte> utf8);

    /// <summary>
    /// A status and body read completely inside one attempt, so the timeout covers the whole exchange. The body is
    /// UTF-8 in a pooled buffer, returned on Dispose (an answer dropped by a retry is simply collected).
    /// </summary>
    internal sealed class KalshiResponse : IDisposable
    {
        private ResponseBody _body;
        public KalshiResponse(int status, ResponseBody body, TimeSpan? retryAfter) { Status = status; _body = body; RetryAfter = retryAfter; }
        public int Status { get; }
        public TimeSpan? RetryAfter { get; }
        public ReadOnlyMemory<byte> Utf8 => _body?.Memory ?? ReadOnlyMemory<byte>.Empty;

        /// <summary>True when the body is empty or whitespace.</summary>
        public bool IsBlank
        {
            get
            {
                foreach (var b in Utf8.Span) if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r' && b != (byte)'\n') return false;
                return true;
            }
        }

        /// <summary>The body as text (error answers only: they are small and parsed by KalshiErrorBody).</summary>
        public string Text => Encoding.UTF8.GetString(Utf8.ToArray());

        private static readonly byte[] V1Retired = Encoding.UTF8.GetBytes("deprecated_v1_order_endpoint");

        /// <summary>The error in this answer, if any. A 2xx whose body is a V1-retirement error still counts (seen in the wild).</summary>
        public KalshiErrorBody Error()
        {
            if (Status >= 200 && Status < 300)
            {
                if (Utf8.Span.IndexOf(V1Retired) < 0) return null;
                return KalshiErrorBody.Parse(Text);
            }
            return KalshiErrorBody.Parse(Text) ?? new KalshiErrorBody { Message = ((HttpStatusCode)Status).ToString() };
        }

        public void Dispose() { var body = _body; _body = null; body?.Dispose(); }
    }

    /// <summary>A response body read into one rented buffer (sized from Content-Length when the server sends it).</summary>
    internal sealed class ResponseBody : IDisposable
    {
        private byte[] _buffer;
        private int _length;
        private ResponseBody(byte[] buffer) { _buffer = buffer; }

        public ReadOnlyMemory<byte> Memory => new ReadOnlyMemory<byte>(_buffer, 0, _length);

        public static async Task<ResponseBody> ReadAsync(HttpContent content, CancellationToken ct)
        {
            if (content == null) return null;
            var expected = content.Headers.ContentLength;
            var body = new ResponseBody(System.Buffers.ArrayPool<byte>.Shared.Rent(expected > 0 && expected < int.MaxValue ? (int)expected.Value + 1 : 16384));
            try
            {
                using (var stream = await content.ReadAsStreamAsync().ConfigureAwait(false))
                {
                    int read;
                    while ((read = await stream.ReadAsync(body._buffer, body._length, body._buffer.Length - body._length, ct).ConfigureAwait(false)) > 0)
                    {
                        body._length += read;
                        if (body._length == body._buffer.Length) body.Grow();
                    }
                }
                return body;
            }
            catch
            {
                body.Dispose();
                throw;
            }
        }

        private void Grow()
        {
            var bigger = System.Buffers.ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _length);
            System.Buffers.ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        public void Dispose()
        {
            var buffer = _buffer;
            _buffer = null;
            _length = 0;
            if (buffer != null) System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
