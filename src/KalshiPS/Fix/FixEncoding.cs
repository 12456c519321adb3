using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace KalshiPS.Fix
{
    /// <summary>Encodes a <see cref="FixMessage"/> to the exact bytes sent, computing BodyLength (9) and CheckSum (10).</summary>
    internal static class FixEncoding
    {
        public const byte Soh = 0x01;

        // Data fields carry a byte length in the preceding tag and may contain SOH. Length tag -> data tag.
        private static readonly Dictionary<int, int> DataFieldByLength = new Dictionary<int, int>
        {
            { 90, 91 }, { 93, 89 }, { FixTags.RawDataLength, FixTags.RawData }, { 212, 213 },
        };
        private static readonly Dictionary<int, int> LengthByDataField = new Dictionary<int, int>
        {
            { 91, 90 }, { 89, 93 }, { FixTags.RawData, FixTags.RawDataLength }, { 213, 212 },
        };

        internal static bool TryGetDataTag(int lengthTag, out int dataTag) => DataFieldByLength.TryGetValue(lengthTag, out dataTag);

        public static byte[] Encode(FixMessage message)
        {
            if (message == null) throw new ArgumentNullException(nameof(message));
            var body = new List<byte>(256);
            foreach (var f in message.Fields)
            {
                if (DataFieldByLength.ContainsKey(f.Tag)) continue; // recomputed next to its data field
                var isData = LengthByDataField.TryGetValue(f.Tag, out var lengthTag);
                CheckValue(f, isData);
                if (isData) AppendField(body, lengthTag, f.Value.Length.ToString(CultureInfo.InvariantCulture));
                AppendField(body, f.Tag, f.Value);
            }
            var head = new List<byte>(32);
            CheckValue(new FixField(FixTags.BeginString, message.BeginString ?? ""), false);
            AppendField(head, FixTags.BeginString, message.BeginString);
            AppendField(head, FixTags.BodyLength, body.Count.ToString(CultureInfo.InvariantCulture));
            var bytes = new byte[head.Count + body.Count + 7];
            head.CopyTo(bytes, 0);
            body.CopyTo(bytes, head.Count);
            var end = head.Count + body.Count;
            var sum = CheckSum(bytes, 0, end);
            bytes[end] = (byte)'1'; bytes[end + 1] = (byte)'0'; bytes[end + 2] = (byte)'=';
            bytes[end + 3] = (byte)('0' + sum / 100); bytes[end + 4] = (byte)('0' + sum / 10 % 10); bytes[end + 5] = (byte)('0' + sum % 10);
            bytes[end + 6] = Soh;
            return bytes;
        }

        /// <summary>Sum of the bytes mod 256, as FIX defines CheckSum.</summary>
        public static int CheckSum(byte[] bytes, int offset, int count)
        {
            var sum = 0;
            for (var i = offset; i < offset + count; i++) sum += bytes[i];
            return sum & 0xFF;
        }

        internal static bool IsDigits(string s)
        {
            if (string.IsNullOrEmpty(s)) return false;
            foreach (var c in s) if (c < '0' || c > '9') return false;
            return true;
        }

        // A value is exactly one field on the wire: printable ASCII, no SOH (data fields may hold any ASCII byte).
        private static void CheckValue(FixField f, bool isData)
        {
            if (f.Value.Length == 0)
                throw new FixFormatException(FixFormatError.InvalidValue, $"Tag {f.Tag} has an empty value; FIX has no empty fields, leave the tag out instead.", refTag: f.Tag);
            foreach (var c in f.Value)
            {
                if (c > 0x7E || (!isData && c < 0x20))
                    throw new FixFormatException(FixFormatError.InvalidValue,
                        $"Tag {f.Tag} contains the character \\u{(int)c:X4}, which cannot be sent in a FIX field; use printable ASCII.", refTag: f.Tag);
            }
        }

        private static void AppendField(List<byte> to, int tag, string value)
        {
            foreach (var c in tag.ToString(CultureInfo.InvariantCulture)) to.Add((byte)c);
            to.Add((byte)'=');
            foreach (var c in value) to.Add((byte)c);
            to.Add(Soh);
        }
    }
}
