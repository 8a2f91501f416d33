using TrustedServer.Core.Rewriting.Integrations;

namespace TrustedServer.Hosting.Integrations;

/// <summary>
/// One vendor script kept in memory for a time to live: one upstream fetch per TTL however many visitors ask.
/// Concurrent misses share one fetch (the first starts it, the rest wait on it; a visitor who leaves stops waiting
/// without cancelling the others). A failed fetch is never kept: its waiters get a 502 and the next request tries
/// again. The body is bounded by <see cref="MaxBytes"/>.
/// </summary>
internal sealed class UpstreamScriptCache(string integrationId, Uri target, TimeSpan ttl)
{
    /// <summary>The largest script kept.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    private readonly Lock _gate = new();
    private volatile Entry? _entry;
    private Task<Entry?>? _fill;

    /// <summary>The upstream URL.</summary>
    public Uri Target => target;

    /// <summary>Writes the script (rewritten by <paramref name="hosts"/> for this request when given), or a 502.</summary>
    public async Task ServeAsync(HttpContext context, ReplacementTable? hosts, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var entry = await GetAsync(context);
        if (entry is null)
        {
            await FirstParty.PlainText.WriteAsync(context, StatusCodes.Status502BadGateway, "upstream failure");
            return;
        }

        var body = entry.Fetch.Body;
        if (hosts is not null)
        {
            var writer = new System.Buffers.ArrayBufferWriter<byte>(body.Length + 256);
            var replacer = hosts.CreateReplacer();
            replacer.Process(body, writer);
            replacer.Finish(writer);
            body = writer.WrittenSpan.ToArray();
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/javascript; charset=utf-8";
        response.Headers.CacheControl = $"public, max-age={(int)ttl.TotalSeconds}";
        foreach (var (name, value) in headers)
        {
            response.Headers[name] = value;
        }

        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private async Task<Entry?> GetAsync(HttpContext context)
    {
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        if (_entry is { } hit && time.GetUtcNow() < hit.Expires)
        {
            return hit;
        }

        Task<Entry?> fill;
        lock (_gate)
        {
            if (_entry is { } again && time.GetUtcNow() < again.Expires)
            {
                return again;
            }

            fill = _fill ??= FillAsync(context.RequestServices.GetRequiredService<IntegrationProxy>(), time);
        }

        return await fill.WaitAsync(context.RequestAborted);
    }

    private async Task<Entry?> FillAsync(IntegrationProxy proxy, TimeProvider time)
    {
        // Leave the caller's lock before the fetch starts; the fill is shared, so no one visitor's token cancels it.
        await Task.Yield();
        try
        {
            var fetched = await proxy.FetchSharedAsync(integrationId, target, MaxBytes, CancellationToken.None);
            if (fetched is null)
            {
                return null;
            }

            var entry = new Entry(fetched, time.GetUtcNow() + ttl);
            _entry = entry;
            return entry;
        }
        finally
        {
            lock (_gate)
            {
                _fill = null;
            }
        }
    }

    private sealed record Entry(SharedFetch Fetch, DateTimeOffset Expires);
}
