using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Deploy;

/// <summary>
/// The Dockerfile: what it builds and runs is checked on every machine; the image itself is built when docker or
/// podman answers and the base images are already present (the build must not reach the internet from a test).
/// </summary>
public sealed class ContainerImageTests
{
    private static readonly string[] BaseImages = ["mcr.microsoft.com/dotnet/sdk:10.0", "mcr.microsoft.com/dotnet/aspnet:10.0"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Dockerfile => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Dockerfile"));

    [Fact]
    public void The_dockerfile_publishes_the_server_and_runs_it_as_a_non_root_user_with_the_mounted_config()
    {
        var text = Dockerfile;

        foreach (var project in new[] { "src/TrustedServer.Core/TrustedServer.Core.csproj", "src/TrustedServer.Privacy/TrustedServer.Privacy.csproj", "src/TrustedServer.Hosting/TrustedServer.Hosting.csproj" })
        {
            Assert.Contains(project, text, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, project)), project);
        }

        Assert.Contains($"\"/app/{typeof(TrustedServerApp).Assembly.GetName().Name}.dll\"", text, StringComparison.Ordinal);
        Assert.Contains("USER $APP_UID", text, StringComparison.Ordinal);
        Assert.Contains("\"/etc/trusted-server/trusted-server.toml\"", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split('\n').Count(l => l.StartsWith("FROM ", StringComparison.Ordinal)));
        Assert.Contains("**/obj/", File.ReadAllText(Path.Combine(RepositoryPaths.Root, ".dockerignore")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_image_builds_and_runs_read_only_as_non_root()
    {
        var tool = await UsableToolAsync();
        const string tag = "trusted-server-test:local";

        var build = await RunAsync(tool, TimeSpan.FromMinutes(15), "build", "--pull=false", "-t", tag, RepositoryPaths.Root);
        Assert.True(build.Code == 0, build.Output);
        var version = await RunAsync(tool, TimeSpan.FromMinutes(1), "run", "--rm", "--read-only", "--network", "none", tag, "--version");
        var user = await RunAsync(tool, TimeSpan.FromMinutes(1), "run", "--rm", "--entrypoint", "id", tag, "-u");

        Assert.True(version.Code == 0, version.Output);
        Assert.StartsWith("trusted-server ", version.Output.Trim(), StringComparison.Ordinal);
        Assert.NotEqual("0", user.Output.Trim());
    }

    /// <summary>docker or podman when it can build offline here; otherwise the test is skipped with the reason.</summary>
    private static async Task<string> UsableToolAsync()
    {
        var tool = new[] { "docker", "podman" }.FirstOrDefault(OnPath);
        if (tool is null)
        {
            Assert.Skip("neither docker nor podman is on PATH");
        }

        var info = await RunAsync(tool, TimeSpan.FromSeconds(30), "info");
        if (info.Code != 0)
        {
            Assert.Skip($"{tool} is on PATH but its daemon does not answer ({LastLine(info.Output)})");
        }

        foreach (var image in BaseImages)
        {
            if ((await RunAsync(tool, TimeSpan.FromSeconds(30), "image", "inspect", image)).Code != 0)
            {
                Assert.Skip($"{tool} answers but {image} is not present; `{tool} pull {image}` first (a test never downloads)");
            }
        }

        return tool;
    }

    private static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, name)));

    private static string LastLine(string text) => text.Trim().Split('\n').LastOrDefault()?.Trim() ?? string.Empty;

    private static async Task<(int Code, string Output)> RunAsync(string file, TimeSpan timeout, params string[] args)
    {
        var result = await ChildProcess.RunAsync(file, timeout, Ct, args);
        return result.TimedOut
            ? (-1, $"{file} {string.Join(' ', args)} did not finish within {timeout}")
            : (result.Code, result.Stdout + result.Stderr);
    }
}
