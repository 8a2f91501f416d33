using System.Runtime.InteropServices;

namespace TrustedServer.Hosting.Listener;

/// <summary>
/// File descriptors are a hard limit of the process, and the .NET runtime needs some of its own at any moment: a new
/// thread-pool thread, an assembly loaded late and the garbage collector's reads of <c>/proc</c> all open one, and the
/// runtime ends the process ("Out of memory.") when it cannot. So the listener never lets client connections use them
/// all: at startup the soft limit is raised to the hard one, as Go's runtime does, and unless
/// <c>[server] max_concurrent_connections</c> is set, connections are capped so that each can have its origin
/// connection and a reserve stays free.
/// </summary>
internal static partial class DescriptorBudget
{
    /// <summary>Descriptors one client connection can hold: its socket, an origin connection, and the origin's side of
    /// that connection when the origin runs in this process (the demo).</summary>
    internal const int PerConnection = 3;

    /// <summary>The fewest connections a derived cap allows, however small the limit.</summary>
    internal const int MinimumConnections = 16;

    private const int NoFileResource = 7;

    /// <summary>The soft limit after raising it, the descriptors open now, and the cap; null where the platform has no
    /// such limit (not Linux) or it cannot be read.</summary>
    public static DescriptorLimits? Measure()
    {
        if (!OperatingSystem.IsLinux() || !TryRaiseSoftLimit(out var limit))
        {
            return null;
        }

        int open;
        try
        {
            open = Directory.GetFiles("/proc/self/fd").Length;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        return new DescriptorLimits(limit, open, ConnectionCap(limit, open));
    }

    /// <summary>The connections that fit in <paramref name="limit"/> with <paramref name="open"/> descriptors in use:
    /// what is left after a reserve of an eighth of the limit (at least 128) for the runtime and late work, divided by
    /// <see cref="PerConnection"/>.</summary>
    internal static long ConnectionCap(ulong limit, int open)
    {
        var capped = Math.Min(limit, (ulong)int.MaxValue);
        var reserve = Math.Max(128, (long)(capped / 8));
        var free = (long)capped - open - reserve;
        return Math.Max(MinimumConnections, free / PerConnection);
    }

    private static bool TryRaiseSoftLimit(out ulong limit)
    {
        limit = 0;
        try
        {
            if (GetResourceLimit(NoFileResource, out var current) != 0)
            {
                return false;
            }

            limit = current.Soft;
            if (current.Soft < current.Hard && SetResourceLimit(NoFileResource, new ResourceLimit { Soft = current.Hard, Hard = current.Hard }) == 0)
            {
                limit = current.Hard;
            }

            return true;
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

    [LibraryImport("libc", EntryPoint = "getrlimit")]
    private static partial int GetResourceLimit(int resource, out ResourceLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit")]
    private static partial int SetResourceLimit(int resource, in ResourceLimit limit);

    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceLimit
    {
        public ulong Soft;
        public ulong Hard;
    }
}
