using System.Reflection;

namespace TrustedServer.Hosting.Finalization;

/// <summary>Sets <c>x-ts-version</c> to the server's version.</summary>
internal sealed class VersionHeaderFinalizer : IResponseFinalizer
{
    public const string HeaderName = "x-ts-version";

    public static string Version { get; } = ReadVersion();

    public ValueTask ApplyAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers[HeaderName] = Version;
        return ValueTask.CompletedTask;
    }

    private static string ReadVersion()
    {
        var informational = typeof(VersionHeaderFinalizer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational))
        {
            return "0.0.0";
        }

        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus >= 0 ? informational[..plus] : informational;
    }
}
