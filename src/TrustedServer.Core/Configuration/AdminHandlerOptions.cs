using System.Text.RegularExpressions;

namespace TrustedServer.Core.Configuration;

/// <summary>One <c>[[handlers]]</c> entry: HTTP Basic credentials required on every path its regex matches.</summary>
public sealed record AdminHandlerOptions
{
    /// <summary><c>path</c>: a regular expression searched in the request path.</summary>
    public required string Path { get; init; }

    /// <summary><c>username</c>.</summary>
    public required string Username { get; init; }

    /// <summary><c>password</c>. Never logged.</summary>
    public required string Password { get; init; }

    /// <summary>
    /// The compiled pattern. Non-backtracking, so a hostile path cannot make matching slow whatever the pattern, and
    /// culture-invariant; like the original's regex crate it searches anywhere unless anchored.
    /// </summary>
    /// <exception cref="ArgumentException">The pattern is invalid or uses a construct (backreferences, lookaround) without a linear-time match.</exception>
    public static Regex Compile(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (NotSupportedException ex)
        {
            throw new ArgumentException(ex.Message, nameof(pattern), ex);
        }
    }

    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"handler {Path} ({Username})";
}
