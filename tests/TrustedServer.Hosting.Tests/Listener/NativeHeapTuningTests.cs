using System.Runtime.InteropServices;
using TrustedServer.Hosting.Listener;

namespace TrustedServer.Hosting.Tests.Listener;

public sealed class NativeHeapTuningTests
{
    [Fact]
    public void The_heap_settings_apply_on_linux_with_glibc_and_are_skipped_elsewhere()
    {
        var glibc = OperatingSystem.IsLinux() && !RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal)
            && Environment.GetEnvironmentVariable("GLIBC_TUNABLES")?.Contains("glibc.malloc.", StringComparison.Ordinal) != true;
        Assert.Equal(glibc, NativeHeapTuning.Apply());
    }
}
