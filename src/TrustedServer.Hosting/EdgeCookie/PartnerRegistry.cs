using System.Security.Cryptography;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.EdgeCookie;

/// <summary>
/// The configured partners, looked up by bearer token (hashed and compared in constant time against every stored hash).
/// The batch-sync rate limits are <see cref="BatchSyncRateLimitPolicy"/>'s.
/// </summary>
internal sealed class PartnerRegistry
{
    private readonly (EcPartnerOptions Partner, byte[] Hash)[] _partners;

    public PartnerRegistry(TrustedServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _partners = [.. options.Ec.Partners.Select(p => (p, Convert.FromHexString(p.ApiTokenSha256)))];
    }

    /// <summary>The partner whose token is the request's <c>Authorization: Bearer</c> value, or null.</summary>
    public EcPartnerOptions? Authenticate(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        const string Prefix = "Bearer ";
        if (!authorization.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = authorization[Prefix.Length..].Trim();
        if (token.Length == 0)
        {
            return null;
        }

        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token), presented);
        EcPartnerOptions? match = null;

        // Every hash is compared so the time taken says nothing about which partner, if any, matched.
        foreach (var (partner, hash) in _partners)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, hash))
            {
                match = partner;
            }
        }

        return match;
    }
}
