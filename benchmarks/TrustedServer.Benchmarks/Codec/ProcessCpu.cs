using System.Runtime.InteropServices;

namespace TrustedServer.Benchmarks.Codec;

/// <summary>The process's CPU clock: every thread's work (thread-pool hops, the GC) counts, other processes' does not.</summary>
internal static partial class ProcessCpu
{
    private const int ProcessCpuClock = 2;

    public static double Microseconds()
    {
        _ = ClockGetTime(ProcessCpuClock, out var time);
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
