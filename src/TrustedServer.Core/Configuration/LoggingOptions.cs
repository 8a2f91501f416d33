namespace TrustedServer.Core.Configuration;

/// <summary><c>[logging]</c>: how much the server logs.</summary>
public sealed record LoggingOptions
{
    /// <summary>The accepted values of <see cref="Level"/>.</summary>
    public static IReadOnlyList<string> Levels { get; } = ["trace", "debug", "information", "warning", "error", "critical", "none"];

    /// <summary><c>level</c>: the minimum level, one of <see cref="Levels"/>.</summary>
    public string Level { get; init; } = "information";

    /// <summary>The accepted values of <see cref="Format"/>.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["plain", "json"];

    /// <summary><c>format</c>: <c>plain</c> (one readable line per event) or <c>json</c> (one JSON object per line).</summary>
    public string Format { get; init; } = "plain";
}
