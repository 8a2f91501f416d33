using System.Net;
using System.Net.Sockets;

namespace SpliceProbe;

/// <summary>The copy of <see cref="ProbeConnection"/> on .NET's async sockets (epoll thread, thread pool), as the product runs.</summary>
internal sealed class AsyncProbeConnection(Socket client, IPEndPoint originEndPoint, int copyBufferSize)
{
    private readonly byte[] _head = new byte[16 * 1024];

    public async Task RunAsync()
    {
        using var origin = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        var copy = new byte[copyBufferSize];
        try
        {
            await origin.ConnectAsync(originEndPoint);
            while (true)
            {
                var (requestLength, _) = await ReadHeadAsync(client);
                if (requestLength == 0)
                {
                    return;
                }

                await origin.SendAsync(_head.AsMemory(0, requestLength));
                var (responseLength, headEnd) = await ReadHeadAsync(origin);
                if (responseLength == 0)
                {
                    throw new IOException("origin closed before its response head");
                }

                var remaining = ProbeConnection.ParseContentLength(_head.AsSpan(0, headEnd)) - (responseLength - headEnd);
                await client.SendAsync(_head.AsMemory(0, responseLength));
                while (remaining > 0)
                {
                    var read = await origin.ReceiveAsync(copy.AsMemory(0, (int)Math.Min(remaining, copy.Length)));
                    if (read == 0)
                    {
                        throw new IOException("origin closed mid-body");
                    }

                    await client.SendAsync(copy.AsMemory(0, read));
                    remaining -= read;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            Console.Error.WriteLine($"connection ended: {ex.Message}");
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task<(int Length, int HeadEnd)> ReadHeadAsync(Socket socket)
    {
        var length = 0;
        while (true)
        {
            var read = await socket.ReceiveAsync(_head.AsMemory(length));
            if (read == 0)
            {
                return (0, 0);
            }

            length += read;
            var end = _head.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                return (length, end + 4);
            }

            if (length == _head.Length)
            {
                throw new IOException("head too large");
            }
        }
    }
}
