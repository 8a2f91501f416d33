using System.Net.Sockets;
using System.Text;

namespace TrustedServer.Hosting.Tests.Infrastructure;

/// <summary>One raw HTTP/1.1 GET whose response is read in two steps: up to an expected text, then to the end.</summary>
internal sealed class SlowExchange : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly MemoryStream _received = new();

    private SlowExchange(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public sealed record Received(string Text, bool ClosedCleanly);

    /// <summary>Sends the request and returns once <paramref name="until"/> has arrived.</summary>
    public static async Task<SlowExchange> StartAsync(Uri server, string path, string until)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, timeout.Token);
        var exchange = new SlowExchange(client);
        await exchange._stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n\r\n"), timeout.Token);
        var buffer = new byte[16 * 1024];
        while (!Encoding.ASCII.GetString(exchange._received.ToArray()).Contains(until, StringComparison.Ordinal))
        {
            var read = await exchange._stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                throw new IOException("the response ended before: " + until);
            }

            exchange._received.Write(buffer, 0, read);
        }

        return exchange;
    }

    /// <summary>Reads until the server closes the connection (cleanly or not); the text is everything received.</summary>
    public async Task<Received> ReadToEndAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[16 * 1024];
        var clean = true;
        try
        {
            int read;
            while ((read = await _stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                _received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            clean = false;
        }

        return new Received(Encoding.ASCII.GetString(_received.ToArray()), clean);
    }

    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
        _received.Dispose();
    }
}
