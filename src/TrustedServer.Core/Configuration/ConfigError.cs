namespace TrustedServer.Core.Configuration;

/// <summary>One configuration problem: which key, where, and what is wrong.</summary>
/// <param name="Key">The dotted key, e.g. <c>publisher.origin_url</c>.</param>
/// <param name="Line">The 1-based line in the file, or null when the value came from the environment or is missing.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Source">The file name or environment variable the value came from.</param>
public sealed record ConfigError(string Key, int? Line, string Message, string Source)
{
    /// <inheritdoc />
    public override string ToString() =>
        Line is { } line ? $"{Source}:{line}: {Key}: {Message}" : $"{Source}: {Key}: {Message}";
}
