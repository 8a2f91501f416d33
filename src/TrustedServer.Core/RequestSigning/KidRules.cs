using System.Globalization;

namespace TrustedServer.Core.RequestSigning;

/// <summary>
/// Key identifiers: 1 to 128 characters from <c>[A-Za-z0-9-_.:]</c>, starting with a lowercase letter. Generated kids
/// are <c>ts-YYYY-MM-DD</c> (UTC), with a random suffix when that one is taken.
/// </summary>
public static class KidRules
{
    /// <summary>The longest kid accepted.</summary>
    public const int MaxLength = 128;

    /// <summary>The problem with <paramref name="kid"/>, or null when it is a valid kid.</summary>
    public static string? Check(string? kid)
    {
        if (string.IsNullOrEmpty(kid))
        {
            return "kid must not be empty";
        }

        if (kid.Length > MaxLength)
        {
            return $"kid must be at most {MaxLength} characters";
        }

        if (!char.IsAsciiLetterLower(kid[0]))
        {
            return "kid must start with a lowercase letter";
        }

        foreach (var c in kid)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.' or ':'))
            {
                return "kid may contain only letters, digits, '-', '_', '.' and ':'";
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="kid"/> is valid.</summary>
    public static bool IsValid(string? kid) => Check(kid) is null;

    /// <summary><c>ts-YYYY-MM-DD</c> for <paramref name="now"/>, or that with <c>-</c> and a random suffix when taken.</summary>
    public static string Generate(DateTimeOffset now, Func<string, bool> isTaken)
    {
        ArgumentNullException.ThrowIfNull(isTaken);
        var dated = "ts-" + now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (!isTaken(dated))
        {
            return dated;
        }

        while (true)
        {
            var candidate = dated + "-" + Guid.NewGuid().ToString("N");
            if (!isTaken(candidate))
            {
                return candidate;
            }
        }
    }
}
