using System.Security.Cryptography.X509Certificates;

namespace TrustedServer.Core.Configuration;

/// <summary>A server certificate with its private key, and the intermediates that followed it in the PEM file.</summary>
public sealed class TlsCertificatePair(X509Certificate2 certificate, X509Certificate2Collection intermediates) : IDisposable
{
    /// <summary>The leaf certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; } = certificate;

    /// <summary>The rest of the chain as the file lists it (sent to clients so they can build the path).</summary>
    public X509Certificate2Collection Intermediates { get; } = intermediates;

    /// <inheritdoc />
    public void Dispose()
    {
        Certificate.Dispose();
        foreach (var intermediate in Intermediates)
        {
            intermediate.Dispose();
        }
    }
}
