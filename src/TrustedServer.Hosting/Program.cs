using TrustedServer.Hosting.Cli;

namespace TrustedServer.Hosting;

/// <summary>Entry point of the trusted-server executable.</summary>
public static class Program
{
    /// <summary>Runs the command line.</summary>
    public static Task<int> Main(string[] args) => CommandLine.RunAsync(args, Console.Out, Console.Error);
}
