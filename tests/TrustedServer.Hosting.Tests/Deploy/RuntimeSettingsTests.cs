using System.Text.Json;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Deploy;

/// <summary>
/// The runtime settings the server ships with (its <c>trusted-server.runtimeconfig.json</c>) are the ones
/// docs/deploy.md describes: workstation GC and thread-pool workers that do not spin before they sleep.
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void The_server_runs_with_workstation_gc_and_no_thread_pool_spinning()
    {
        var properties = ShippedProperties();

        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.Equal("0", properties.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").ToString());
    }

    [Fact]
    public void The_deploy_guide_names_each_shipped_setting_and_its_environment_override()
    {
        var guide = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "deploy.md"));

        foreach (var text in new[] { "System.GC.Server", "DOTNET_gcServer", "System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit" })
        {
            Assert.Contains(text, guide, StringComparison.Ordinal);
        }
    }

    private static JsonElement ShippedProperties()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "trusted-server.runtimeconfig.json");
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }
}
