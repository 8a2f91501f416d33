namespace TrustedServer.Hosting;

/// <summary>Entry point of the trusted-server executable.</summary>
public static class Program
{
    /// <summary>Runs the command line.</summary>
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return 0;
    }
}
