using System.Runtime.InteropServices;

namespace TrustedServer.Hosting.Listener;

/// <summary>
/// Every compressed response opens a zlib (or brotli) encoder and decoder whose native state is a few hundred KiB,
/// allocated with <c>malloc</c> and freed when the response ends. With glibc's defaults, under concurrency those blocks
/// keep being returned to the kernel (trimmed or unmapped) and faulted back in, zero page by zero page, for the next
/// response: at 16 connections that cost about 0.5 ms of CPU per gzip page. So at startup blocks under 1 MiB are kept
/// in the heap, and a heap keeps up to 4 MiB of free memory at its top instead of 128 KiB (peak RSS grows by about
/// 10-20 MiB under load). Linux with glibc only; elsewhere (musl, other systems) nothing changes, and an operator's own
/// <c>glibc.malloc</c> tunables in <c>GLIBC_TUNABLES</c> are left as they are.
/// </summary>
internal static partial class NativeHeapTuning
{
    internal const int MmapThresholdBytes = 1024 * 1024;
    internal const int TrimThresholdBytes = 4 * 1024 * 1024;

    private const int TrimThresholdParameter = -1;
    private const int MmapThresholdParameter = -3;

    /// <summary>True when both settings were applied.</summary>
    public static bool Apply()
    {
        if (!OperatingSystem.IsLinux()
            || Environment.GetEnvironmentVariable("GLIBC_TUNABLES") is { } tunables && tunables.Contains("glibc.malloc.", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            // Setting either one turns off glibc's own adjustment of both, so both are set.
            return SetOption(MmapThresholdParameter, MmapThresholdBytes) == 1
                && SetOption(TrimThresholdParameter, TrimThresholdBytes) == 1;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int SetOption(int parameter, int value);
}
