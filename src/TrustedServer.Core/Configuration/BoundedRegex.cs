using System.Text.RegularExpressions;

namespace TrustedServer.Core.Configuration;

/// <summary>
/// Compiles a path regex from configuration so that it can never stall a request: every match has a timeout, and a
/// pattern that backtracks catastrophically on hostile inputs (long runs of one character followed by a character
/// that breaks the match, the classic <c>(a+)+$</c> trap) is refused when the configuration is loaded.
/// </summary>
internal static class BoundedRegex
{
    /// <summary>How long one probe may take before the pattern is judged catastrophic: a sane path regex matches a
    /// few kilobytes in microseconds.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(250);

    private const int ProbeLength = 4096;

    private static readonly char[] ProbeCharacters = ['a', 'A', '0', '/', '.', '-', '_', 'x', ' ', '%', '='];

    private static readonly string[] ProbeEndings = ["!", "\u0001", "/", string.Empty];

    /// <summary>The compiled pattern, or null with <paramref name="problem"/> saying why it is refused.</summary>
    public static Regex? TryCreate(string pattern, TimeSpan matchTimeout, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Regex probe;
        try
        {
            probe = new Regex(pattern, RegexOptions.CultureInvariant, ProbeTimeout);
        }
        catch (ArgumentException ex)
        {
            problem = "is not a valid regular expression: " + ex.Message;
            return null;
        }

        foreach (var c in ProbeCharacters)
        {
            var run = new string(c, ProbeLength);
            foreach (var ending in ProbeEndings)
            {
                try
                {
                    probe.IsMatch(run + ending);
                    probe.IsMatch("/" + run + ending);
                }
                catch (RegexMatchTimeoutException)
                {
                    problem = $"\"{pattern}\" backtracks catastrophically (a {ProbeLength}-character path took over {ProbeTimeout.TotalMilliseconds} ms); rewrite it without nested or overlapping repetition";
                    return null;
                }
            }
        }

        problem = null;
        return new Regex(pattern, RegexOptions.CultureInvariant, matchTimeout);
    }
}
