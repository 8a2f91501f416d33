using System.Reflection;

namespace TrustedServer.Hosting.Cli;

/// <summary><c>--version</c>: the informational version the build stamped (version and source revision).</summary>
internal static class VersionCommand
{
    public static string Text { get; } = "trusted-server " + (typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0");
}
