namespace TrustedServer.Core.Tests.RequestSigning;

internal static class TestKeys
{
    public const string Passphrase = "a-long-random-test-passphrase-0123456789";

    /// <summary>The smallest Argon2id cost, so the many stores the tests make are quick to open.</summary>
    public static readonly (long MemoryKib, long Passes) CheapCost = (8, 1);
}
