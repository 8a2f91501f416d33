namespace TrustedServer.Hosting.Cli;

/// <summary>
/// The command line: <c>serve [--config FILE] [--urls URL]</c>, <c>config validate FILE</c>, <c>config init [--output FILE]</c>, <c>explain URL [--config FILE]</c>.
/// A small hand parser: four commands do not justify a framework.
/// </summary>
internal static class CommandLine
{
    public const string DefaultUrls = "http://localhost:8080";

    public const string Usage = """
        Usage:
          trusted-server serve [--config FILE] [--urls URL]   run the server (without --config: the embedded demo)
          trusted-server config validate FILE                 check a configuration; exit 1 with every error
          trusted-server config init [--output FILE]          print (or write) a commented starter trusted-server.toml
          trusted-server consent decode STRING                decode a TCF v2, GPP or US Privacy string to JSON
          trusted-server explain URL [--config FILE]          fetch URL through the pipeline and show what it did
          trusted-server keys generate|list|rotate|deactivate --config FILE [--kid KID] [--delete]
                                                              manage the request-signing keys
          trusted-server --version                            print the version

        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        switch (args)
        {
            case ["serve", .. var rest]:
                return TryParseOptions(rest, ["--config", "--urls"], stderr, out var serve)
                    ? await ServeCommand.RunAsync(serve.GetValueOrDefault("--config"), serve.GetValueOrDefault("--urls") ?? DefaultUrls, stdout, stderr, cancellationToken)
                    : 2;
            case ["config", "validate", var file]:
                return ConfigCommands.Validate(file, stdout, stderr);
            case ["config", "init", .. var rest]:
                return TryParseOptions(rest, ["--output"], stderr, out var init)
                    ? ConfigCommands.Init(init.GetValueOrDefault("--output"), stdout, stderr)
                    : 2;
            case ["consent", "decode", var consent]:
                return ConsentCommands.Decode(consent, stdout, stderr);
            case ["explain", var url, .. var rest] when !url.StartsWith("--", StringComparison.Ordinal):
                return TryParseOptions(rest, ["--config"], stderr, out var explain)
                    ? await ExplainCommand.RunAsync(url, explain.GetValueOrDefault("--config"), stdout, stderr, cancellationToken)
                    : 2;
            case ["keys", .. var rest]:
                return await KeysCommand.RunAsync(rest, stdout, stderr, cancellationToken);
            case ["--version"] or ["version"]:
                await stdout.WriteLineAsync(VersionCommand.Text);
                return 0;
            case ["--help"] or ["-h"] or ["help"]:
                await stdout.WriteAsync(Usage);
                return 0;
            default:
                await stderr.WriteAsync(Usage);
                return 2;
        }
    }

    private static bool TryParseOptions(string[] args, string[] known, TextWriter stderr, out Dictionary<string, string> values)
    {
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string? value = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (i + 1 < args.Length)
            {
                value = args[++i];
            }

            if (Array.IndexOf(known, name) < 0 || value is null)
            {
                stderr.WriteLine(value is null && Array.IndexOf(known, name) >= 0 ? $"{name} needs a value" : $"unknown option {name}");
                stderr.Write(Usage);
                return false;
            }

            values[name] = value;
        }

        return true;
    }
}
