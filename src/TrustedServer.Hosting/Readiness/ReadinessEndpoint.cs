using System.Text.Json;
using TrustedServer.Core.RequestSigning;
using TrustedServer.Hosting.EdgeCookie.Storage;
using TrustedServer.Hosting.RequestSigning;
using TrustedServer.Privacy.EdgeCookie.Storage;

namespace TrustedServer.Hosting.Readiness;

/// <summary>
/// <c>GET /_ts/ready</c>, the readiness check (liveness stays <c>/_ts/health</c>): 503 while the app is starting, from
/// the moment shutdown begins, and while a store the configuration names does not answer (the Edge Cookie store and
/// the signing key store when they are Redis); 200 otherwise. The answer names each check.
/// </summary>
internal sealed class ReadinessEndpoint
{
    public const string Path = "/_ts/ready";

    /// <summary>How long one probe may take; a probe that takes longer counts as failed.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    private readonly ReadinessState _state;
    private readonly Lazy<Task<IReadinessProbe[]>> _probes;

    public ReadinessEndpoint(ReadinessState state, IServiceProvider services, IEnumerable<IReadinessProbe> probes)
    {
        _state = state;

        // The stores are resolved on the first check, not at startup, so that building the app opens nothing; off the
        // request, because a Redis store's first connection attempt can take its whole connect timeout.
        _probes = new Lazy<Task<IReadinessProbe[]>>(() => Task.Run(() => (IReadinessProbe[])[.. StoreProbes(services), .. probes]));
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var endpoint = endpoints.ServiceProvider.GetRequiredService<ReadinessEndpoint>();
        endpoints.MapGet(Path, endpoint.HandleAsync);
    }

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var phase = _state.Phase;
        var results = phase is null ? await CheckAsync(context.RequestAborted) : [];
        var ready = phase is null && results.All(r => r.Problem is null);

        var response = context.Response;
        response.StatusCode = ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-store";
        await using var json = new Utf8JsonWriter(response.Body);
        json.WriteStartObject();
        json.WriteString("status", ready ? "ready" : phase ?? "not_ready");
        json.WriteStartObject("checks");
        foreach (var (name, problem) in results)
        {
            json.WriteString(name, problem ?? "ok");
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    private async Task<(string Name, string? Problem)[]> CheckAsync(CancellationToken cancellationToken)
    {
        IReadinessProbe[] probes;
        try
        {
            probes = await _probes.Value.WaitAsync(ProbeTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return [("stores", "connecting")];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return [("stores", "failed: " + ex.GetType().Name)];
        }

        return await Task.WhenAll(probes.Select(p => RunAsync(p, cancellationToken)));
    }

    private static IEnumerable<IReadinessProbe> StoreProbes(IServiceProvider services)
    {
        if (services.GetService<IIdentityStore>() is RedisIdentityStore identities)
        {
            yield return new StoreProbe("ec_store", identities.PingAsync);
        }

        if (services.GetService<IKeyStore>() is RedisKeyStore keys)
        {
            yield return new StoreProbe("signing_key_store", keys.PingAsync);
        }
    }

    private static async Task<(string Name, string? Problem)> RunAsync(IReadinessProbe probe, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ProbeTimeout);
        try
        {
            await probe.CheckAsync(deadline.Token).WaitAsync(deadline.Token);
            return (probe.Name, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (probe.Name, $"no answer within {ProbeTimeout.TotalMilliseconds:0} ms");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The exception's message may name hosts or addresses; its type says enough for an operator's first look.
            return (probe.Name, "failed: " + ex.GetType().Name);
        }
    }
}
