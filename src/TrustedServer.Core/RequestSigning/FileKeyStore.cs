using System.Text.Json;

namespace TrustedServer.Core.RequestSigning;

/// <summary>
/// A key store in one local JSON file, for a single instance (or instances sharing a file system). Every write
/// replaces the whole file through a temporary file and a rename, so a crash leaves the old or the new set, never a
/// torn one; the file is created with mode 0600. Writers in several processes take turns through a lock file.
/// </summary>
public sealed class FileKeyStore : IKeyStore
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly SemaphoreSlim _writing = new(1, 1);

    // Indented and without HTML escaping, so an operator can read the file (it holds no plaintext secret).
    private static readonly JsonSerializerOptions FileJson = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = SigningJsonContext.Default,
    };

    /// <summary>Creates a store over <paramref name="path"/>; a missing file is an empty store.</summary>
    public FileKeyStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>How long a writer waits for another process's lock before failing.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public bool AppliesBatchesAtomically => true;

    /// <inheritdoc />
    public async ValueTask<KeyStoreContents> ReadAsync(CancellationToken cancellationToken = default)
    {
        var document = await ReadDocumentAsync(cancellationToken).ConfigureAwait(false);
        return new KeyStoreContents(document.Revision, document.Entries);
    }

    /// <inheritdoc />
    public async ValueTask ApplyAsync(IReadOnlyList<KeyStoreWrite> writes, long? expectedRevision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var processLock = await AcquireLockAsync(cancellationToken).ConfigureAwait(false);
            RemoveAbandonedTemporaryFiles();
            var document = await ReadDocumentAsync(cancellationToken).ConfigureAwait(false);
            if (expectedRevision is { } expected && expected != document.Revision)
            {
                throw new KeyStoreConflictException();
            }

            var entries = new Dictionary<string, string>(document.Entries, StringComparer.Ordinal);
            foreach (var write in writes)
            {
                if (write.Value is null)
                {
                    entries.Remove(write.Name);
                }
                else
                {
                    entries[write.Name] = write.Value;
                }
            }

            await ReplaceAsync(new FileKeyStoreDocument { Revision = document.Revision + 1, Entries = entries }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KeyStoreException("key store file could not be written: " + ex.GetType().Name, ex);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _writing.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<FileKeyStoreDocument> ReadDocumentAsync(CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(Path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new FileKeyStoreDocument();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KeyStoreException("key store file could not be read: " + ex.GetType().Name, ex);
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, SigningJsonContext.Default.FileKeyStoreDocument)
                ?? throw new KeyStoreException("key store file is not a key store");
        }
        catch (JsonException ex)
        {
            // Never an empty set: a damaged file must stop signing, not silently start a new key history.
            throw new KeyStoreException($"key store file {Path} is not valid JSON (line {ex.LineNumber})", ex);
        }
    }

    private async Task ReplaceAsync(FileKeyStoreDocument document, CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(directory);
        var temp = System.IO.Path.Combine(directory, "." + System.IO.Path.GetFileName(Path) + "." + Guid.NewGuid().ToString("N")[..12] + ".tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }

            await using (var stream = new FileStream(temp, options))
            {
                await JsonSerializer.SerializeAsync(stream, document, FileJson, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, Path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    // Under the lock no other writer is active, so any temporary file left is from a writer that crashed mid-write.
    private void RemoveAbandonedTemporaryFiles()
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var abandoned in Directory.EnumerateFiles(directory, "." + System.IO.Path.GetFileName(Path) + ".*.tmp"))
        {
            try
            {
                File.Delete(abandoned);
            }
            catch (IOException)
            {
                // Left for the next writer.
            }
        }
    }

    private async Task<FileStream> AcquireLockAsync(CancellationToken cancellationToken)
    {
        var lockPath = Path + ".lock";
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(lockPath)!);
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = OwnerOnly;
                }

                return new FileStream(lockPath, options);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
