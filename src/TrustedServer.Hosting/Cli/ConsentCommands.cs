using TrustedServer.Privacy.Consent;

namespace TrustedServer.Hosting.Cli;

/// <summary><c>consent decode STRING</c>: what a visitor's consent string says, as JSON.</summary>
internal static class ConsentCommands
{
    public static int Decode(string input, TextWriter stdout, TextWriter stderr)
    {
        if (ConsentStringDecoder.TryDecodeToJson(input, out var json, out var error))
        {
            stdout.WriteLine(json);
            return 0;
        }

        // One line, whatever the decoder said.
        stderr.WriteLine("consent decode: " + error.ReplaceLineEndings(" "));
        return 1;
    }
}
