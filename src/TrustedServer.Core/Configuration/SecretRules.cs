using System.Text;

namespace TrustedServer.Core.Configuration;

/// <summary>
/// The one rule every secret key follows (signing secrets, passphrases, passwords, bearer tokens): long enough to
/// resist guessing, and never a placeholder that our own docs or starter config show.
/// </summary>
public static class SecretRules
{
    /// <summary>The minimum for keys, passphrases and signing secrets.</summary>
    public const int SecretMinimumBytes = 32;

    /// <summary>The minimum for bearer tokens and passwords.</summary>
    public const int TokenMinimumBytes = 16;

    // Every example value the README, docs/configuration.md and StarterConfig show, and the usual stand-ins. A test
    // reads those files and fails when one of their examples would be accepted.
    private static readonly string[] Placeholders =
    [
        "...",
        "a long random secret",
        "a-long-random-secret",
        "a long admin password",
        "a-long-random-bearer-token",
        "at least 16 characters",
        "at least 32 bytes",
        "change-me-proxy-secret",
        "proxy-secret",
        "secret-key",
        "secret_key",
        "trusted-server",
        "trusted-server-placeholder-secret",
    ];

    // Words that mark a value as something to be replaced, wherever they appear in it.
    private static readonly string[] PlaceholderWords = ["change-me", "changeme", "change_me", "placeholder", "replace-me", "replaceme", "replace-with", "your-secret", "your_secret", "xxxxxxxx"];

    /// <summary>
    /// Checks a secret: returns what is wrong with it (suitable after the key name, e.g. "is a placeholder ...") or
    /// null when it is acceptable. Length is counted in UTF-8 bytes.
    /// </summary>
    public static string? Check(string value, int minimumBytes)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            return "is empty; set a long random value";
        }

        if (IsPlaceholder(trimmed))
        {
            return "is a placeholder; set a long random value (e.g. openssl rand -hex 32)";
        }

        var bytes = Encoding.UTF8.GetByteCount(value);
        if (bytes < minimumBytes)
        {
            return $"is too short ({bytes} bytes); use at least {minimumBytes} random bytes (e.g. openssl rand -hex 32)";
        }

        return null;
    }

    private static bool IsPlaceholder(string value)
    {
        foreach (var placeholder in Placeholders)
        {
            if (value.Equals(placeholder, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        foreach (var word in PlaceholderWords)
        {
            if (value.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        // A single character repeated ("................", "aaaaaaaa...") is a stand-in, however long.
        return value.AsSpan().IndexOfAnyExcept(value[0]) < 0;
    }
}
