using System.Buffers;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;

namespace TrustedServer.Core.Auction;

/// <summary>
/// One provider's outbound HTTP: its own pooled keep-alive connections, decompressed answers capped at
/// <c>max_response_bytes</c>, optionally gzip-compressed request bodies. The URL comes from configuration (a trusted
/// operator endpoint), never from the visitor.
/// </summary>
public sealed class ProviderHttpClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private readonly HttpClient _client;
    private readonly long _maxResponseBytes;

    /// <summary>Creates the client; <paramref name="handler"/> replaces the default connection pool (tests).</summary>
    public ProviderHttpClient(long maxResponseBytes, HttpMessageHandler? handler = null)
    {
        _maxResponseBytes = maxResponseBytes;
        _client = new HttpClient(handler ?? new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            AutomaticDecompression = DecompressionMethods.All,
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false,
            MaxResponseHeadersLength = 64,
        })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>
    /// POSTs <paramref name="json"/> and returns the answer's bytes (empty for 204).
    /// </summary>
    /// <exception cref="ProviderException">A non-2xx status, or an answer larger than the cap.</exception>
    public async Task<byte[]> PostAsync(Uri url, ReadOnlyMemory<byte> json, bool gzip, Action<HttpRequestHeaders>? headers, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(url, json, gzip, headers);
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new ProviderException($"HTTP {(int)response.StatusCode}");
        }

        return await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false)
            ?? throw new ProviderException($"response larger than {_maxResponseBytes} bytes");
    }

    /// <summary>
    /// POSTs <paramref name="json"/> and returns the whole exchange whatever the status (for debug output); an answer
    /// larger than the cap comes back without its body.
    /// </summary>
    public async Task<ProviderHttpExchange> ExchangeAsync(Uri url, ReadOnlyMemory<byte> json, bool gzip, Action<HttpRequestHeaders>? headers, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(url, json, gzip, headers);
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        return new ProviderHttpExchange(
            (int)response.StatusCode,
            HeaderMap(request.Headers, request.Content?.Headers),
            HeaderMap(response.Headers, response.Content.Headers),
            body);
    }

    private static HttpRequestMessage CreateRequest(Uri url, ReadOnlyMemory<byte> json, bool gzip, Action<HttpRequestHeaders>? headers)
    {
        ArgumentNullException.ThrowIfNull(url);
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Version = HttpVersion.Version11 };
        HttpContent content;
        if (gzip)
        {
            var compressed = new MemoryStream();
            using (var zip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                zip.Write(json.Span);
            }

            content = new ByteArrayContent(compressed.GetBuffer(), 0, (int)compressed.Length);
            content.Headers.ContentEncoding.Add("gzip");
        }
        else
        {
            content = new ReadOnlyMemoryContent(json);
        }

        content.Headers.ContentType = Json;
        request.Content = content;
        request.Headers.Accept.ParseAdd("application/json");
        headers?.Invoke(request.Headers);
        return request;
    }

    /// <summary>The answer's bytes (empty for 204), or null when it is larger than the cap.</summary>
    private async Task<byte[]?> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return [];
        }

        if (response.Content.Headers.ContentLength is { } length && length > _maxResponseBytes)
        {
            return null;
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await ReadCappedAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<byte[]?> ReadCappedAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var count = 0;
        try
        {
            while (true)
            {
                if (count == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.AsSpan(0, count).ToArray();
                }

                count += read;
                if (count > _maxResponseBytes)
                {
                    return null;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static Dictionary<string, string[]> HeaderMap(HttpHeaders headers, HttpHeaders? contentHeaders)
    {
        var map = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, values) in headers.NonValidated)
        {
            map[name.ToLowerInvariant()] = [.. values];
        }

        if (contentHeaders is not null)
        {
            foreach (var (name, values) in contentHeaders.NonValidated)
            {
                map[name.ToLowerInvariant()] = [.. values];
            }
        }

        return map;
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}
