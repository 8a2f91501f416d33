using System.Text.Json;
using TrustedServer.Core.Auction.OpenRtb;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Auction.Providers.Aps;

/// <summary>The Amazon Publisher Services provider: its own OpenRTB banner request; winners carry a typed renderer.</summary>
public sealed class ApsProvider : IAuctionProvider, IDisposable
{
    private readonly ApsOptions _options;
    private readonly string _publisherDomain;
    private readonly ProviderHttpClient _http;

    /// <summary>Creates the provider.</summary>
    public ApsProvider(ApsOptions options, string publisherDomain, long maxResponseBytes, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _publisherDomain = publisherDomain;
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
        var json = JsonSerializer.SerializeToUtf8Bytes(ApsRequestBuilder.Build(request, _options, budget), OpenRtbJsonContext.Default.BidRequest);
        var body = await _http.PostAsync(_options.Endpoint, json, gzip: false, headers =>
        {
            if (request.Device.UserAgent is { } ua)
            {
                headers.TryAddWithoutValidation("User-Agent", ua);
            }
        }, cancellationToken).ConfigureAwait(false);
        return ApsResponseParser.Parse(body, request, _options, _publisherDomain);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
