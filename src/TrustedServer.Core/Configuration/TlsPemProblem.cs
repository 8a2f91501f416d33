namespace TrustedServer.Core.Configuration;

/// <summary>What is wrong with a certificate/key pair, and in which of the two files.</summary>
/// <param name="InPrivateKey">True when the key file (<c>tls_private_key</c>) is at fault, false for the certificate file.</param>
/// <param name="Message">What is wrong, naming the file.</param>
public sealed record TlsPemProblem(bool InPrivateKey, string Message)
{
    /// <summary>The <c>[server]</c> key of the file at fault.</summary>
    public string Key => InPrivateKey ? "tls_private_key" : "tls_certificate";
}
