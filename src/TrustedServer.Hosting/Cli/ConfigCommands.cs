using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.Cli;

/// <summary><c>config validate</c> and <c>config init</c>.</summary>
internal static class ConfigCommands
{
    public static int Validate(string file, TextWriter stdout, TextWriter stderr)
    {
        var result = ConfigLoader.LoadFile(file);
        if (result.Success)
        {
            stdout.WriteLine($"{file}: valid");
            return 0;
        }

        WriteErrors(result, stderr);
        return 1;
    }

    public static int Init(string? output, TextWriter stdout, TextWriter stderr)
    {
        if (output is null)
        {
            stdout.Write(StarterConfig.Text);
            return 0;
        }

        if (File.Exists(output))
        {
            stderr.WriteLine($"{output} already exists; not overwriting it");
            return 1;
        }

        File.WriteAllText(output, StarterConfig.Text);
        stdout.WriteLine($"wrote {output}");
        return 0;
    }

    public static void WriteErrors(ConfigLoadResult result, TextWriter stderr)
    {
        stderr.WriteLine($"configuration is invalid ({result.Errors.Count} error{(result.Errors.Count == 1 ? string.Empty : "s")}):");
        foreach (var error in result.Errors)
        {
            stderr.WriteLine("  " + error);
        }
    }
}
