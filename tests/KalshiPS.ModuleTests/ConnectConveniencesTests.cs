using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>Connect-Kalshi -Credential, -VaultName/-SecretName (SecretManagement when present) and -Proxy.</summary>
public class ConnectConveniencesTests
{
    private static readonly string Pem = CreatePem();

    private static string CreatePem() { using var rsa = RSA.Create(2048); return rsa.ExportRSAPrivateKeyPem(); }

    private const string ToSecure = "$secure = [securestring]::new(); foreach ($c in $pem.ToCharArray()) { $secure.AppendChar($c) }";

    [Fact]
    public void Credential_user_is_the_key_id_and_password_the_PEM()
    {
        using var host = new PowerShellHost();
        var r = host.Run(ToSecure + "; Connect-Kalshi -Credential ([pscredential]::new('cred-key-1', $secure)) -BaseUri http://127.0.0.1:9/trade-api/v2 -SkipValidation -PassThru",
            new Dictionary<string, object?> { ["pem"] = Pem });
        Assert.Empty(r.Errors);
        Assert.Equal("cred-key-1", r.Prop(0, "ApiKeyId"));
        Assert.Equal(true, r.Prop(0, "IsAuthenticated"));
    }

    [Fact]
    public void Vault_without_SecretManagement_says_what_to_install()
    {
        using var host = new PowerShellHost();
        var error = host.Run("Connect-Kalshi -ApiKeyId k -VaultName V -SecretName S -SkipValidation").Errors.Single();
        Assert.Equal("KalshiPrivateKeyInvalid,KalshiPS.Cmdlets.ConnectKalshiCommand", error.FullyQualifiedErrorId);
        Assert.Contains("Microsoft.PowerShell.SecretManagement", error.Exception.Message);
        Assert.Empty(host.Run("Get-KalshiSession").Output);
    }

    [Fact]
    public void Vault_secret_is_read_with_GetSecret_when_present()
    {
        using var host = new PowerShellHost();
        // Stands in for Microsoft.PowerShell.SecretManagement's Get-Secret (which returns a SecureString).
        host.Run("function global:Get-Secret { param($Vault, $Name) if ($Vault -eq 'KalshiVault' -and $Name -eq 'KalshiPem') { " + ToSecure + "; $secure } }",
            new Dictionary<string, object?> { ["pem"] = Pem });
        var r = host.Run("Connect-Kalshi -ApiKeyId vault-key-1 -VaultName KalshiVault -SecretName KalshiPem -BaseUri http://127.0.0.1:9/trade-api/v2 -SkipValidation -PassThru");
        Assert.Empty(r.Errors);
        Assert.Equal("vault-key-1", r.Prop(0, "ApiKeyId"));
        Assert.Equal(true, r.Prop(0, "IsAuthenticated"));
        var missing = host.Run("Connect-Kalshi -ApiKeyId k -VaultName KalshiVault -SecretName Missing -SkipValidation").Errors.Single();
        Assert.Contains("'Missing' was not found in vault 'KalshiVault'", missing.Exception.Message);
    }

    [Fact]
    public void Requests_go_through_the_proxy()
    {
        using var proxy = new RecordingProxy();
        using var host = new PowerShellHost();
        var r = host.Run($"Connect-Kalshi -BaseUri http://kalshi.invalid/trade-api/v2 -Proxy {proxy.Uri} -PassThru; Get-KalshiMarket -First 1");
        Assert.Empty(r.Errors);
        Assert.Equal(proxy.Uri, r.Prop(0, "Proxy")?.ToString());
        Assert.Equal("KXPROXY-1", r.Prop(1, "Ticker"));
        Assert.StartsWith("GET http://kalshi.invalid/trade-api/v2/markets", proxy.RequestLines.First());
    }

    /// <summary>An HTTP proxy that records request lines and answers every request with one page of one market.</summary>
    private sealed class RecordingProxy : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        public readonly List<string> RequestLines = new();

        public RecordingProxy()
        {
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Uri => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";

        private async Task ServeAsync()
        {
            while (true)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(); } catch { return; }
                using (client)
                {
                    var stream = client.GetStream();
                    var reader = new StreamReader(stream, Encoding.ASCII);
                    var first = await reader.ReadLineAsync();
                    lock (RequestLines) RequestLines.Add(first ?? "");
                    while (!string.IsNullOrEmpty(await reader.ReadLineAsync())) { }
                    var body = "{\"markets\":[{\"ticker\":\"KXPROXY-1\",\"event_ticker\":\"KXPROXY\",\"title\":\"Via proxy\"}],\"cursor\":\"\"}";
                    var response = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(response));
                }
            }
        }

        public void Dispose() => _listener.Stop();
    }
}
