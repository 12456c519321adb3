namespace KalshiPS.Fix
{
    /// <summary>One tag=value pair, in the order it appears on the wire.</summary>
    internal readonly struct FixField
    {
        public FixField(int tag, string value) { Tag = tag; Value = value; }
        public int Tag { get; }
        public string Value { get; }
        public override string ToString() => FixMessage.IsSecretTag(Tag) ? Tag + "=<redacted>" : Tag + "=" + Value;
    }
}
