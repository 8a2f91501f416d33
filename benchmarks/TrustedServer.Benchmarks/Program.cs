using BenchmarkDotNet.Running;

namespace TrustedServer.Benchmarks;

internal static class Program
{
    private static void Main(string[] args)
    {
        if (args is ["auction-load", ..])
        {
            Auction.AuctionLoad.RunAsync(args[1..]).GetAwaiter().GetResult();
            return;
        }

        if (args is ["rewrite-loop", ..])
        {
            Publisher.RewriteLoop.Run(args[1..]);
            return;
        }

        if (args is ["codec-loop", ..])
        {
            Codec.CodecLoop.Run(args[1..]);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
