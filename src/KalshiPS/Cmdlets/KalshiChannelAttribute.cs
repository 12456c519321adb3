using System;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Names the Kalshi WebSocket channels (subscribe names, as in tests/fixtures/kalshi-websocket-channels.tsv) this
    /// Watch-* cmdlet streams; the source of the channel section of docs/api-coverage.md.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    internal sealed class KalshiChannelAttribute : Attribute
    {
        public KalshiChannelAttribute(params string[] channels) { Channels = channels; }

        public string[] Channels { get; }
    }
}
