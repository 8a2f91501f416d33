namespace TrustedServer.Core.Configuration;

/// <summary><c>[request_signing]</c>: Ed25519 signatures on bid requests, JWKS discovery and key rotation.</summary>
public sealed record RequestSigningOptions
{
    /// <summary>The key store used when none is configured: a file beside the working directory.</summary>
    public const string DefaultKeyStore = "file:trusted-server-keys.json";

    /// <summary><c>enabled</c>: sign bid requests and serve discovery, verification and the key admin routes.</summary>
    public bool Enabled { get; init; }

    /// <summary><c>key_store</c>: <c>file:///path</c>, <c>file:relative/path</c>, <c>redis://…</c> or <c>memory</c>.</summary>
    public string KeyStore { get; init; } = DefaultKeyStore;

    /// <summary><c>key_prefix</c>: prefix of the Redis keys.</summary>
    public string KeyPrefix { get; init; } = "ts:signing:";

    /// <summary><c>refresh_seconds</c>: how often each instance rereads the store.</summary>
    public TimeSpan Refresh { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>passphrase</c>: encrypts the private keys at rest. Never logged.</summary>
    public string? Passphrase { get; init; }

    /// <summary><c>admin_endpoints</c>: serve <c>/_ts/admin/keys/rotate</c> and <c>/deactivate</c> (behind <c>[[handlers]]</c>).</summary>
    public bool AdminEndpoints { get; init; } = true;
}
