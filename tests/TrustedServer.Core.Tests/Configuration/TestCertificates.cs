using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TrustedServer.Core.Tests.Configuration;

/// <summary>Self-signed loopback server certificates made at test time, written as PEM files.</summary>
internal static class TestCertificates
{
    /// <summary>A certificate for 127.0.0.1 and localhost with its ECDSA P-256 key.</summary>
    public static X509Certificate2 Create(string subject = "CN=trusted-server-test", string? extendedKeyUsage = "1.3.6.1.5.5.7.3.1")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        if (extendedKeyUsage is not null)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(extendedKeyUsage)], critical: false));
        }

        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }

    /// <summary>A root, an intermediate it signed, and a loopback server certificate (with its key) the intermediate signed.</summary>
    public static (X509Certificate2 Root, X509Certificate2 Intermediate, X509Certificate2 Leaf) CreateChain()
    {
        var now = DateTimeOffset.UtcNow;
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=test root", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var root = rootRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(2));

        using var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var intermediateRequest = new CertificateRequest("CN=test intermediate", intermediateKey, HashAlgorithmName.SHA256);
        intermediateRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var intermediatePublic = intermediateRequest.Create(root, now.AddMinutes(-4), now.AddDays(2), [1]);
        var intermediate = intermediatePublic.CopyWithPrivateKey(intermediateKey);

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=chained", leafKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        leafRequest.CertificateExtensions.Add(names.Build());
        using var leafPublic = leafRequest.Create(intermediate, now.AddMinutes(-3), now.AddDays(1), [2]);
        return (root, intermediate, leafPublic.CopyWithPrivateKey(leafKey));
    }

    /// <summary>Writes the certificate and its private key as PEM files (<c>cert.pem</c>, <c>key.pem</c>) in <paramref name="directory"/>.</summary>
    public static (string Certificate, string Key) WritePem(X509Certificate2 certificate, string directory)
    {
        var certificatePath = Path.Combine(directory, "cert.pem");
        var keyPath = Path.Combine(directory, "key.pem");
        WriteCertificate(certificate, certificatePath);
        WriteKey(certificate, keyPath);
        return (certificatePath, keyPath);
    }

    public static void WriteCertificate(X509Certificate2 certificate, string path) => File.WriteAllText(path, certificate.ExportCertificatePem() + "\n");

    public static void WriteKey(X509Certificate2 certificate, string path)
    {
        using var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("no ECDSA key");
        File.WriteAllText(path, key.ExportPkcs8PrivateKeyPem() + "\n");
    }
}
