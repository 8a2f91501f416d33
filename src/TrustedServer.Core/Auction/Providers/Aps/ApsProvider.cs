using System.Net.Http.Headers;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Auction.Providers.Aps;

/// <summary>The Amazon Publisher Services provider: its own OpenRTB banner request; winners carry a typed renderer.</summary>
public sealed class ApsProvider : IAuctionProvider, IDisposable
{
    private readonly ApsOptions _options;
    private readonly string _publisherDomain;
    private readonly ProviderHttpClient _http;
    private readonly long _maxResponseBytes;

    /// <summary>Creates the provider.</summary>
    public ApsProvider(ApsOptions options, string publisherDomain, long maxResponseBytes, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _publisherDomain = publisherDomain;
        _maxResponseBytes = maxResponseBytes;
        _http = new ProviderHttpClient(maxResponseBytes, handler);
    }

    /// <inheritdoc />
    public string Name => "aps";

    /// <inheritdoc />
    public TimeSpan Timeout => _options.Timeout;

    /// <inheritdoc />
    public async Task<ProviderResult> RequestBidsAsync(AuctionRequest request, TimeSpan budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var json = ApsRequestWriter.Write(request, _options, budget);
        void Headers(HttpRequestHeaders headers)
        {
            if (request.Device.UserAgent is { } ua)
            {
                headers.TryAddWithoutValidation("User-Agent", ua);
            }
        }

        if (!_options.Debug)
        {
            var body = await _http.PostAsync(_options.Endpoint, json, gzip: false, Headers, cancellationToken).ConfigureAwait(false);
            return ApsResponseParser.Parse(body, request, _options, _publisherDomain);
        }

        // Debug: the exchange goes into the provider's report whatever came back, failures included.
        var exchange = await _http.ExchangeAsync(_options.Endpoint, json, gzip: false, Headers, cancellationToken).ConfigureAwait(false);
        var debug = ApsDebugCall.Metadata(_options.Endpoint, json, exchange);
        if (!exchange.IsSuccess)
        {
            throw new ProviderException($"HTTP {exchange.Status}") { Metadata = debug };
        }

        if (exchange.Body is not { } answer)
        {
            throw new ProviderException($"response larger than {_maxResponseBytes} bytes") { Metadata = debug };
        }

        ProviderResult result;
        try
        {
            result = ApsResponseParser.Parse(answer, request, _options, _publisherDomain);
        }
        catch (ProviderException ex)
        {
            throw new ProviderException(ex.Message, ex) { Metadata = debug };
        }

        return result with { Metadata = ApsDebugCall.Merge(result.Metadata, debug) };
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
