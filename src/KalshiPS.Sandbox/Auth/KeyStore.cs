using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace KalshiPS.Sandbox;

/// <summary>What GET /api_keys shows of a key.</summary>
public sealed record ApiKeyInfo(string KeyId, string UserId, string Name, string[] Scopes, int? Subaccount, long Order);

/// <summary>Registered API keys: key id → (RSA public key, user id), and each key's name and scopes.</summary>
public sealed class KeyStore
{
    private readonly ConcurrentDictionary<string, (RSA Key, string UserId)> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ApiKeyInfo> _info = new(StringComparer.Ordinal);
    private long _order;

    /// <summary>Registers a public key (PEM); a key that is not one throws (ArgumentException or CryptographicException).</summary>
    public string Register(string publicKeyPem, string userId, string? keyId = null, string name = "sandbox", string[]? scopes = null, int? subaccount = null)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(publicKeyPem);
        keyId ??= Guid.NewGuid().ToString();
        _keys[keyId] = (rsa, userId);
        _info[keyId] = new ApiKeyInfo(keyId, userId, name, scopes is { Length: > 0 } ? scopes : new[] { "read", "write" }, subaccount, Interlocked.Increment(ref _order));
        return keyId;
    }

    /// <summary>The user's keys, oldest first.</summary>
    public IReadOnlyList<ApiKeyInfo> KeysOf(string userId) => _info.Values.Where(k => k.UserId == userId).OrderBy(k => k.Order).ToArray();

    /// <summary>Removes the user's key; false when the user has no such key. Requests signed with it fail from now on.</summary>
    public bool Remove(string keyId, string userId)
    {
        if (!_keys.TryGetValue(keyId, out var e) || e.UserId != userId) return false;
        _info.TryRemove(keyId, out _);
        return _keys.TryRemove(keyId, out _);
    }

    public bool TryGet(string keyId, out RSA key, out string userId)
    {
        if (_keys.TryGetValue(keyId, out var e)) { key = e.Key; userId = e.UserId; return true; }
        key = null!; userId = ""; return false;
    }

    /// <summary>Writes private key text readable by the owner only (0600 on Unix, from creation on: never briefly world-readable).</summary>
    public static async Task WritePrivateKeyAsync(string path, string pem, CancellationToken ct = default)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using (var stream = new FileStream(path, options))
        await using (var writer = new StreamWriter(stream))
            await writer.WriteAsync(pem.AsMemory(), ct);
        // An existing file keeps its mode on FileMode.Create: tighten it too.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>Generates an RSA-2048 key pair; returns the PKCS#1 private PEM and the public PEM.</summary>
    public static (string PrivatePem, string PublicPem) GenerateKeyPair()
    {
        using var rsa = RSA.Create(2048);
        return (rsa.ExportRSAPrivateKeyPem(), rsa.ExportSubjectPublicKeyInfoPem());
    }
}

/// <summary>Why a signed request was refused (maps to a 401 body).</summary>
public sealed record AuthFailure(string Code, string Message, string? Details);

/// <summary>
/// Kalshi request signing: RSA-PSS(SHA-256, MGF1-SHA-256, salt 32) over timestamp_ms + METHOD + path, where path is the
/// full URL path from the host root without the query. The body is not signed.
/// </summary>
public sealed class SignatureVerifier(KeyStore keys, TimeProvider clock, Func<TimeSpan> tolerance)
{
    public const string KeyHeader = "KALSHI-ACCESS-KEY";
    public const string TimestampHeader = "KALSHI-ACCESS-TIMESTAMP";
    public const string SignatureHeader = "KALSHI-ACCESS-SIGNATURE";

    public AuthFailure? Verify(string? keyId, string? timestamp, string? signature, string method, string path, out string userId)
    {
        userId = "";
        if (string.IsNullOrEmpty(keyId) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
            return new AuthFailure("authentication_error", "missing authentication headers", "MISSING_AUTH_HEADERS");
        if (!long.TryParse(timestamp, out long ms))
            return new AuthFailure("authentication_error", "invalid timestamp header", "INVALID_TIMESTAMP");
        long now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (Math.Abs(now - ms) > tolerance().TotalMilliseconds)
            return new AuthFailure("header_timestamp_expired", "request timestamp is outside the accepted window", null);
        return VerifySignature(keyId, timestamp + method.ToUpperInvariant() + path, signature, out userId);
    }

    /// <summary>
    /// The key check every signed entry point shares (REST, WebSocket, the FIX Logon's RawData): the key is known and
    /// <paramref name="signature"/> is base64 RSA-PSS-SHA256 of <paramref name="signedText"/> (UTF-8) by it.
    /// </summary>
    public AuthFailure? VerifySignature(string keyId, string signedText, string signature, out string userId)
    {
        if (!keys.TryGet(keyId, out var rsa, out userId))
            return new AuthFailure("not_found", "api key not found", "NOT_FOUND");
        byte[] sig;
        try { sig = Convert.FromBase64String(signature); }
        catch (FormatException) { return new AuthFailure("authentication_error", "signature is not base64", "INCORRECT_API_KEY_SIGNATURE"); }
        var message = System.Text.Encoding.UTF8.GetBytes(signedText);
        bool ok;
        try { ok = rsa.VerifyData(message, sig, HashAlgorithmName.SHA256, RSASignaturePadding.Pss); }
        catch (CryptographicException) { ok = false; }
        return ok ? null : new AuthFailure("authentication_error", "invalid signature", "INCORRECT_API_KEY_SIGNATURE");
    }
}
