using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace KalshiPS.Fix
{
    /// <summary>
    /// Cuts FIX messages out of a byte stream: handles partial reads and several messages per read, checks BodyLength
    /// and CheckSum over the exact bytes, then parses the fields. On a frame error the bad bytes are skipped up to the
    /// next "8=" after an SOH, so one garbled message never poisons the rest of the stream.
    /// </summary>
    internal sealed class FixFrameReader
    {
        public const int DefaultMaxMessageSize = 1 << 20;
        private const int MaxHeaderPrefix = 40; // "8=FIXT.1.1|9=1234567|" and then some

        private readonly int _maxMessageSize;
        private byte[] _buffer = new byte[8192];
        private int _start;
        private int _end;

        public FixFrameReader(int maxMessageSize = DefaultMaxMessageSize) { _maxMessageSize = maxMessageSize; }

        public int Buffered => _end - _start;

        public void Append(byte[] data, int offset, int count)
        {
            if (count <= 0) return;
            if (_end + count > _buffer.Length)
            {
                var live = _end - _start;
                var size = Math.Max(_buffer.Length, live + count);
                if (size > _buffer.Length) size = Math.Max(size, _buffer.Length * 2);
                var next = size == _buffer.Length ? _buffer : new byte[size];
                Buffer.BlockCopy(_buffer, _start, next, 0, live);
                _buffer = next; _start = 0; _end = live;
            }
            Buffer.BlockCopy(data, offset, _buffer, _end, count);
            _end += count;
        }

        /// <summary>
        /// Returns the next whole message, or null when more bytes are needed. Throws <see cref="FixFormatException"/>
        /// for a bad one (its bytes are already consumed, so the caller may keep reading).
        /// </summary>
        public FixMessage TryRead()
        {
            var avail = _end - _start;
            if (avail == 0) return null;
            var b = _buffer;
            var p = _start;
            if (b[p] != (byte)'8' || (avail > 1 && b[p + 1] != (byte)'='))
                throw Skip(FixFormatError.MissingBeginString, "The message does not start with BeginString (8=).");
            if (avail < 2) return null;
            var beginEnd = IndexOfSoh(p + 2, Math.Min(_end, p + MaxHeaderPrefix));
            if (beginEnd < 0)
            {
                if (avail >= MaxHeaderPrefix) throw Skip(FixFormatError.MissingBeginString, "BeginString (8=) is not terminated by SOH.");
                return null;
            }
            var beginString = Ascii(p + 2, beginEnd);
            var q = beginEnd + 1;
            if (_end - q < 2) return null;
            if (b[q] != (byte)'9' || b[q + 1] != (byte)'=')
                throw Skip(FixFormatError.MissingBodyLength, "BodyLength (9=) must be the second field.");
            var lenEnd = IndexOfSoh(q + 2, Math.Min(_end, q + 2 + 8));
            if (lenEnd < 0)
            {
                if (_end - q >= 10) throw Skip(FixFormatError.BadBodyLength, "BodyLength (9=) is not a number of at most 7 digits.");
                return null;
            }
            var lengthText = Ascii(q + 2, lenEnd);
            if (!FixEncoding.IsDigits(lengthText) || lengthText.Length > 7)
                throw Skip(FixFormatError.BadBodyLength, $"BodyLength (9={lengthText}) is not a number.");
            var bodyLength = int.Parse(lengthText, CultureInfo.InvariantCulture);
            if (bodyLength > _maxMessageSize)
                throw Skip(FixFormatError.TooLarge, $"BodyLength {bodyLength} exceeds the limit of {_maxMessageSize} bytes.");
            var bodyStart = lenEnd + 1;
            var bodyEnd = bodyStart + bodyLength;
            var frameEnd = bodyEnd + 7;
            if (_end < frameEnd) return null;
            if (b[bodyEnd - 1] != FixEncoding.Soh || b[bodyEnd] != (byte)'1' || b[bodyEnd + 1] != (byte)'0' || b[bodyEnd + 2] != (byte)'='
                || !IsDigit(b[bodyEnd + 3]) || !IsDigit(b[bodyEnd + 4]) || !IsDigit(b[bodyEnd + 5]) || b[bodyEnd + 6] != FixEncoding.Soh)
                throw Skip(FixFormatError.BadBodyLength, $"BodyLength {bodyLength} does not end where CheckSum (10=) begins.");
            var declared = (b[bodyEnd + 3] - '0') * 100 + (b[bodyEnd + 4] - '0') * 10 + (b[bodyEnd + 5] - '0');
            var actual = FixEncoding.CheckSum(b, p, bodyEnd - p);
            if (declared != actual)
            {
                _start = frameEnd; // the frame is intact, only its contents are wrong: drop exactly it
                throw new FixFormatException(FixFormatError.BadCheckSum, $"CheckSum is {declared:000} but the bytes sum to {actual:000}.");
            }
            _start = frameEnd;
            if (_start == _end) _start = _end = 0;
            return ParseBody(beginString, b, bodyStart, bodyEnd);
        }

        /// <summary>Reads the next message from <paramref name="stream"/>; null at a clean end of stream.</summary>
        public async Task<FixMessage> ReadAsync(Stream stream, CancellationToken ct)
        {
            var chunk = new byte[4096];
            while (true)
            {
                var m = TryRead();
                if (m != null) return m;
                var n = await stream.ReadAsync(chunk, 0, chunk.Length, ct).ConfigureAwait(false);
                if (n == 0)
                {
                    if (Buffered == 0) return null;
                    throw new IOException($"The connection closed in the middle of a FIX message ({Buffered} bytes unread).");
                }
                Append(chunk, 0, n);
            }
        }

        private static FixMessage ParseBody(string beginString, byte[] b, int from, int to)
        {
            var fields = new List<FixField>();
            var seq = FindSeqNum(b, from, to);
            string msgType = null;
            var p = from;
            var pendingDataTag = -1;
            var pendingDataLength = 0;
            while (p < to)
            {
                var eq = p;
                while (eq < to && b[eq] != (byte)'=' && b[eq] != FixEncoding.Soh) eq++;
                if (eq >= to || b[eq] != (byte)'=' || eq == p || eq - p > 9 || b[p] == (byte)'0')
                    throw new FixFormatException(FixFormatError.GarbledField, $"Field at byte {p - from} of the body is not tag=value.", seq, null, msgType);
                var tag = 0;
                for (var i = p; i < eq; i++)
                {
                    if (!IsDigit(b[i]))
                        throw new FixFormatException(FixFormatError.GarbledField, $"Tag '{Ascii(b, p, eq)}' is not a number.", seq, null, msgType);
                    tag = tag * 10 + (b[i] - '0');
                }
                int valueEnd;
                if (tag == pendingDataTag)
                {
                    valueEnd = eq + 1 + pendingDataLength;
                    if (valueEnd > to - 1 || b[valueEnd] != FixEncoding.Soh)
                        throw new FixFormatException(FixFormatError.GarbledField, $"Data field {tag} is not as long as its length field says.", seq, tag, msgType);
                }
                else
                {
                    valueEnd = IndexOfSoh(b, eq + 1, to);
                    if (valueEnd < 0) valueEnd = to; // cannot happen inside a checked frame: body ends with SOH
                }
                pendingDataTag = -1;
                if (valueEnd == eq + 1)
                    throw new FixFormatException(FixFormatError.InvalidValue, $"Tag {tag} has no value.", seq, tag, msgType);
                var value = Ascii(b, eq + 1, valueEnd);
                if (fields.Count == 0)
                {
                    if (tag != FixTags.MsgType)
                        throw new FixFormatException(FixFormatError.MissingMsgType, "MsgType (35=) must be the third field.", seq, FixTags.MsgType);
                    msgType = value;
                }
                else if (FixEncoding.TryGetDataTag(tag, out var dataTag))
                {
                    if (!FixEncoding.IsDigits(value) || value.Length > 7)
                        throw new FixFormatException(FixFormatError.GarbledField, $"Length field {tag} is not a number.", seq, tag, msgType);
                    pendingDataTag = dataTag;
                    pendingDataLength = int.Parse(value, CultureInfo.InvariantCulture);
                }
                fields.Add(new FixField(tag, value));
                p = valueEnd + 1;
            }
            if (fields.Count == 0)
                throw new FixFormatException(FixFormatError.MissingMsgType, "The message has no MsgType (35=).", seq, FixTags.MsgType);
            return new FixMessage(beginString, fields);
        }

        // MsgSeqNum for a Reject's RefSeqNum even when a later field is garbled.
        private static long? FindSeqNum(byte[] b, int from, int to)
        {
            for (var i = from; i + 3 < to; i++)
            {
                if ((i == from || b[i - 1] == FixEncoding.Soh) && b[i] == (byte)'3' && b[i + 1] == (byte)'4' && b[i + 2] == (byte)'=')
                {
                    long v = 0; var j = i + 3; var any = false;
                    while (j < to && IsDigit(b[j]) && j - i < 15) { v = v * 10 + (b[j] - '0'); j++; any = true; }
                    return any && j < to && b[j] == FixEncoding.Soh ? v : (long?)null;
                }
            }
            return null;
        }

        // Drop the bad bytes up to the next plausible message start.
        private FixFormatException Skip(FixFormatError error, string message)
        {
            var next = -1;
            for (var i = _start + 1; i + 1 < _end; i++)
                if (_buffer[i] == (byte)'8' && _buffer[i + 1] == (byte)'=' && (_buffer[i - 1] == FixEncoding.Soh || StartsFix(i + 2))) { next = i; break; }
            if (next < 0) { _start = _end = 0; } else _start = next;
            return new FixFormatException(error, message);
        }

        private bool StartsFix(int i) => i + 2 < _end && _buffer[i] == (byte)'F' && _buffer[i + 1] == (byte)'I' && _buffer[i + 2] == (byte)'X';

        private int IndexOfSoh(int from, int to) => IndexOfSoh(_buffer, from, to);

        private static int IndexOfSoh(byte[] b, int from, int to)
        {
            for (var i = from; i < to; i++) if (b[i] == FixEncoding.Soh) return i;
            return -1;
        }

        private static bool IsDigit(byte c) => c >= (byte)'0' && c <= (byte)'9';
        private string Ascii(int from, int to) => Ascii(_buffer, from, to);

        private static string Ascii(byte[] b, int from, int to)
        {
            var chars = new char[to - from];
            for (var i = 0; i < chars.Length; i++) chars[i] = (char)b[from + i];
            return new string(chars);
        }
    }
}
