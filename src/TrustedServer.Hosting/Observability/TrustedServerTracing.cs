using System.Diagnostics;

namespace TrustedServer.Hosting.Observability;

/// <summary>
/// The <c>TrustedServer</c> activity source: spans for the origin call (<c>ts.origin</c>) and the body rewrite
/// (<c>ts.rewrite</c>). Without a listener (no OTLP endpoint) <c>StartActivity</c> returns null and spans cost nothing.
/// </summary>
public static class TrustedServerTracing
{
    /// <summary>The activity source name.</summary>
    public const string Name = "TrustedServer";

    /// <summary>The activity source.</summary>
    public static ActivitySource Source { get; } = new(Name);
}
