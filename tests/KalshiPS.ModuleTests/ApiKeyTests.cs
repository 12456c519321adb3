using System.Management.Automation;
using System.Security.Cryptography;
using KalshiPS.Sandbox;
using Xunit;
using Xunit.Abstractions;

namespace KalshiPS.ModuleTests;

/// <summary>API keys through the module: a generated key's private half goes to an owner-only file and nowhere else, and authenticates.</summary>
public sealed class ApiKeyTests : ConnectedSandboxTest, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kalships-apikey-").FullName;

    public ApiKeyTests(ITestOutputHelper log) : base(log) { }

    private PsResult Connect(PowerShellHost host, string keyId, string path) =>
        host.Run($"Connect-Kalshi -ApiKeyId '{keyId}' -PrivateKeyPath '{path}' -BaseUri '{_s.RestUri}' -SkipValidation");

    [Fact]
    public void Generate_writes_the_private_key_to_an_owner_only_file_only_and_the_key_authenticates()
    {
        var path = Path.Combine(_dir, "generated.pem");
        // Every stream merged into the output, then rendered every way a user could see or save it.
        var r = _host.Run($"$p = '{path}'; New-KalshiApiKey -Name trading-bot -Generate -PrivateKeyPath $p -Scope Read, Write -Verbose -Debug *>&1 | Tee-Object -Variable all | Out-Null; " +
            "$all; $all | Out-String; $all | ConvertTo-Json -Depth 4; $all | Format-List * | Out-String; $Error | Out-String; " +
            "$all | Export-Csv (Join-Path (Split-Path $p) out.csv); Get-Content (Join-Path (Split-Path $p) out.csv)");
        Ps.Assert(r);
        var created = r.Output.First(o => o.BaseObject.GetType().Name == "KalshiNewApiKey");
        var keyId = created.S("ApiKeyId")!;
        Assert.Equal(path, created.S("PrivateKeyPath"));
        Assert.Equal("Generated", created.S("Kind"));

        var pem = File.ReadAllText(path);
        Assert.Contains("PRIVATE KEY", pem);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var secretLines = pem.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 20 && !l.StartsWith("-----")).ToList();
        Assert.NotEmpty(secretLines);
        var everything = string.Join("\n", r.Output.Select(o => o?.ToString() ?? "")) + string.Join("\n", r.Verbose) + string.Join("\n", r.Warnings);
        foreach (var line in secretLines) Assert.DoesNotContain(line, everything);
        Assert.DoesNotContain("PRIVATE KEY", everything);

        // The new key signs a new session; the sandbox knows it under the name given.
        using var other = new PowerShellHost();
        Ps.Assert(Connect(other, keyId, path));
        Assert.True(other.Run("(Get-KalshiBalance).Balance").One() != null);
        var listed = _host.Run("Get-KalshiApiKey").Output.Single(k => k.S("ApiKeyId") == keyId);
        Assert.Equal("trading-bot", listed.S("Name"));
        Assert.Equal(new[] { "Read", "Write" }, ((IEnumerable<string>)listed.Properties["Scopes"].Value).ToArray());

        // Removed: the session signed with it is refused.
        Ps.Assert(_host.Run($"Remove-KalshiApiKey -ApiKeyId {keyId} -Confirm:$false"));
        Assert.Equal(1, _s.RequestCount("DELETE", "/api_keys/" + keyId));
        var refused = other.Run("Get-KalshiBalance");
        Assert.Contains("Authentication", Assert.Single(refused.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void A_registered_public_key_authenticates_its_private_half()
    {
        using var rsa = RSA.Create(2048);
        var pub = Path.Combine(_dir, "mine.pub.pem");
        var priv = Path.Combine(_dir, "mine.pem");
        File.WriteAllText(pub, rsa.ExportSubjectPublicKeyInfoPem());
        File.WriteAllText(priv, rsa.ExportPkcs8PrivateKeyPem());
        var created = _host.Run($"New-KalshiApiKey -Name laptop -PublicKeyPath '{pub}'").One();
        Assert.Equal("Registered", created.S("Kind"));
        Assert.Null(created.S("PrivateKeyPath"));
        Assert.Equal(1, _s.RequestCount("POST", "/api_keys"));
        using var other = new PowerShellHost();
        Ps.Assert(Connect(other, created.S("ApiKeyId")!, priv));
        Ps.Assert(other.Run("Get-KalshiBalance"));
    }

    [Fact]
    public void A_private_key_given_as_public_key_an_existing_file_and_WhatIf_send_nothing()
    {
        using var rsa = RSA.Create(2048);
        var priv = Path.Combine(_dir, "oops.pem");
        File.WriteAllText(priv, rsa.ExportPkcs8PrivateKeyPem());
        var wrong = _host.Run($"New-KalshiApiKey -Name oops -PublicKeyPath '{priv}'");
        Assert.Contains("must never be sent", Assert.Single(wrong.Errors).ToString());
        var exists = _host.Run($"New-KalshiApiKey -Name again -Generate -PrivateKeyPath '{priv}'");
        Assert.Contains("already exists", Assert.Single(exists.Errors).ToString());
        var whatIf = Path.Combine(_dir, "whatif.pem");
        Ps.Assert(_host.Run($"New-KalshiApiKey -Name w -Generate -PrivateKeyPath '{whatIf}' -WhatIf"));
        Assert.False(File.Exists(whatIf));
        Assert.Equal(0, _s.RequestCount("POST", "/api_keys"));
        Assert.Equal(0, _s.RequestCount("DELETE", "/api_keys"));
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
