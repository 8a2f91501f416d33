using System.Net.Sockets;
using System.Text;

namespace TrustedServer.Hosting.Tests.Infrastructure;

/// <summary>A raw HTTP/1.1 exchange over a loopback socket, to see framing exactly as sent.</summary>
internal static class RawHttp
{
    public sealed record Result(string Head, byte[] Body, bool ClosedCleanly)
    {
        public string? Header(string name)
        {
            foreach (var line in Head.Split("\r\n"))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && line[..colon].Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    return line[(colon + 1)..].Trim();
                }
            }

            return null;
        }

        public int Status => int.Parse(Head.Split(' ')[1]);
    }

    /// <summary>Sends <paramref name="method"/> <paramref name="path"/> with <c>Connection: close</c> and reads until the server closes.</summary>
    public static async Task<Result> SendAsync(Uri server, string method, string path, string extraHeaders = "", string connection = "close")
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = client.GetStream();
        var request = $"{method} {path} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: {connection}\r\n{extraHeaders}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);

        using var all = new MemoryStream();
        var buffer = new byte[16 * 1024];
        var clean = true;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                all.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            clean = false;
        }

        var bytes = all.ToArray();
        var split = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        Assert.True(split >= 0, "no complete response head");
        return new Result(Encoding.ASCII.GetString(bytes, 0, split), bytes[(split + 4)..], clean);
    }
}
