using TrustedServer.Core.Configuration;
using TrustedServer.Core.RequestSigning;

namespace TrustedServer.Hosting.RequestSigning;

/// <summary>
/// Loads the key ring before the server takes requests (a store that cannot be read or opened stops startup with its
/// reason) and rereads it every <c>refresh_seconds</c>; a failed reread keeps the keys already loaded.
/// </summary>
internal sealed class KeyRingRefresher(KeyRing ring, TrustedServerOptions options, TimeProvider time, ILogger<KeyRingRefresher> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var location = KeyStoreFactory.Describe(options.RequestSigning);
        try
        {
            await ring.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (KeyStoreException ex) when (IsUnreachable(ex))
        {
            // A shared store that is briefly down must not crash-loop every instance: start unsigned and keep trying.
            SigningLog.RefreshFailed(logger, ex);
            await base.StartAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (KeyStoreException ex)
        {
            throw new InvalidOperationException($"[request_signing] key store {location}: {ex.Message}", ex);
        }

        var state = ring.Current;
        if (state.SigningKey is { } key)
        {
            SigningLog.Loaded(logger, location, key.Kid, state.Keys.ActiveKids.Count);
        }
        else
        {
            SigningLog.NoSigningKey(logger, location, state.Problem ?? "unknown");
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    private static bool IsUnreachable(KeyStoreException ex) =>
        ex.InnerException is StackExchange.Redis.RedisConnectionException or StackExchange.Redis.RedisTimeoutException or TimeoutException;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.RequestSigning.Refresh, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var before = ring.Current.Keys.Revision;
                try
                {
                    await ring.RefreshAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (KeyStoreException ex)
                {
                    SigningLog.RefreshFailed(logger, ex);
                    continue;
                }

                var after = ring.Current;
                if (after.Keys.Revision != before)
                {
                    SigningLog.Changed(logger, after.SigningKey?.Kid, after.Keys.ActiveKids.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
