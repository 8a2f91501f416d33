using TrustedServer.Core.Configuration;
using TrustedServer.Core.RequestSigning;
using TrustedServer.Hosting.RequestSigning;

namespace TrustedServer.Hosting.Cli;

/// <summary>
/// <c>keys generate|list|rotate|deactivate --config FILE</c>: manage the signing keys in the configured store, the same
/// one the running instances read (they see a change within <c>refresh_seconds</c>).
/// </summary>
internal static class KeysCommand
{
    public const string Usage = """
        Usage:
          trusted-server keys generate --config FILE [--kid KID]     make the first key (refused when one is current)
          trusted-server keys list --config FILE                     list kids: current, active, stored
          trusted-server keys rotate --config FILE [--kid KID]       make a new current key; the previous stays active
          trusted-server keys deactivate --config FILE --kid KID [--delete]
                                                                     stop publishing a kid (and delete its keys)

        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        string? config = null, kid = null, problem = null;
        var delete = false;
        if (args.Length == 0 || !TryParse(args[1..], out config, out kid, out delete, out problem))
        {
            await stderr.WriteAsync((problem is null ? string.Empty : problem + "\n") + Usage);
            return 2;
        }

        var verb = args[0];
        if (verb is not ("generate" or "list" or "rotate" or "deactivate") || config is null || (verb == "deactivate" && kid is null))
        {
            await stderr.WriteAsync(Usage);
            return 2;
        }

        var loaded = ConfigLoader.LoadFile(config);
        if (!loaded.Success)
        {
            ConfigCommands.WriteErrors(loaded, stderr);
            return 1;
        }

        var signing = loaded.Options!.RequestSigning;
        if (string.IsNullOrEmpty(signing.Passphrase))
        {
            await stderr.WriteLineAsync("[request_signing] passphrase is not set; it is needed to encrypt and open the private keys");
            return 1;
        }

        await using var store = KeyStoreFactory.Create(signing);
        using var ring = new KeyRing(store, signing.Passphrase);
        try
        {
            await ring.RefreshAsync(cancellationToken);
        }
        catch (KeyStoreException ex)
        {
            await stderr.WriteLineAsync($"key store {KeyStoreFactory.Describe(signing)}: {ex.Message}");
            return 1;
        }

        var rotation = new KeyRotation(ring, TimeProvider.System);
        switch (verb)
        {
            case "list":
                List(ring.Current.Keys, stdout);
                return 0;
            case "generate" when ring.Current.Keys.CurrentKid is { } current:
                await stderr.WriteLineAsync($"the key store already has a current key ({current}); use keys rotate");
                return 1;
            case "generate" or "rotate":
                var rotated = await rotation.RotateAsync(kid, cancellationToken);
                if (!rotated.Success)
                {
                    await stderr.WriteLineAsync($"{rotated.Message}: {rotated.Error}");
                    return 1;
                }

                await stdout.WriteLineAsync($"new kid {rotated.NewKid} is current (previous: {rotated.PreviousKid ?? "none"}); active: {string.Join(", ", rotated.ActiveKids)}");
                return 0;
            default:
                var result = await rotation.DeactivateAsync(kid, delete, cancellationToken);
                if (!result.Success)
                {
                    await stderr.WriteLineAsync($"{result.Message}: {result.Error}");
                    return 1;
                }

                await stdout.WriteLineAsync($"{result.Message}: {kid}; active: {string.Join(", ", result.RemainingActiveKids)}");
                return 0;
        }
    }

    private static void List(KeySet keys, TextWriter stdout)
    {
        var kids = keys.ActiveKids.Concat(keys.Jwks.Keys.Order(StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        if (kids.Count == 0)
        {
            stdout.WriteLine("no keys (make one with: trusted-server keys generate --config FILE)");
            return;
        }

        foreach (var kid in kids)
        {
            var state = kid == keys.CurrentKid ? "current" : keys.IsActive(kid) ? "active" : "inactive";
            var x = keys.Jwks.GetValueOrDefault(kid)?.X ?? "(no public key)";
            stdout.WriteLine($"{kid}\t{state}\t{x}");
        }
    }

    private static bool TryParse(string[] args, out string? config, out string? kid, out bool delete, out string problem)
    {
        config = null;
        kid = null;
        delete = false;
        problem = string.Empty;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--delete":
                    delete = true;
                    break;
                case "--config" or "--kid" when i + 1 < args.Length:
                    if (args[i] == "--config")
                    {
                        config = args[++i];
                    }
                    else
                    {
                        kid = args[++i];
                    }

                    break;
                default:
                    problem = $"unknown or incomplete option {args[i]}";
                    return false;
            }
        }

        return true;
    }
}
