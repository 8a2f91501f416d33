using System.Runtime.InteropServices;

namespace TrustedServer.Benchmarks;

/// <summary>
/// CPU clocks for the alternating-round loops: they leave out the time other processes take the cores, so a busy
/// machine moves each figure less than a wall clock would, and the loops compare settings by the median of rounds.
/// </summary>
internal static partial class CpuClock
{
    private const int ProcessClock = 2;
    private const int ThreadClock = 3;

    /// <summary>The process's CPU time: every thread's work (thread-pool hops, the GC) counts.</summary>
    public static double ProcessMicroseconds() => Read(ProcessClock);

    /// <summary>The calling thread's CPU time.</summary>
    public static double ThreadMicroseconds() => Read(ThreadClock);

    /// <summary>The middle value of a loop's per-round samples.</summary>
    public static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static double Read(int clock)
    {
        _ = ClockGetTime(clock, out var time);
        return (time.Seconds * 1e6) + (time.Nanoseconds / 1e3);
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
