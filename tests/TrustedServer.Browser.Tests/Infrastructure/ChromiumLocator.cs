namespace TrustedServer.Browser.Tests.Infrastructure;

/// <summary>
/// Finds the locally installed Chromium. Playwright's own browser download cannot work on these machines, so the
/// tests drive the distribution's package; <c>TS_CHROMIUM</c> points at another binary.
/// </summary>
internal static class ChromiumLocator
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    public static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("TS_CHROMIUM");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        return Candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>True under CI, where a missing browser is a failure rather than a reason to skip.</summary>
    public static bool RunningInCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
        && !string.Equals(Environment.GetEnvironmentVariable("CI"), "false", StringComparison.OrdinalIgnoreCase);
}
