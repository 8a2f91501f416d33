using NSec.Cryptography;

namespace TrustedServer.Core.RequestSigning;

/// <summary>
/// The keys every request uses, read from the shared <see cref="IKeyStore"/> and cached: <see cref="RefreshAsync"/>
/// runs at startup (a wrong passphrase fails it), every <c>refresh_seconds</c> and after every local write, so a
/// rotation made by another instance is seen within the refresh interval. Reads on the request path never touch the store.
/// </summary>
public sealed class KeyRing : IDisposable
{
    private readonly string _passphrase;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly Lock _gate = new();
    private KeyRingState _state = KeyRingState.Empty;
    private PrivateKeyProtector? _protector;

    /// <summary>Creates a ring over <paramref name="store"/>; nothing is read until <see cref="RefreshAsync"/>.</summary>
    public KeyRing(IKeyStore store, string passphrase)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(passphrase);
        Store = store;
        _passphrase = passphrase;
    }

    /// <summary>The store behind the ring.</summary>
    public IKeyStore Store { get; }

    /// <summary>The keys as last loaded.</summary>
    public KeyRingState Current => Volatile.Read(ref _state);

    /// <summary>Whether a refresh has succeeded at least once.</summary>
    public bool Loaded { get; private set; }

    /// <summary>Reloads the store when its revision changed.</summary>
    /// <exception cref="KeyStoreException">The store is unreadable or the passphrase does not open it; the previous keys stay in use.</exception>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var contents = await Store.ReadAsync(cancellationToken).ConfigureAwait(false);
            var previous = Current;
            if (Loaded && contents.Revision == previous.Keys.Revision)
            {
                return;
            }

            var keys = KeySet.Parse(contents);
            Volatile.Write(ref _state, Load(keys, previous));
            Loaded = true;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>
    /// The protector for <paramref name="keys"/>: the store's own when it has a header (opened once and kept), else a
    /// new one whose header the caller must write with its first key.
    /// </summary>
    /// <exception cref="KeyStoreException">The passphrase does not open the store.</exception>
    public PrivateKeyProtector ProtectorFor(KeySet keys, (long MemoryKib, long Passes)? costOfNewStore = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (_gate)
        {
            if (keys.KdfHeader is not { } header)
            {
                return PrivateKeyProtector.Create(_passphrase, costOfNewStore);
            }

            if (_protector is null || _protector.HeaderJson != header)
            {
                var opened = PrivateKeyProtector.OpenStore(_passphrase, header);
                _protector = opened;
            }

            return _protector;
        }
    }

    private KeyRingState Load(KeySet keys, KeyRingState previous)
    {
        var verification = new Dictionary<string, PublicKey>(StringComparer.Ordinal);
        foreach (var jwk in keys.ActiveJwks())
        {
            if (previous.VerificationKeys.TryGetValue(jwk.Kid, out var known) && previous.Keys.Jwks.GetValueOrDefault(jwk.Kid)?.X == jwk.X)
            {
                verification[jwk.Kid] = known;
            }
            else if (PublicKey.TryImport(SignatureAlgorithm.Ed25519, jwk.PublicKeyBytes(), KeyBlobFormat.RawPublicKey, out var imported))
            {
                verification[jwk.Kid] = imported!;
            }
        }

        // A store holding keys must open with our passphrase even when no key is current, so a typo fails at startup.
        var protector = keys.KdfHeader is null ? null : ProtectorFor(keys);
        if (keys.CurrentKid is not { } kid)
        {
            return new KeyRingState(keys, null, verification, "the key store has no current-kid");
        }

        var jwkOfCurrent = keys.Jwks.GetValueOrDefault(kid);
        if (previous.SigningKey is { } known2 && known2.Kid == kid && jwkOfCurrent?.X == known2.Jwk.X)
        {
            return new KeyRingState(keys, known2, verification, null);
        }

        if (protector is null || keys.SealedPrivateKey(kid) is not { } sealedKey)
        {
            return new KeyRingState(keys, null, verification, $"the private key of current-kid {kid} is missing");
        }

        if (protector.Open(kid, sealedKey) is not { } raw)
        {
            throw new KeyStoreException($"the private key of {kid} does not open with [request_signing] passphrase");
        }

        var signingKey = SigningKey.Import(kid, raw);
        Array.Clear(raw);
        if (signingKey is null || jwkOfCurrent is null || jwkOfCurrent.X != signingKey.Jwk.X)
        {
            signingKey?.Dispose();
            return new KeyRingState(keys, null, verification, $"the private key of current-kid {kid} does not match its JWK");
        }

        return new KeyRingState(keys, signingKey, verification, null);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _protector?.Dispose();
        _refreshing.Dispose();
    }
}
