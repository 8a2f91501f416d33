using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using TrustedServer.Hosting.FirstParty;

namespace TrustedServer.Hosting.Tests.FirstParty;

/// <summary>
/// The first-party proxy's resolver and connector for tests: nothing ever leaves the machine. "localhost" resolves to
/// 127.0.0.1; made-up public names resolve to a fake public address that is connected to the loopback origin only
/// when the test says so; every other lookup or address is recorded as a violation and fails instead of connecting.
/// </summary>
internal sealed class LoopbackNetwork
{
    public static readonly IPAddress FakePublic = IPAddress.Parse("93.184.216.34");

    private readonly ConcurrentQueue<string> _violations = new();
    private int _attempts;

    /// <summary>The loopback port the fake public address is connected to, or null to refuse it.</summary>
    public int? PublicGoesToPort { get; set; }

    /// <summary>How many connections the proxy asked for (any address).</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    public IReadOnlyCollection<string> Violations => _violations;

    public FirstPartyNetwork Network => new(ConnectAsync, ResolveAsync);

    private ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return ValueTask.FromResult(new[] { IPAddress.Loopback });
        }

        if (host.EndsWith("public.example", StringComparison.OrdinalIgnoreCase))
        {
            return ValueTask.FromResult(new[] { FakePublic });
        }

        _violations.Enqueue("lookup of " + host);
        throw new SocketException((int)SocketError.HostNotFound);
    }

    private async ValueTask<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        IPEndPoint target;
        if (IPAddress.IsLoopback(endpoint.Address))
        {
            target = endpoint;
        }
        else if (endpoint.Address.Equals(FakePublic) && PublicGoesToPort is { } port)
        {
            target = new IPEndPoint(IPAddress.Loopback, port);
        }
        else
        {
            _violations.Enqueue("connect to " + endpoint);
            throw new SocketException((int)SocketError.ConnectionRefused);
        }

        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(target, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
