using System.Security.Cryptography;
using System.Text;
using KalshiPS.Auth;
using KalshiPS.Fix;
using Microsoft.Extensions.Time.Testing;

namespace KalshiPS.UnitTests;

/// <summary>Two sessions talking to each other: the initiator as the module uses it, the acceptor as the sandbox would.</summary>
public class FixAcceptorSessionTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));

    // The acceptor's check, exactly as documented: RSA-PSS-SHA256 over the SOH-joined pre-hash of the Logon's own fields.
    private static string? VerifyLogon(FixMessage logon)
    {
        var sig = logon.Get(FixTags.RawData);
        if (logon.Get(FixTags.SenderCompID) != Keys.KeyId) return "Unknown API key";
        if (sig == null) return "RawData (96) missing";
        var ok = Keys.Rsa.VerifyData(Encoding.UTF8.GetBytes(FixLogonSignature.PreHash(logon)), Convert.FromBase64String(sig), HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
        return ok ? null : "Invalid signature";
    }

    private (FixSession Client, FixSession Server) Pair(RequestSigner signer, FixPipe pipe)
    {
        var client = new FixSession(pipe.Client, new FixSessionOptions { SenderCompId = Keys.KeyId, TargetCompId = "KalshiNR", ResetSeqNumOnLogon = true, PeerRetransmits = false },
            new FixMemorySequenceStore(), _time, FixLogonSigning.For(signer));
        var server = new FixSession(pipe.Server, new FixSessionOptions { SenderCompId = "KalshiNR" }, new FixMemorySequenceStore(), _time, acceptor: true);
        return (client, server);
    }

    [Fact]
    public async Task A_signed_logon_is_accepted_and_application_messages_flow_both_ways()
    {
        using var signer = RequestSigner.FromPem(Keys.KeyId, Keys.Pkcs1Pem);
        var (client, server) = Pair(signer, new FixPipe());
        using (client)
        using (server)
        {
            var accepted = server.AcceptLogonAsync(VerifyLogon, FixPeer.Soon);
            await client.LogonAsync(FixPeer.Soon);
            await accepted;
            Assert.Equal(Keys.KeyId, server.TargetCompId);

            await client.SendAsync(new FixMessage(FixMsgTypes.NewOrderSingle).Add(11, "cl-1").Add(55, "KXTEST-1").Add(54, "1").Add(38, 5).Add(44, "0.4200"), FixPeer.Soon);
            var order = (await server.ReceiveAsync(FixPeer.Soon))!;
            Assert.Equal("cl-1", order.Get(11));
            Assert.Equal("0.4200", order.Get(44));

            await server.SendAsync(new FixMessage(FixMsgTypes.ExecutionReport).Add(11, "cl-1").Add(150, "0").Add(39, "0"), FixPeer.Soon);
            Assert.Equal("cl-1", (await client.ReceiveAsync(FixPeer.Soon))!.Get(11));

            await client.LogoutAsync("done", FixPeer.Soon);
            Assert.Contains("done", await server.Closed);
            Assert.Equal(FixSessionState.Closed, client.State);
        }
    }

    [Fact]
    public async Task A_logon_signed_with_another_key_is_refused_on_both_sides()
    {
        using var other = RSA.Create(2048);
        using var signer = RequestSigner.FromPem(Keys.KeyId, other.ExportRSAPrivateKeyPem());
        var (client, server) = Pair(signer, new FixPipe());
        using (client)
        using (server)
        {
            var accepted = server.AcceptLogonAsync(VerifyLogon, FixPeer.Soon);
            var e = await Assert.ThrowsAsync<FixLogonException>(() => client.LogonAsync(FixPeer.Soon));
            Assert.Contains("Invalid signature", e.Message);
            Assert.Contains("Invalid signature", (await Assert.ThrowsAsync<FixLogonException>(() => accepted)).Message);
        }
    }

    [Fact]
    public async Task The_acceptor_wants_a_logon_first()
    {
        var pipe = new FixPipe();
        using var server = new FixSession(pipe.Server, new FixSessionOptions { SenderCompId = "KalshiNR" }, new FixMemorySequenceStore(), _time, acceptor: true);
        var accepted = server.AcceptLogonAsync(VerifyLogon, FixPeer.Soon);
        var peer = new FixPeer(pipe.Client, Keys.KeyId, "KalshiNR");
        peer.Send(peer.Stamped(FixMsgTypes.NewOrderSingle).Add(11, "x"));
        await Assert.ThrowsAsync<FixLogonException>(() => accepted);
        Assert.True(await peer.ClosedAsync());
    }
}
