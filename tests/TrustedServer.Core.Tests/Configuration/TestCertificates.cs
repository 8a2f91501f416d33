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
