using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.AdminAuth;

/// <summary>One compiled <c>[[handlers]]</c> entry; credentials kept only as SHA-256 digests.</summary>
internal sealed class BasicAuthHandler
{
    private readonly byte[] _user;
    private readonly byte[] _password;

    public BasicAuthHandler(AdminHandlerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Pattern = AdminHandlerOptions.Compile(options.Path);
        _user = Hash(options.Username);
        _password = Hash(options.Password);
    }

    public Regex Pattern { get; }

    /// <summary>
    /// Whether the <c>Authorization</c> header carries this handler's credentials. Digests of equal length are compared
    /// in constant time, and both always, so neither the lengths nor which half was wrong leak through timing.
    /// </summary>
    public bool Accepts(string? authorization)
    {
        const string Prefix = "Basic ";
        if (authorization is null || authorization.Length > 4096 || !authorization.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] decoded;
        try
        {
            decoded = Convert.FromBase64String(authorization[Prefix.Length..].Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = Array.IndexOf(decoded, (byte)':');
        if (colon < 0)
        {
            return false;
        }

        var userOk = CryptographicOperations.FixedTimeEquals(SHA256.HashData(decoded.AsSpan(0, colon)), _user);
        var passwordOk = CryptographicOperations.FixedTimeEquals(SHA256.HashData(decoded.AsSpan(colon + 1)), _password);
        return userOk & passwordOk;
    }

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
