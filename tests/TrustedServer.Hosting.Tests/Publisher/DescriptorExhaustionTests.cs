using System.Net;
using System.Net.Sockets;
using System.Text;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Publisher;

/// <summary>
/// Running out of file descriptors (a flood, or an origin that leads back here) must not leave the process broken: once
/// descriptors are free again it serves as before, without a restart. The server runs in a child process under a low
/// <c>ulimit -n</c>, and held client connections use up what it allows.
/// </summary>
public sealed class DescriptorExhaustionTests
{
    private const int OpenFileLimit = 512;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Without a setting, the server caps client connections below what its descriptors allow, so the runtime always
    // has some left: it ends the process ("Out of memory.") when a new thread or a late assembly load cannot open one.
    [Fact]
    public async Task After_running_out_of_descriptors_the_server_serves_pages_again()
    {
        using var server = ServerProcess.Start(["serve", "--urls", "http://127.0.0.1:0"], OpenFileLimit);
        var line = await server.WaitForLineAsync(l => l.Contains("open http://", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var url = new Uri(line[(line.IndexOf("open ", StringComparison.Ordinal) + 5)..].Split(' ')[0]);
        var endpoint = new IPEndPoint(IPAddress.Loopback, url.Port);

        var held = new List<Socket>();
        string during;
        try
        {
            // Each accepted connection holds one of the server's descriptors: open them until one is not answered.
            var exhausted = false;
            while (!exhausted && held.Count < OpenFileLimit * 2)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                held.Add(socket);
                await socket.ConnectAsync(endpoint, Ct);
                exhausted = await StatusAsync(socket, "/_ts/health", TimeSpan.FromSeconds(2)) != "200";
            }

            Assert.True(exhausted, $"{held.Count} connections did not exhaust the server's descriptors");

            // A page needs more: an origin connection, the rewriter, the codec, the script tag. None of it can work now.
            during = await StatusAsync(held[0], "/", TimeSpan.FromSeconds(15));
        }
        finally
        {
            foreach (var socket in held)
            {
                socket.Dispose();
            }
        }

        // Descriptors are free again: health, a rewritten gzip page and the script it names are served as before.
        var health = await RetryAsync("/_ts/health");
        var page = await RetryAsync("/");
        var script = await RetryAsync("/static/tsjs=tsjs-unified.min.js");

        Assert.False(server.HasExited, string.Join('\n', server.Stderr));
        Assert.True(health == "200" && page == "200" && script == "200", $"during: {during}; after: health {health}, page {page}, script {script}\n{string.Join('\n', server.Stdout.TakeLast(3).Select(l => l.Length > 400 ? l[..400] : l))}");

        async Task<string> RetryAsync(string path)
        {
            var status = "none";
            for (var attempt = 0; attempt < 20 && status != "200"; attempt++)
            {
                if (attempt > 0)
                {
                    await Task.Delay(250, Ct);
                }

                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    // Just after the held connections close, the listener may still be catching up; a refusal that
                    // lasts through every attempt fails below with the server's output.
                    await socket.ConnectAsync(endpoint, Ct);
                }
                catch (SocketException ex)
                {
                    status = "connect: " + ex.SocketErrorCode;
                    continue;
                }

                status = await StatusAsync(socket, path, TimeSpan.FromSeconds(10));
            }

            return status;
        }
    }

    /// <summary>Sends one keep-alive GET and reads the response through its end; the status, or why there is none.</summary>
    private static async Task<string> StatusAsync(Socket socket, string path, TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(timeout);
        try
        {
            var request = $"GET {path} HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: gzip\r\nAccept: text/html\r\n\r\n";
            await socket.SendAsync(Encoding.ASCII.GetBytes(request), deadline.Token);
            var received = new List<byte>();
            var buffer = new byte[16 * 1024];
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, deadline.Token);
                if (read == 0)
                {
                    return "closed";
                }

                received.AddRange(buffer.AsSpan(0, read));
                if (Complete(received) is { } status)
                {
                    return status;
                }
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            return "timeout";
        }
        catch (SocketException ex)
        {
            return ex.SocketErrorCode.ToString();
        }
    }

    private static string? Complete(List<byte> received)
    {
        var text = Encoding.Latin1.GetString([.. received]);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var head = text[..end];
        var body = text.Length - end - 4;
        var status = head.Split(' ')[1];
        var length = head.Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        if (length is not null)
        {
            return body >= int.Parse(length["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture) ? status : null;
        }

        return head.Contains("chunked", StringComparison.OrdinalIgnoreCase) && !text.EndsWith("0\r\n\r\n", StringComparison.Ordinal) ? null : status;
    }
}
