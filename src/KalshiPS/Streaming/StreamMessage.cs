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
        public DateTime ReceivedAt { get; set; }

        /// <summary>An orderbook_delta's fields, read straight from the frame (the hot path never builds a JsonElement).</summary>
        public BookDelta? Delta { get; set; }

        /// <summary>The msg object's UTF-8 JSON, kept so Msg is only built for the messages that ask for it.</summary>
        internal byte[] MsgUtf8 { get; set; }

        private JsonElement? _msg;
        /// <summary>The msg object (or array, for list_subscriptions); default when absent.</summary>
        public JsonElement Msg
        {
            get
            {
                if (_msg == null)
                {
                    if (MsgUtf8 == null) _msg = default(JsonElement);
                    else using (var doc = JsonDocument.Parse(MsgUtf8)) _msg = doc.RootElement.Clone();
                }
                return _msg.Value;
            }
            set => _msg = value;
        }

        /// <summary>The error code of an error reply, else null.</summary>
        public int? ErrorCode => Type == "error" ? (int?)Msg.Long("code") : null;
        public string ErrorText => Type == "error" ? Msg.Str("msg") : null;
        /// <summary>The market an error reply names (a refused ticker of a subscribe), else null.</summary>
        public string ErrorTicker => Type == "error" && Msg.ValueKind == JsonValueKind.Object ? Msg.Str("market_ticker") : null;

        public static StreamMessage Parse(byte[] utf8, int count, DateTime receivedAt) =>
            StreamWire.Frame(new ReadOnlySpan<byte>(utf8, 0, count), receivedAt);

        public override string ToString() => $"{Type} id={Id} sid={Sid} seq={Seq}";
    }

    /// <summary>One orderbook_delta: size += Size at Price on Side ("yes"/"no") of Ticker.</summary>
    internal struct BookDelta
    {
        public string Ticker;
        public string Side;
        public decimal? Price;
        public decimal? Size;
        public DateTime? Time;
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
