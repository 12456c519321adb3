using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace KalshiPS.Fix
{
    /// <summary>
    /// A FIX message as an ordered list of fields after the BeginString/BodyLength header and before the CheckSum
    /// (the encoder owns 8, 9 and 10). Order is kept exactly, so a repeating group is simply its count field followed
    /// by its entries in order; <see cref="Groups"/> reads them back. ToString shows '|' for SOH and redacts secrets.
    /// </summary>
    internal sealed class FixMessage
    {
        private readonly List<FixField> _fields = new List<FixField>();

        public FixMessage(string msgType, string beginString = FixVersions.FixT11)
        {
            if (string.IsNullOrEmpty(msgType)) throw new ArgumentException("A FIX message needs a MsgType (35).", nameof(msgType));
            BeginString = beginString;
            _fields.Add(new FixField(FixTags.MsgType, msgType));
        }

        // Decoder use: fields exactly as read (35 already first).
        internal FixMessage(string beginString, List<FixField> fields)
        {
            BeginString = beginString;
            _fields = fields;
        }

        public string BeginString { get; }
        public string MsgType => _fields[0].Value;
        public IReadOnlyList<FixField> Fields => _fields;

        public FixMessage Add(int tag, string value)
        {
            if (tag <= 0) throw new ArgumentOutOfRangeException(nameof(tag), "FIX tags are positive integers.");
            if (tag == FixTags.BeginString || tag == FixTags.BodyLength || tag == FixTags.CheckSum || tag == FixTags.MsgType)
                throw new ArgumentException($"Tag {tag} is written by the encoder, not added by hand.", nameof(tag));
            _fields.Add(new FixField(tag, value ?? throw new ArgumentNullException(nameof(value))));
            return this;
        }

        public FixMessage Add(int tag, int value) => Add(tag, value.ToString(CultureInfo.InvariantCulture));
        public FixMessage Add(int tag, long value) => Add(tag, value.ToString(CultureInfo.InvariantCulture));
        public FixMessage Add(int tag, bool value) => Add(tag, value ? "Y" : "N");

        /// <summary>Replaces the first occurrence of a tag (or appends it).</summary>
        public FixMessage Set(int tag, string value)
        {
            for (var i = 0; i < _fields.Count; i++)
                if (_fields[i].Tag == tag) { _fields[i] = new FixField(tag, value); return this; }
            return Add(tag, value);
        }

        public FixMessage Remove(int tag)
        {
            _fields.RemoveAll(f => f.Tag == tag && tag != FixTags.MsgType);
            return this;
        }

        public bool Has(int tag) => TryGet(tag, out _);

        public bool TryGet(int tag, out string value)
        {
            foreach (var f in _fields)
                if (f.Tag == tag) { value = f.Value; return true; }
            value = null;
            return false;
        }

        public string Get(int tag) => TryGet(tag, out var v) ? v : null;

        public bool TryGetInt(int tag, out long value)
        {
            value = 0;
            return TryGet(tag, out var s) && FixEncoding.IsDigits(s) && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        public bool GetFlag(int tag) => Get(tag) == "Y";

        /// <summary>
        /// Entries of a repeating group: <paramref name="countTag"/> says how many, each entry starts with
        /// <paramref name="delimiterTag"/> and runs until the next delimiter or a tag outside <paramref name="memberTags"/>.
        /// </summary>
        public IReadOnlyList<IReadOnlyList<FixField>> Groups(int countTag, int delimiterTag, params int[] memberTags)
        {
            var result = new List<IReadOnlyList<FixField>>();
            var start = _fields.FindIndex(f => f.Tag == countTag);
            if (start < 0) return result;
            var members = new HashSet<int>(memberTags) { delimiterTag };
            List<FixField> current = null;
            for (var i = start + 1; i < _fields.Count; i++)
            {
                var f = _fields[i];
                if (f.Tag == delimiterTag) { current = new List<FixField>(); result.Add(current); }
                else if (current == null || !members.Contains(f.Tag)) break;
                current.Add(f);
            }
            return result;
        }

        internal static bool IsSecretTag(int tag) => tag == FixTags.RawData || tag == FixTags.Password;

        public override string ToString()
        {
            var sb = new StringBuilder();
            sb.Append("8=").Append(BeginString).Append('|');
            foreach (var f in _fields) sb.Append(f.ToString()).Append('|');
            return sb.ToString();
        }
    }
}
