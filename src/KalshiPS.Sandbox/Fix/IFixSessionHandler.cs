namespace KalshiPS.Sandbox;

/// <summary>
/// Serves one logged-on FIX session of one kind (the gateway picks the handler by listener): reads the client's
/// application messages from <see cref="FixGatewaySession.Session"/> until it closes, answers through
/// <see cref="FixGatewaySession.Enqueue"/>. Returns when the session ends; the gateway then cleans up.
/// </summary>
internal interface IFixSessionHandler
{
    Task RunAsync(FixGatewaySession session, CancellationToken ct);
}
