using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Auction.Providers.PrebidServer;

/// <summary>The Prebid Server provider: one OpenRTB 2.6 request per auction, signed when a signer is registered.</summary>
public sealed class PrebidServerProvider : IAuctionProvider, IDisposable
{
    private readonly PrebidOptions _options;
    private readonly ProviderHttpClient _http;
    private readonly IBidRequestSigner? _signer;
    private readonly Uri _url;

    /// <summary>Creates the provider; <c>server_url</c> must be set.</summary>
    public PrebidServerProvider(PrebidOptions options, long maxResponseBytes, IBidRequestSigner? signer = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _url = options.ServerUrl ?? throw new ArgumentException("server_url is required", nameof(options));
        _signer = signer;
        _http = new ProviderHttpClient(maxResponseBytes, handler);
    }

    /// <inheritdoc />
    public string Name => "prebid";

    /// <inheritdoc />
    public TimeSpan Timeout => _options.Timeout;

    /// <inheritdoc />
    public async Task<ProviderResult> RequestBidsAsync(AuctionRequest request, TimeSpan budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var signature = _signer is null
            ? null
            : await _signer.SignAsync(request.Id, request.RequestHost, request.RequestScheme, cancellationToken).ConfigureAwait(false);
        if (PrebidRequestWriter.Write(request, _options, budget, signature) is not { } json)
        {
            return ProviderResult.Empty;
        }

        var body = await _http.PostAsync(_url, json, _options.CompressRequests, headers =>
        {
            if (request.Device.UserAgent is { } ua)
            {
                headers.TryAddWithoutValidation("User-Agent", ua);
            }

            if (request.Device.AcceptLanguage is { } language)
            {
                headers.TryAddWithoutValidation("Accept-Language", language);
            }

            if (request.Device.Ip is { } ip)
            {
                headers.TryAddWithoutValidation("X-Forwarded-For", ip);
            }

            headers.TryAddWithoutValidation("Referer", request.PageUrl);
            if (PrebidCookies.Header(request.Cookies, _options.ConsentForwarding) is { } cookies)
            {
                headers.TryAddWithoutValidation("Cookie", cookies);
            }
        }, cancellationToken).ConfigureAwait(false);
        return PrebidResponseParser.Parse(body, request, _options, Name);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
