using System;
using System.Text.Json;
using KalshiPS.Wire;

namespace KalshiPS.Streaming
{
    /// <summary>One JSON frame from the Kalshi WebSocket: envelope fields plus the msg object.</summary>
    internal sealed class StreamMessage
    {
        public string Type { get; set; }
        /// <summary>Command id echoed on replies (0 or null on data messages).</summary>
        public long? Id { get; set; }
        public int? Sid { get; set; }
        public long? Seq { get; set; }
        /// <summary>The msg object (or array, for list_subscriptions); default when absent.</summary>
        public JsonElement Msg { get; set; }
        public DateTime ReceivedAt { get; set; }

        /// <summary>The error code of an error reply, else null.</summary>
        public int? ErrorCode => Type == "error" ? (int?)Msg.Long("code") : null;
        public string ErrorText => Type == "error" ? Msg.Str("msg") : null;
        /// <summary>The market an error reply names (a refused ticker of a subscribe), else null.</summary>
        public string ErrorTicker => Type == "error" && Msg.ValueKind == JsonValueKind.Object ? Msg.Str("market_ticker") : null;

        public static StreamMessage Parse(byte[] utf8, int count, DateTime receivedAt)
        {
            using (var doc = JsonDocument.Parse(new ReadOnlyMemory<byte>(utf8, 0, count)))
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return null;
                var m = new StreamMessage
                {
                    Type = root.Str("type"),
                    Id = root.Long("id"),
                    Sid = (int?)root.Long("sid"),
                    Seq = root.Long("seq"),
                    ReceivedAt = receivedAt,
                };
                if (root.TryField("msg", out var msg)) m.Msg = msg.Clone();
                // Error replies and acks may carry sid/seq inside msg.
                if (m.Sid == null && m.Msg.ValueKind == JsonValueKind.Object) m.Sid = (int?)m.Msg.Long("sid");
                return m;
            }
        }

        public override string ToString() => $"{Type} id={Id} sid={Sid} seq={Seq}";
    }

    /// <summary>Something the engine wants the user to see (written as a warning or verbose line on the pipeline thread).</summary>
    internal class StreamNotice
    {
        public StreamNotice(bool warning, string text) { IsWarning = warning; Text = text; }
        public bool IsWarning { get; }
        public string Text { get; }
        public override string ToString() => Text;
    }

    /// <summary>The server refused one market of a subscription (e.g. an unknown ticker); the cmdlet writes an error for it.</summary>
    internal sealed class StreamRefusal : StreamNotice
    {
        public StreamRefusal(string ticker, string text, bool nothingLeft) : base(false, text) { Ticker = ticker; NothingLeft = nothingLeft; }
        public string Ticker { get; }
        /// <summary>Every market of the subscription was refused: there is nothing left to watch.</summary>
        public bool NothingLeft { get; }
    }

    /// <summary>A failure the stream cannot heal (bad credentials, a rejected subscription): ends the command.</summary>
    public sealed class KalshiStreamException : Exception
    {
        public KalshiStreamException(string message, int? code = null, Exception inner = null) : base(message, inner) { Code = code; }
        /// <summary>Kalshi's WebSocket error code, when the server sent one.</summary>
        public int? Code { get; }
    }
}
