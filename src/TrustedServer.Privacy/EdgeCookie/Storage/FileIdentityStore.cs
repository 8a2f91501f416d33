using System.Text;
using System.Text.Json;

namespace TrustedServer.Privacy.EdgeCookie.Storage;

/// <summary>
/// A single-instance persistent identity store: the in-memory store, snapshotted to one JSON-lines file.
/// After a change the whole file is rewritten within <see cref="IdentityStoreOptions.FlushInterval"/> into a
/// temporary file that then replaces the old one by rename, so a crash loses at most the latest writes and never
/// leaves a half-written file. Unreadable lines are skipped on load. Not for several processes sharing one file.
/// </summary>
public sealed class FileIdentityStore : IIdentityStore
{
    private readonly InMemoryIdentityStore _inner;
    private readonly string _path;
    private readonly string _tempPath;
    private readonly TimeProvider _time;
    private readonly ITimer _flushTimer;
    private readonly Lock _flushLock = new();
    private readonly Action<Exception>? _onFlushError;
    private int _dirty;
    private bool _disposed;

    /// <summary>Opens (or creates) the store at <paramref name="path"/>, loading every readable, unexpired line.</summary>
    /// <exception cref="IOException">The file exists but cannot be read.</exception>
    public FileIdentityStore(string path, TimeProvider timeProvider, IdentityStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= new IdentityStoreOptions();
        _path = Path.GetFullPath(path);
        _tempPath = _path + ".tmp";
        _time = timeProvider;
        _onFlushError = options.OnFlushError;
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _inner = new InMemoryIdentityStore(timeProvider, options, MarkDirty);
        CorruptLinesSkipped = Load();
        _flushTimer = timeProvider.CreateTimer(_ => FlushIfDirty(), null, options.FlushInterval, options.FlushInterval);
    }

    /// <summary>Lines skipped as unreadable when the file was loaded.</summary>
    public int CorruptLinesSkipped { get; }

    /// <inheritdoc />
    public ValueTask<StoredIdentity?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _inner.GetAsync(id, cancellationToken);

    /// <inheritdoc />
    public ValueTask<CreateOutcome> CreateOrReviveAsync(string id, IdentityRecord record, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        _inner.CreateOrReviveAsync(id, record, ttl, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> TryUpdateAsync(string id, long expectedGeneration, IdentityRecord record, TimeSpan? ttl, CancellationToken cancellationToken = default) =>
        _inner.TryUpdateAsync(id, expectedGeneration, record, ttl, cancellationToken);

    /// <inheritdoc />
    public ValueTask WriteTombstoneAsync(string id, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        _inner.WriteTombstoneAsync(id, ttl, cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> CountByPrefixAsync(string hashPrefix, int limit, CancellationToken cancellationToken = default) =>
        _inner.CountByPrefixAsync(hashPrefix, limit, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        _inner.DeleteAsync(id, cancellationToken);

    /// <summary>Writes pending changes to disk now.</summary>
    /// <exception cref="IOException">The file could not be written; the changes stay pending.</exception>
    public void Flush()
    {
        if (Interlocked.Exchange(ref _dirty, 0) == 0)
        {
            return;
        }

        try
        {
            WriteSnapshot();
        }
        catch
        {
            Volatile.Write(ref _dirty, 1);
            throw;
        }
    }

    /// <summary>Stops the timers and writes pending changes.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _flushTimer.DisposeAsync().ConfigureAwait(false);
        await _inner.DisposeAsync().ConfigureAwait(false);
        FlushIfDirty();
    }

    private void MarkDirty() => Volatile.Write(ref _dirty, 1);

    private void FlushIfDirty()
    {
        try
        {
            Flush();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _onFlushError?.Invoke(ex);
        }
    }

    private void WriteSnapshot()
    {
        lock (_flushLock)
        {
            var now = _time.GetUtcNow();
            using (var stream = new FileStream(_tempPath, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                using var writer = new Utf8JsonWriter(stream);
                foreach (var (id, entry) in _inner.Snapshot())
                {
                    if (entry.IsExpired(now))
                    {
                        continue;
                    }

                    var line = new FileStoreLine
                    {
                        Id = id,
                        Gen = entry.Generation,
                        Exp = entry.ExpiresAt.ToUnixTimeMilliseconds(),
                        Rec = entry.Record,
                    };
                    JsonSerializer.Serialize(writer, line, IdentityJsonContext.Default.FileStoreLine);
                    writer.Flush();
                    writer.Reset();
                    stream.WriteByte((byte)'\n');
                }

                // Once a second at most: cheap, and it makes the rename below publish complete data.
                stream.Flush(flushToDisk: true);
            }

            File.Move(_tempPath, _path, overwrite: true);
        }
    }

    private int Load()
    {
        if (!File.Exists(_path))
        {
            return 0;
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var skipped = 0;
        foreach (var text in File.ReadLines(_path, Encoding.UTF8))
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            FileStoreLine? line;
            try
            {
                line = JsonSerializer.Deserialize(text, IdentityJsonContext.Default.FileStoreLine);
            }
            catch (JsonException)
            {
                line = null;
            }

            if (line is null || string.IsNullOrEmpty(line.Id) || !IdentityRecordSerializer.IsSupported(line.Rec))
            {
                skipped++;
                continue;
            }

            if (line.Exp > now)
            {
                _inner.Restore(line.Id, new IdentityEntry(line.Rec, line.Gen, DateTimeOffset.FromUnixTimeMilliseconds(line.Exp)));
            }
        }

        return skipped;
    }
}
