using System.Threading.Channels;
using KalshiPS.Fix;

namespace KalshiPS.Sandbox;

/// <summary>
/// One logged-on FIX connection: who it is (API key, user), which listener, the engine, and an ordered outbound
/// queue. Everything the gateway sends on the session goes through <see cref="Enqueue"/> — answers and unsolicited
/// execution reports alike — so they keep the order the engine committed them in, and the exchange lock is never held
/// while waiting for the network.
/// </summary>
internal sealed class FixGatewaySession
{
    private readonly Channel<FixMessage> _out = Channel.CreateUnbounded<FixMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _placedHere = new(StringComparer.Ordinal);

    public FixGatewaySession(FixSessionKind kind, FixSession session, FixGateway gateway, FixRecentLog log)
    {
        Kind = kind; Session = session; Gateway = gateway; Log = log;
    }

    /// <summary>What the session logged lately (redacted).</summary>
    public FixRecentLog Log { get; }

    public FixSessionKind Kind { get; }
    public FixSession Session { get; }
    public FixGateway Gateway { get; }
    public Exchange Exchange => Gateway.Exchange;
    /// <summary>SenderCompID of the Logon: the API key id.</summary>
    public string KeyId { get; internal set; } = "";
    public string UserId { get; internal set; } = "";
    /// <summary>8013=Y on the Logon: this session's resting orders are canceled when it ends.</summary>
    public bool CancelOrdersOnDisconnect { get; internal set; }

    /// <summary>Queues a message for this session in order; never blocks (callers may hold the exchange lock).</summary>
    public void Enqueue(FixMessage message) => _out.Writer.TryWrite(message);

    /// <summary>Remembers an order placed over this session (for CancelOrdersOnDisconnect).</summary>
    internal void NotePlaced(string orderId) { lock (_placedHere) _placedHere.Add(orderId); }

    internal string[] PlacedHere() { lock (_placedHere) return _placedHere.ToArray(); }

    internal void CompleteOutbound() => _out.Writer.TryComplete();

    /// <summary>Writes the queue to the session until it closes, opening a sequence gap first when the fault asks for one.</summary>
    internal async Task PumpAsync(FaultOptions faults, CancellationToken ct)
    {
        try
        {
            await foreach (var m in _out.Reader.ReadAllAsync(ct))
            {
                var gap = faults.TakeFixSkipSeq();
                if (gap > 0) await OpenGapAsync(gap, ct);
                await Session.SendAsync(m, ct);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or ChannelClosedException) { /* the session ended */ }
    }

    // The engine answers a ResendRequest with one GapFill and never replays application messages, so whatever message
    // first shows the gap is dropped by a retransmitting client. On KalshiRT a throwaway News (35=B) probe shows it and the
    // real messages wait until the client's ResendRequest has arrived (its next number in); on KalshiNR the client
    // skips the gap and keeps the next message, so no probe is needed.
    private async Task OpenGapAsync(int gap, CancellationToken ct)
    {
        for (var i = 0; i < gap; i++)
            await Session.SendAsync(new FixMessage(FixFaultStream.GapFillerMsgType).Add(148, FixFaultStream.GapFillerHeadline), ct);
        if (Kind != FixSessionKind.Retransmit) return;
        var before = Session.SequenceNumbers.NextIncoming;
        await Session.SendAsync(new FixMessage(FixFaultStream.GapFillerMsgType).Add(148, "sandbox sequence gap probe (ignore)"), ct);
        for (var waited = 0; waited < 400 && Session.SequenceNumbers.NextIncoming == before && Session.State == FixSessionState.Active; waited++)
            await Task.Delay(5, ct); // real time: bounded wait for the client's ResendRequest, not a clock
    }
}
