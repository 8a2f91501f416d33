using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SpliceProbe;

// A minimal HTTP/1.1 forwarder for one question: what does Linux splice save over a user-space copy when the body of
// a Content-Length response moves from the origin's socket to the client's? Both modes share everything else:
// one thread per client connection, blocking sockets, one kept-alive origin connection per client connection.
// "acopy" is the same copy on .NET's async sockets, as the product's stack runs it.
//   SpliceProbe <listen-port> <origin-port> splice|copy|acopy [copy-buffer-bytes]
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: SpliceProbe <listen-port> <origin-port> splice|copy|acopy [copy-buffer-bytes]");
    return 2;
}

var listenPort = int.Parse(args[0], CultureInfo.InvariantCulture);
var origin = new IPEndPoint(IPAddress.Loopback, int.Parse(args[1], CultureInfo.InvariantCulture));
var useSplice = args[2] == "splice";
var useAsync = args[2] == "acopy";
var copyBuffer = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 64 * 1024;

using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
listener.Bind(new IPEndPoint(IPAddress.Loopback, listenPort));
listener.Listen(512);
Console.WriteLine($"listening on 127.0.0.1:{listenPort}, origin {origin}, {args[2]} {copyBuffer} B");
while (true)
{
    var client = listener.Accept();
    if (useAsync)
    {
        _ = new AsyncProbeConnection(client, origin, copyBuffer).RunAsync();
        continue;
    }

    var connection = new ProbeConnection(client, origin, useSplice, copyBuffer);
    new Thread(connection.Run) { IsBackground = true }.Start();
}
