using KalshiPS.Fix;

namespace KalshiPS.Sandbox;

/// <summary>
/// KalshiMD placeholder: the session logs on and stays up, but every application message gets a BusinessMessageReject
/// (unsupported) until the market data handler replaces this one (<see cref="FixGateway.SetHandler"/>).
/// </summary>
internal sealed class MarketDataHandler : IFixSessionHandler
{
    public async Task RunAsync(FixGatewaySession s, CancellationToken ct)
    {
        while (await s.Session.ReceiveAsync(ct) is { } m)
            if (m.MsgType != FixMsgTypes.Reject)
                s.Enqueue(FixGatewayReplies.BusinessReject(m, 3, "Market data over FIX is not served by this sandbox yet"));
    }
}
