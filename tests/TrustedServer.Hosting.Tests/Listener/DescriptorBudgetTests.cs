using TrustedServer.Hosting.Listener;

namespace TrustedServer.Hosting.Tests.Listener;

/// <summary>How many client connections the descriptor limit allows when the operator sets none.</summary>
public sealed class DescriptorBudgetTests
{
    [Theory]
    [InlineData(512UL, 300, 28)] // (512 - 300 - 128) / 3
    [InlineData(1024UL, 300, 198)] // (1024 - 300 - 128) / 3
    [InlineData(65536UL, 300, 19014)] // (65536 - 300 - 8192) / 3
    [InlineData(256UL, 300, 16)] // nothing fits: the floor
    [InlineData(ulong.MaxValue, 300, 626349297)] // RLIM_INFINITY counts as int.MaxValue
    public void The_cap_leaves_a_reserve_and_room_for_each_connections_origin(ulong limit, int open, long expected)
    {
        Assert.Equal(expected, DescriptorBudget.ConnectionCap(limit, open));
    }

    [Fact]
    public void On_linux_the_limit_is_read_and_the_open_descriptors_counted()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "descriptor limits are read on Linux only");

        var measured = DescriptorBudget.Measure();

        Assert.NotNull(measured);
        Assert.InRange(measured.Open, 3, (long)Math.Min(measured.Limit, int.MaxValue));
        Assert.Equal(DescriptorBudget.ConnectionCap(measured.Limit, measured.Open), measured.ConnectionCap);
    }
}
