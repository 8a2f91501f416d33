using System.Runtime.InteropServices;

namespace SpliceProbe;

internal static partial class Libc
{
    public const uint SpliceMove = 1;
    public const uint SpliceMore = 4;
    public const int SetPipeSize = 1031;

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint splice(int fdIn, nint offIn, int fdOut, nint offOut, nuint length, uint flags);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int pipe(int* fds);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int fcntl(int fd, int command, int argument);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);
}
