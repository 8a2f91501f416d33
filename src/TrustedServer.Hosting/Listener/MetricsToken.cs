using System.Security.Cryptography;
using System.Text;

namespace TrustedServer.Hosting.Listener;

/// <summary>
/// <c>[server] metrics_token</c>: the bearer token that opens <c>/_ts/metrics</c> on the public port. Kept as its
/// SHA-256 and compared in constant time, so neither the token's length nor a prefix leaks through timing.
/// </summary>
internal sealed class MetricsToken
{
    private const string Scheme = "Bearer ";
    private readonly byte[]? _digest;

    public MetricsToken(string? token) => _digest = string.IsNullOrEmpty(token) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Whether <paramref name="authorization"/> is <c>Bearer</c> and the configured token; never without one.</summary>
    public bool Accepts(string authorization)
    {
        if (_digest is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, _digest);
    }
}
