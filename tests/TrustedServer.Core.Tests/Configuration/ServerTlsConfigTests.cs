using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Tests.Configuration;

/// <summary><c>[server] tls_certificate</c>/<c>tls_private_key</c> and <c>shutdown_timeout_ms</c>: each mistake names its key and line.</summary>
public sealed class ServerTlsConfigTests : IDisposable
{
    private const string Publisher = """
        [publisher]
        domain = "www.example.com"
        origin_url = "https://origin.example.com"

        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("ts-tls-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static ConfigLoadResult Load(string server) => ConfigLoader.Load(Publisher + "[server]\n" + server, "t.toml", null);

    private static string Tls(string certificate, string key) => $"tls_certificate = \"{certificate}\"\ntls_private_key = \"{key}\"\n";

    private static ConfigError SingleError(ConfigLoadResult result, string key, int line)
    {
        var error = Assert.Single(result.Errors);
        Assert.Equal(key, error.Key);
        Assert.Equal(line, error.Line);
        return error;
    }

    [Fact]
    public void A_matching_pem_pair_binds_and_the_shutdown_timeout_defaults_to_ten_seconds()
    {
        using var certificate = TestCertificates.Create();
        var (cert, key) = TestCertificates.WritePem(certificate, _directory);

        var result = Load(Tls(cert, key));

        Assert.Empty(result.Errors);
        Assert.Equal(cert, result.Options!.Server.TlsCertificate);
        Assert.Equal(key, result.Options.Server.TlsPrivateKey);
        Assert.Equal(TimeSpan.FromSeconds(10), result.Options.Server.ShutdownTimeout);
    }

    [Fact]
    public void Shutdown_timeout_ms_binds_and_more_than_an_hour_is_refused()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(2500), Load("shutdown_timeout_ms = 2500\n").Options!.Server.ShutdownTimeout);

        var error = SingleError(Load("shutdown_timeout_ms = 3600001\n"), "server.shutdown_timeout_ms", 5);
        Assert.Contains("at most 3600000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_certificate_file_names_tls_certificate_and_its_line()
    {
        using var certificate = TestCertificates.Create();
        var (_, key) = TestCertificates.WritePem(certificate, _directory);
        var missing = Path.Combine(_directory, "nope.pem");

        var error = SingleError(Load(Tls(missing, key)), "server.tls_certificate", 5);

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_key_file_names_tls_private_key_and_its_line()
    {
        using var certificate = TestCertificates.Create();
        var (cert, _) = TestCertificates.WritePem(certificate, _directory);

        var error = SingleError(Load(Tls(cert, Path.Combine(_directory, "nope.pem"))), "server.tls_private_key", 6);

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_of_another_certificate_is_refused_as_not_its_key()
    {
        using var certificate = TestCertificates.Create();
        using var other = TestCertificates.Create("CN=other");
        var (cert, key) = TestCertificates.WritePem(certificate, _directory);
        TestCertificates.WriteKey(other, key);

        var error = SingleError(Load(Tls(cert, key)), "server.tls_private_key", 6);

        Assert.Contains("is not the private key of the certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_that_are_not_pem_are_refused_with_what_was_expected()
    {
        using var certificate = TestCertificates.Create();
        var (cert, key) = TestCertificates.WritePem(certificate, _directory);
        var text = Path.Combine(_directory, "notes.txt");
        File.WriteAllText(text, "not a certificate\n");

        var certificateError = SingleError(Load(Tls(text, key)), "server.tls_certificate", 5);
        var keyError = SingleError(Load(Tls(cert, text)), "server.tls_private_key", 6);

        Assert.Contains("-----BEGIN CERTIFICATE-----", certificateError.Message, StringComparison.Ordinal);
        Assert.Contains("-----BEGIN PRIVATE KEY-----", keyError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_encrypted_key_is_refused_with_how_to_decrypt_it()
    {
        using var certificate = TestCertificates.Create();
        var (cert, key) = TestCertificates.WritePem(certificate, _directory);
        using var ecdsa = certificate.GetECDsaPrivateKey()!;
        File.WriteAllText(key, ecdsa.ExportEncryptedPkcs8PrivateKeyPem("secret-passphrase", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000)));

        var error = SingleError(Load(Tls(cert, key)), "server.tls_private_key", 6);

        Assert.Contains("is encrypted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_only_certificate_is_refused_for_a_server()
    {
        using var certificate = TestCertificates.Create(extendedKeyUsage: "1.3.6.1.5.5.7.3.2");
        var (cert, key) = TestCertificates.WritePem(certificate, _directory);

        var error = SingleError(Load(Tls(cert, key)), "server.tls_certificate", 5);

        Assert.Contains("serverAuth", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_file_without_the_other_names_the_missing_key()
    {
        SingleError(Load("tls_certificate = \"/etc/ssl/cert.pem\"\n"), "server.tls_private_key", 5);
        SingleError(Load("tls_private_key = \"/etc/ssl/key.pem\"\n"), "server.tls_certificate", 5);
    }

    [Fact]
    public void A_certificate_file_with_intermediates_keeps_them_after_the_leaf()
    {
        using var certificate = TestCertificates.Create();
        using var intermediate = TestCertificates.Create("CN=intermediate");
        var (cert, key) = TestCertificates.WritePem(certificate, _directory);
        File.AppendAllText(cert, intermediate.ExportCertificatePem() + "\n");

        Assert.Null(TlsPemFiles.TryLoad(cert, key, out var pair));
        using (pair)
        {
            Assert.Equal(certificate.Thumbprint, pair!.Certificate.Thumbprint);
            Assert.True(pair.Certificate.HasPrivateKey);
            Assert.Equal(intermediate.Thumbprint, Assert.Single(pair.Intermediates).Thumbprint);
        }
    }
}
