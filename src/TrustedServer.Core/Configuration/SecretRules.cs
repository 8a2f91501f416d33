using System.Text;

namespace TrustedServer.Core.Configuration;

/// <summary>Refuses placeholder, well-known and short secrets before they protect anything.</summary>
public static class SecretRules
{
    private static readonly string[] Placeholders =
    [
        "changeme", "change-me", "password", "admin", "secret", "secret-key", "secret_key", "trusted-server",
        "trusted-server-placeholder-secret", "change-me-proxy-secret", "proxy-secret", "secure-password",
    ];

    /// <summary>The problem with <paramref name="value"/>, or <see langword="null"/> when it may be used.</summary>
    public static string? Check(string value, int minimumBytes)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            return "must not be empty";
        }

        if (Placeholders.Contains(trimmed, StringComparer.OrdinalIgnoreCase)
            || trimmed.StartsWith("replace-with", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("change-me", StringComparison.OrdinalIgnoreCase)
            || trimmed.Trim('.').Length == 0)
        {
            return "is a placeholder or well-known value; set a long random one";
        }

        return Encoding.UTF8.GetByteCount(value) < minimumBytes ? $"must be at least {minimumBytes} bytes long" : null;
    }
}
