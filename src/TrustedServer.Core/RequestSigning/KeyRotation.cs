using System.Text.Json;

namespace TrustedServer.Core.RequestSigning;

/// <summary>
/// Rotates and deactivates keys in the shared store. A rotation writes, in this order, the sealed private key, the
/// public JWK, <c>active-kids</c> with the new kid appended and then <c>current-kid</c>, so no instance can ever see a
/// current kid without its keys. An atomic store takes the writes as one batch guarded by the revision read first; on
/// any other store they go one at a time and, when one fails, the earlier ones are undone newest first.
/// </summary>
public sealed class KeyRotation(KeyRing ring, TimeProvider timeProvider)
{
    /// <summary>The Argon2id cost of a store's first key (tests lower it).</summary>
    public (long MemoryKib, long Passes)? CostOfNewStore { get; init; }

    /// <summary>Makes a new key current, keeping the previous ones active; <paramref name="kid"/> null generates one.</summary>
    public async Task<RotationResult> RotateAsync(string? kid, CancellationToken cancellationToken = default)
    {
        KeySet keys;
        try
        {
            keys = KeySet.Parse(await ring.Store.ReadAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (KeyStoreException ex)
        {
            return new RotationResult { Status = KeyOperationStatus.StoreFailed, Message = "Key rotation failed", Error = ex.Message };
        }

        var unchanged = keys.ActiveKids;
        if (kid is not null)
        {
            if (KidRules.Check(kid) is { } problem)
            {
                return new RotationResult { Status = KeyOperationStatus.InvalidKid, Message = "Key rotation failed", Error = problem, PreviousKid = keys.CurrentKid, ActiveKids = unchanged };
            }

            if (keys.Contains(kid))
            {
                return new RotationResult { Status = KeyOperationStatus.KidExists, Message = "Key rotation failed", Error = $"kid {kid} already exists", PreviousKid = keys.CurrentKid, ActiveKids = unchanged };
            }
        }

        kid ??= KidRules.Generate(timeProvider.GetUtcNow(), keys.Contains);
        PrivateKeyProtector protector;
        try
        {
            protector = ring.ProtectorFor(keys, CostOfNewStore);
        }
        catch (KeyStoreException ex)
        {
            return new RotationResult { Status = KeyOperationStatus.StoreFailed, Message = "Key rotation failed", Error = ex.Message, PreviousKid = keys.CurrentKid, ActiveKids = unchanged };
        }

        using var key = SigningKey.Generate(kid, out var privateKey);
        var jwk = key.Jwk;
        var active = keys.ActiveKids.Append(kid).ToList();
        var writes = new List<KeyStoreWrite>(5);
        if (keys.KdfHeader is null)
        {
            writes.Add(KeyStoreWrite.Set(KeyStoreEntries.Kdf, protector.HeaderJson));
        }

        writes.Add(KeyStoreWrite.Set(KeyStoreEntries.PrivateKey(kid), protector.Seal(kid, privateKey)));
        Array.Clear(privateKey);
        writes.Add(KeyStoreWrite.Set(KeyStoreEntries.Jwk(kid), JsonSerializer.Serialize(jwk, SigningJsonContext.Default.Jwk)));
        writes.Add(KeyStoreWrite.Set(KeyStoreEntries.ActiveKids, KeyStoreEntries.FormatKidList(active)));
        writes.Add(KeyStoreWrite.Set(KeyStoreEntries.CurrentKid, kid));

        if (await ApplyAsync(keys, writes, cancellationToken).ConfigureAwait(false) is { } failure)
        {
            return new RotationResult { Status = KeyOperationStatus.StoreFailed, Message = "Key rotation failed", Error = failure, PreviousKid = keys.CurrentKid, ActiveKids = unchanged };
        }

        await RefreshQuietlyAsync(cancellationToken).ConfigureAwait(false);
        return new RotationResult
        {
            Status = KeyOperationStatus.Succeeded,
            Message = "Key rotated successfully",
            NewKid = kid,
            PreviousKid = keys.CurrentKid,
            ActiveKids = active,
            Jwk = jwk,
        };
    }

    /// <summary>
    /// Removes <paramref name="kid"/> from <c>active-kids</c>, and with <paramref name="delete"/> also its private key and
    /// then its JWK. The current kid and the last active kid are refused.
    /// </summary>
    public async Task<DeactivationResult> DeactivateAsync(string? kid, bool delete, CancellationToken cancellationToken = default)
    {
        const string Failed = "Key deactivation failed";
        if (KidRules.Check(kid) is { } problem)
        {
            return new DeactivationResult { Status = KeyOperationStatus.InvalidKid, Message = Failed, DeactivatedKid = kid, Error = problem };
        }

        KeySet keys;
        try
        {
            keys = KeySet.Parse(await ring.Store.ReadAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (KeyStoreException ex)
        {
            return new DeactivationResult { Status = KeyOperationStatus.StoreFailed, Message = Failed, DeactivatedKid = kid, Error = ex.Message };
        }

        var remaining = keys.ActiveKids.Where(k => k != kid).ToList();
        DeactivationResult Refuse(KeyOperationStatus status, string error) =>
            new() { Status = status, Message = Failed, DeactivatedKid = kid, Error = error, RemainingActiveKids = keys.ActiveKids };

        if (!keys.IsActive(kid!) && !keys.Contains(kid!))
        {
            return Refuse(KeyOperationStatus.UnknownKid, $"kid {kid} is not in the key store");
        }

        if (kid == keys.CurrentKid)
        {
            return Refuse(KeyOperationStatus.Refused, $"kid {kid} is the current signing key; rotate to a new key first");
        }

        if (keys.IsActive(kid!) && remaining.Count == 0)
        {
            return Refuse(KeyOperationStatus.Refused, "cannot deactivate the last active key");
        }

        var writes = new List<KeyStoreWrite>(3);
        if (keys.IsActive(kid!))
        {
            writes.Add(KeyStoreWrite.Set(KeyStoreEntries.ActiveKids, KeyStoreEntries.FormatKidList(remaining)));
        }

        if (delete)
        {
            writes.Add(KeyStoreWrite.Delete(KeyStoreEntries.PrivateKey(kid!)));
            writes.Add(KeyStoreWrite.Delete(KeyStoreEntries.Jwk(kid!)));
        }

        if (writes.Count > 0 && await ApplyAsync(keys, writes, cancellationToken).ConfigureAwait(false) is { } failure)
        {
            return Refuse(KeyOperationStatus.StoreFailed, failure);
        }

        await RefreshQuietlyAsync(cancellationToken).ConfigureAwait(false);
        return new DeactivationResult
        {
            Status = KeyOperationStatus.Succeeded,
            Message = delete ? "Key deleted successfully" : "Key deactivated successfully",
            DeactivatedKid = kid,
            Deleted = delete,
            RemainingActiveKids = remaining,
        };
    }

    /// <summary>Applies the writes; null on success, else the error (after undoing what a non-atomic store took).</summary>
    private async Task<string?> ApplyAsync(KeySet before, List<KeyStoreWrite> writes, CancellationToken cancellationToken)
    {
        var store = ring.Store;
        if (store.AppliesBatchesAtomically)
        {
            try
            {
                await store.ApplyAsync(writes, before.Revision, cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (KeyStoreException ex)
            {
                return ex.Message;
            }
        }

        var applied = 0;
        try
        {
            for (; applied < writes.Count; applied++)
            {
                await store.ApplyAsync([writes[applied]], null, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }
        catch (KeyStoreException ex)
        {
            var undoFailures = await UndoAsync(before, writes, applied).ConfigureAwait(false);
            return undoFailures.Count == 0
                ? $"{ex.Message} (writing {writes[applied].Name}; earlier writes were rolled back)"
                : $"{ex.Message} (writing {writes[applied].Name}; rolling back {string.Join(", ", undoFailures)} failed too)";
        }
    }

    private async Task<List<string>> UndoAsync(KeySet before, List<KeyStoreWrite> writes, int applied)
    {
        var failures = new List<string>();
        for (var i = applied - 1; i >= 0; i--)
        {
            var name = writes[i].Name;
            var restore = before.Contents.Entries.TryGetValue(name, out var old) ? KeyStoreWrite.Set(name, old) : KeyStoreWrite.Delete(name);
            try
            {
                // Not cancellable: a half-undone rotation is worse than a late answer.
                await ring.Store.ApplyAsync([restore], null, CancellationToken.None).ConfigureAwait(false);
            }
            catch (KeyStoreException)
            {
                failures.Add(name);
            }
        }

        return failures;
    }

    private async Task RefreshQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ring.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (KeyStoreException)
        {
            // The write succeeded; the periodic refresh will pick it up.
        }
    }
}
