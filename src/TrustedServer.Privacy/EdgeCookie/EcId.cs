using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace TrustedServer.Privacy.EdgeCookie;

/// <summary>
/// The Edge Cookie ID: lowercase hex HMAC-SHA256(passphrase, normalised client IP), a dot, and 6 random
/// characters from [a-zA-Z0-9]. The 64-hex part (the "EC hash") is stable per IP and secret.
/// </summary>
public static class EcId
{
    /// <summary>Length of a full ID: 64 hex + dot + 6.</summary>
    public const int Length = 71;

    private const string SuffixAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>
    /// The HMAC input for an address: IPv4 in dotted form; IPv6 cut to its /64 and written as 16 lowercase hex
    /// digits without separators. IPv4-mapped IPv6 addresses (dual-stack sockets) count as their IPv4 address.
    /// </summary>
    public static string NormalizeIp(IPAddress ip)
    {
        ArgumentNullException.ThrowIfNull(ip);
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        if (ip.AddressFamily == AddressFamily.InterNetwork)
        {
            return ip.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        ip.TryWriteBytes(bytes, out _);
        return Convert.ToHexStringLower(bytes[..8]);
    }

    /// <summary>The stable 64-hex part for an address.</summary>
    public static string Hash(string passphrase, IPAddress ip)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(passphrase), Encoding.UTF8.GetBytes(NormalizeIp(ip)), mac);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>Mints a new ID for an address, with a cryptographically random suffix.</summary>
    public static string Generate(string passphrase, IPAddress ip) =>
        Hash(passphrase, ip) + "." + RandomNumberGenerator.GetString(SuffixAlphabet, 6);

    /// <summary>True for exactly <c>^[0-9a-f]{64}\.[A-Za-z0-9]{6}$</c>.</summary>
    public static bool IsValid(ReadOnlySpan<char> value)
    {
        if (value.Length != Length || value[64] != '.')
        {
            return false;
        }

        foreach (var c in value[..64])
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        foreach (var c in value[65..])
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The 64-hex part of an ID (the whole value when it has no dot).</summary>
    public static string HashOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var dot = id.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? id : id[..dot];
    }
}
