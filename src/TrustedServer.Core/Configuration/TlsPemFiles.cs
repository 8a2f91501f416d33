using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TrustedServer.Core.Configuration;

/// <summary>
/// Reads <c>[server] tls_certificate</c> (PEM: the certificate, then any intermediates) and <c>tls_private_key</c> (an
/// unencrypted PEM key), saying which file is wrong and why; the config loader and the listener read them the same way.
/// </summary>
public static class TlsPemFiles
{
    // Far above any real chain; a larger file is not a certificate and is not read into memory.
    private const long MaxFileBytes = 1024 * 1024;

    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    /// <summary>What is wrong with the pair, or null when it can be served.</summary>
    public static TlsPemProblem? Check(string certificatePath, string keyPath)
    {
        var problem = TryLoad(certificatePath, keyPath, out var pair);
        pair?.Dispose();
        return problem;
    }

    /// <summary>Loads the pair; returns what is wrong, or null with <paramref name="pair"/> set.</summary>
    public static TlsPemProblem? TryLoad(string certificatePath, string keyPath, out TlsCertificatePair? pair)
    {
        ArgumentNullException.ThrowIfNull(certificatePath);
        ArgumentNullException.ThrowIfNull(keyPath);
        pair = null;
        var (certificatePem, certificateProblem) = Read(certificatePath);
        if (certificateProblem is not null)
        {
            return new TlsPemProblem(false, certificateProblem);
        }

        var all = new X509Certificate2Collection();
        try
        {
            all.ImportFromPem(certificatePem!);
        }
        catch (CryptographicException ex)
        {
            return new TlsPemProblem(false, $"\"{certificatePath}\" is not a readable PEM certificate: {ex.Message}");
        }

        if (all.Count == 0)
        {
            return new TlsPemProblem(false, $"\"{certificatePath}\" holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }

        var leafOnly = all[0];
        if (!AllowsServerAuthentication(leafOnly))
        {
            Dispose(all);
            return new TlsPemProblem(false, $"\"{certificatePath}\" is not a TLS server certificate (its extended key usage lacks serverAuth)");
        }

        var (keyPem, keyProblem) = Read(keyPath);
        if (keyProblem is not null)
        {
            Dispose(all);
            return new TlsPemProblem(true, keyProblem);
        }

        if (keyPem!.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal))
        {
            Dispose(all);
            return new TlsPemProblem(true, $"\"{keyPath}\" is encrypted; give the unencrypted key (openssl pkey -in KEY -out PLAIN)");
        }

        if (!keyPem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            Dispose(all);
            return new TlsPemProblem(true, $"\"{keyPath}\" holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(certificatePem!, keyPem);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            Dispose(all);
            return new TlsPemProblem(true, $"\"{keyPath}\" is not the private key of the certificate in \"{certificatePath}\": {ex.Message}");
        }

        var intermediates = new X509Certificate2Collection();
        for (var i = 1; i < all.Count; i++)
        {
            intermediates.Add(all[i]);
        }

        leafOnly.Dispose();
        pair = new TlsCertificatePair(certificate, intermediates);
        return null;
    }

    private static bool AllowsServerAuthentication(X509Certificate2 certificate)
    {
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509EnhancedKeyUsageExtension usage)
            {
                foreach (var oid in usage.EnhancedKeyUsages)
                {
                    if (oid.Value == ServerAuthentication)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        return true;
    }

    private static (string? Text, string? Problem) Read(string path)
    {
        if (path.Trim().Length == 0)
        {
            return (null, "must be the path of a PEM file");
        }

        try
        {
            var info = new FileInfo(path);
            if (Directory.Exists(path))
            {
                return (null, $"\"{path}\" is a directory, not a PEM file");
            }

            if (!info.Exists)
            {
                return (null, $"\"{path}\" does not exist");
            }

            if (info.Length > MaxFileBytes)
            {
                return (null, $"\"{path}\" is {info.Length} bytes, too large for a PEM file");
            }

            return (File.ReadAllText(path), null);
        }
        catch (UnauthorizedAccessException)
        {
            return (null, $"\"{path}\" cannot be read (permission denied)");
        }
        catch (IOException ex)
        {
            return (null, $"\"{path}\" cannot be read: {ex.Message}");
        }
    }

    private static void Dispose(X509Certificate2Collection certificates)
    {
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }
    }
}
