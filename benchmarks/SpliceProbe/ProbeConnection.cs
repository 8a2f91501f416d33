using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace SpliceProbe;

/// <summary>Serves one client connection: request head to the origin, response head back, then the body.</summary>
internal sealed unsafe class ProbeConnection(Socket client, IPEndPoint originEndPoint, bool useSplice, int copyBufferSize)
{
    private const int HeadBufferSize = 16 * 1024;
    private readonly byte[] _head = new byte[HeadBufferSize];

    public void Run()
    {
        using var origin = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        var pipe = stackalloc int[2];
        var copy = new byte[copyBufferSize];
        try
        {
            origin.Connect(originEndPoint);
            if (useSplice)
            {
                if (Libc.pipe(pipe) != 0)
                {
                    throw new IOException($"pipe: errno {Marshal.GetLastPInvokeError()}");
                }

                // A 1 MiB pipe lets one splice move as much as the origin's socket holds.
                _ = Libc.fcntl(pipe[1], Libc.SetPipeSize, 1024 * 1024);
            }

            while (ForwardOne(origin, pipe, copy))
            {
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            Console.Error.WriteLine($"connection ended: {ex.Message}");
        }
        finally
        {
            if (useSplice)
            {
                _ = Libc.close(pipe[0]);
                _ = Libc.close(pipe[1]);
            }

            client.Dispose();
        }
    }

    private bool ForwardOne(Socket origin, int* pipe, byte[] copy)
    {
        // Request: a GET head (wrk sends nothing else), forwarded as it came.
        var requestLength = ReadHead(client, out _);
        if (requestLength == 0)
        {
            return false;
        }

        origin.Send(_head.AsSpan(0, requestLength));

        // Response head; whatever body bytes arrived with it go to the client with the head.
        var responseLength = ReadHead(origin, out var headEnd);
        if (responseLength == 0)
        {
            throw new IOException("origin closed before its response head");
        }

        var contentLength = ParseContentLength(_head.AsSpan(0, headEnd));
        client.Send(_head.AsSpan(0, responseLength));
        var remaining = contentLength - (responseLength - headEnd);
        if (useSplice)
        {
            SpliceBody(origin, pipe, remaining);
        }
        else
        {
            CopyBody(origin, copy, remaining);
        }

        return true;
    }

    private void SpliceBody(Socket origin, int* pipe, long remaining)
    {
        var from = (int)origin.Handle;
        var to = (int)client.Handle;
        while (remaining > 0)
        {
            var moved = Libc.splice(from, 0, pipe[1], 0, (nuint)Math.Min(remaining, 1024 * 1024), Libc.SpliceMove | Libc.SpliceMore);
            if (moved <= 0)
            {
                throw new IOException($"origin splice: {moved}, errno {Marshal.GetLastPInvokeError()}");
            }

            remaining -= moved;
            while (moved > 0)
            {
                var sent = Libc.splice(pipe[0], 0, to, 0, (nuint)moved, Libc.SpliceMove | (remaining > 0 ? Libc.SpliceMore : 0));
                if (sent <= 0)
                {
                    throw new IOException($"client splice: {sent}, errno {Marshal.GetLastPInvokeError()}");
                }

                moved -= sent;
            }
        }
    }

    private void CopyBody(Socket origin, byte[] copy, long remaining)
    {
        while (remaining > 0)
        {
            var read = origin.Receive(copy, 0, (int)Math.Min(remaining, copy.Length), SocketFlags.None);
            if (read == 0)
            {
                throw new IOException("origin closed mid-body");
            }

            client.Send(copy, 0, read, SocketFlags.None);
            remaining -= read;
        }
    }

    /// <summary>Reads until the blank line; returns the bytes read (head plus any body after it), 0 at a clean end.</summary>
    private int ReadHead(Socket socket, out int headEnd)
    {
        var length = 0;
        while (true)
        {
            var read = socket.Receive(_head, length, _head.Length - length, SocketFlags.None);
            if (read == 0)
            {
                headEnd = 0;
                return 0;
            }

            length += read;
            var end = _head.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                headEnd = end + 4;
                return length;
            }

            if (length == _head.Length)
            {
                throw new IOException("head too large");
            }
        }
    }

    internal static long ParseContentLength(ReadOnlySpan<byte> head)
    {
        foreach (var line in Encoding.ASCII.GetString(head).Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                return long.Parse(line.AsSpan(15).Trim(), CultureInfo.InvariantCulture);
            }
        }

        throw new IOException("the probe handles Content-Length responses only");
    }
}
