using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.Listener;

/// <summary>
/// The listener's certificate, read from <c>[server] tls_certificate</c>/<c>tls_private_key</c> and read again when either
/// file changes (a renewal needs no restart). Handshakes get the cached copy; at most once a second one of them looks at
/// the files' modification times. A pair that does not load (a renewal written half-way, a key that does not match)
/// is logged once and the previous certificate stays in use.
/// </summary>
internal sealed class ReloadingCertificate
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private readonly string _certificatePath;
    private readonly string _keyPath;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private Loaded _current;
    private long _nextCheck;
    private FileStamp _failed;

    public ReloadingCertificate(string certificatePath, string keyPath, ILogger<ReloadingCertificate> logger, TimeProvider time)
    {
        _certificatePath = certificatePath;
        _keyPath = keyPath;
        _logger = logger;
        _time = time;
        var stamp = Stamp();
        if (TlsPemFiles.TryLoad(certificatePath, keyPath, out var pair) is { } problem)
        {
            throw new InvalidOperationException($"server.{problem.Key}: {problem.Message}");
        }

        _current = new Loaded(pair!, stamp);
        _nextCheck = time.GetTimestamp() + Ticks(CheckInterval);
    }

    /// <summary>The certificate to present now (the selector's answer, and what HTTP/3 uses).</summary>
    public X509Certificate2 Certificate => Refresh().Pair.Certificate;

    /// <summary>The same certificate with its chain, built once per load rather than per handshake.</summary>
    public SslStreamCertificateContext Context => Refresh().Context;

    private Loaded Refresh()
    {
        var now = _time.GetTimestamp();
        if (now < Volatile.Read(ref _nextCheck))
        {
            return Volatile.Read(ref _current);
        }

        lock (_gate)
        {
            if (now < _nextCheck)
            {
                return _current;
            }

            _nextCheck = now + Ticks(CheckInterval);
            var stamp = Stamp();
            if (stamp == _current.Stamp || stamp == _failed)
            {
                return _current;
            }

            if (TlsPemFiles.TryLoad(_certificatePath, _keyPath, out var pair) is { } problem)
            {
                // Logged once per state of the files; the next change is tried again.
                _failed = stamp;
                ListenerLog.CertificateReloadFailed(_logger, problem.Key, problem.Message);
                return _current;
            }

            // The previous certificate is left to the garbage collector: a handshake in progress may still hold it.
            Volatile.Write(ref _current, new Loaded(pair!, stamp));
            var certificate = pair!.Certificate;
            var notAfter = certificate.NotAfter.ToUniversalTime();
            ListenerLog.CertificateReloaded(_logger, certificate.Subject, certificate.Thumbprint, notAfter);
            return _current;
        }
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    private FileStamp Stamp() => new(File.GetLastWriteTimeUtc(_certificatePath), Length(_certificatePath), File.GetLastWriteTimeUtc(_keyPath), Length(_keyPath));

    private static long Length(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists ? info.Length : -1;
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }
    }

    private readonly record struct FileStamp(DateTime CertificateWritten, long CertificateLength, DateTime KeyWritten, long KeyLength);

    private sealed class Loaded(TlsCertificatePair pair, FileStamp stamp)
    {
        public TlsCertificatePair Pair { get; } = pair;

        public FileStamp Stamp { get; } = stamp;

        // Offline: the chain comes from the PEM file, never fetched during a handshake.
        public SslStreamCertificateContext Context { get; } = SslStreamCertificateContext.Create(pair.Certificate, pair.Intermediates, offline: true);
    }
}
