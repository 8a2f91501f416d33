using System.Diagnostics;
using TrustedServer.Core.RequestSigning;

namespace TrustedServer.Hosting.Tests.RequestSigning;

/// <summary>
/// <c>trusted-server keys rotate</c> in a child process, killed at random points of its run: the file store must
/// always read back as the old or the new key set, never a torn file, and still open with the passphrase.
/// </summary>
public sealed class FileStoreCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Runs = 12;

    // Large enough that a write takes a while, small enough that the buffers System.Text.Json rents for it from the
    // shared pool (kept there for the rest of the process) do not count against the heap-bound tests.
    private const int PaddingChars = 2 * 1024 * 1024;
    private readonly string _dir = Directory.CreateTempSubdirectory("ts-keys-crash-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_rotation_killed_at_any_point_leaves_the_old_or_the_new_key_set()
    {
        var keys = Path.Combine(_dir, "keys.json");
        var config = Path.Combine(_dir, "trusted-server.toml");
        await File.WriteAllTextAsync(config, $"""
            [publisher]
            domain = "www.example.com"
            origin_url = "https://origin.example.com"

            [request_signing]
            enabled = true
            key_store = "file://{keys}"
            passphrase = "{SigningHarness.Passphrase}"
            admin_endpoints = false
            """, Ct);

        var store = new FileKeyStore(keys);
        await SeedAsync(store);

        var full = await RunAsync(config, kill: null);
        Assert.Equal(0, full.ExitCode);
        var outcomes = new Dictionary<string, int>();
        var random = new Random(20260314);
        for (var i = 0; i < Runs; i++)
        {
            var delay = TimeSpan.FromMilliseconds(full.Duration.TotalMilliseconds * (0.2 + (random.NextDouble() * 0.9)));
            var outcome = await KillOnceAsync(store, config, delay);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        // The next successful write clears what killed writers left behind.
        Assert.Equal(0, (await RunAsync(config, kill: null)).ExitCode);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
        output.WriteLine($"full run {full.Duration.TotalMilliseconds:F0} ms; outcomes: {string.Join(", ", outcomes.Select(o => o.Key + "=" + o.Value))}");
    }

    private static async Task SeedAsync(FileKeyStore store)
    {
        // A cheap Argon2id cost keeps each child run short; a large unrelated entry makes every write take long enough
        // that some kills land in the middle of one.
        using var ring = new KeyRing(store, SigningHarness.Passphrase);
        var setup = new KeyRotation(ring, TimeProvider.System) { CostOfNewStore = (8, 1) };
        Assert.True((await setup.RotateAsync("seed-key", Ct)).Success);
        await store.ApplyAsync([KeyStoreWrite.Set("padding", new string('p', PaddingChars))], null, Ct);
    }

    private static async Task<string> KillOnceAsync(FileKeyStore store, string config, TimeSpan delay)
    {
        var before = KeySet.Parse(await store.ReadAsync(Ct));
        await RunAsync(config, delay);

        string outcome;
        var after = KeySet.Parse(await store.ReadAsync(Ct));
        Assert.True(after.Revision == before.Revision || after.Revision == before.Revision + 1, $"revision {before.Revision} -> {after.Revision}");
        Assert.Equal(PaddingChars, after.Contents.Entries["padding"].Length);
        if (after.Revision == before.Revision)
        {
            Assert.Equal(before.Contents.Entries.OrderBy(e => e.Key), after.Contents.Entries.OrderBy(e => e.Key));
            outcome = "old";
        }
        else
        {
            Assert.Equal(before.ActiveKids.Count + 1, after.ActiveKids.Count);
            Assert.NotEqual(before.CurrentKid, after.CurrentKid);
            outcome = "new";
        }

        using var reader = new KeyRing(store, SigningHarness.Passphrase);
        await reader.RefreshAsync(Ct);
        Assert.Equal(after.CurrentKid, reader.Current.SigningKey?.Kid);
        return outcome;
    }

    private static async Task<(int ExitCode, TimeSpan Duration)> RunAsync(string config, TimeSpan? kill)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "trusted-server.dll"), "keys", "rotate", "--config", config })
        {
            start.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var drainOut = process.StandardOutput.ReadToEndAsync(Ct);
        var drainErr = process.StandardError.ReadToEndAsync(Ct);
        if (kill is { } delay)
        {
            await Task.Delay(delay, Ct);
            try
            {
                process.Kill();
            }
            catch (InvalidOperationException)
            {
                // Finished first.
            }
        }

        await process.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        await Task.WhenAll(drainOut, drainErr);
        return (process.ExitCode, clock.Elapsed);
    }
}
