using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrustedServer.Core.Auction.OpenRtb;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Auction.Providers.AdServerMock;

/// <summary>
/// The mediation service: POSTs <c>{id, imp[], ext{bidder_responses[{bidder, bids[{imp_id, price, adm}]}], config{price_floor}}}</c>
/// and reads the winners from its OpenRTB answer (seat = the chosen bidder).
/// </summary>
public sealed class AdServerMockMediator : IAuctionMediator, IDisposable
{
    private readonly AdServerMockOptions _options;
    private readonly ProviderHttpClient _http;
    private readonly Uri _endpoint;

    /// <summary>Creates the mediator; <c>endpoint</c> must be set.</summary>
    public AdServerMockMediator(AdServerMockOptions options, long maxResponseBytes, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _endpoint = options.Endpoint ?? throw new ArgumentException("endpoint is required", nameof(options));
        _http = new ProviderHttpClient(maxResponseBytes, handler);
    }

    /// <inheritdoc />
    public string Name => "adserver_mock";

    /// <inheritdoc />
    public TimeSpan Timeout => _options.Timeout;

    /// <inheritdoc />
    public async Task<ProviderResult> MediateAsync(AuctionRequest request, IReadOnlyList<AuctionBid> bids, TimeSpan budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(bids);
        var body = JsonSerializer.SerializeToUtf8Bytes(BuildRequest(request, bids), OpenRtbJsonContext.Default.JsonObject);
        var answer = await _http.PostAsync(EndpointFor(request), body, gzip: false, null, cancellationToken).ConfigureAwait(false);
        if (answer.Length == 0)
        {
            return ProviderResult.Empty;
        }

        BidResponse? response;
        try
        {
            response = JsonSerializer.Deserialize(answer, OpenRtbJsonContext.Default.BidResponse);
        }
        catch (JsonException)
        {
            throw new ProviderException("response is not valid OpenRTB JSON");
        }

        var winners = new List<AuctionBid>();
        foreach (var seat in response?.Seatbid ?? [])
        {
            foreach (var bid in seat.Bid ?? [])
            {
                if (WinnerSelection.IndexOf(request.Slots, bid.Impid) < 0)
                {
                    continue;
                }

                winners.Add(new AuctionBid
                {
                    SlotId = bid.Impid,
                    Price = bid.Price is { } p && double.IsFinite(p) ? p : null,
                    Bidder = string.IsNullOrEmpty(seat.Seat) ? Name : seat.Seat,
                    Provider = Name,
                    BidId = string.IsNullOrEmpty(bid.Id) ? null : bid.Id,
                    Creative = bid.Adm,
                    Width = bid.W ?? 0,
                    Height = bid.H ?? 0,
                    Adomain = bid.Adomain,
                    Crid = bid.Crid,
                });
            }
        }

        return new ProviderResult(winners);
    }

    private JsonObject BuildRequest(AuctionRequest request, IReadOnlyList<AuctionBid> bids)
    {
        var imps = new JsonArray();
        foreach (var slot in request.Slots)
        {
            var formats = new JsonArray();
            foreach (var format in slot.Formats)
            {
                formats.Add(new JsonObject { ["w"] = format.Width, ["h"] = format.Height });
            }

            imps.Add(new JsonObject { ["id"] = slot.Id, ["banner"] = new JsonObject { ["format"] = formats } });
        }

        var responses = new JsonArray();
        foreach (var group in bids.GroupBy(b => b.Bidder, StringComparer.Ordinal))
        {
            var list = new JsonArray();
            foreach (var bid in group)
            {
                list.Add(new JsonObject { ["imp_id"] = bid.SlotId, ["id"] = bid.BidId, ["price"] = bid.Price, ["adm"] = bid.Creative });
            }

            responses.Add(new JsonObject { ["bidder"] = group.Key, ["bids"] = list });
        }

        var config = new JsonObject();
        if (_options.PriceFloor is { } floor)
        {
            config["price_floor"] = floor;
        }

        return new JsonObject
        {
            ["id"] = request.Id,
            ["imp"] = imps,
            ["ext"] = new JsonObject { ["bidder_responses"] = responses, ["config"] = config },
        };
    }

    private Uri EndpointFor(AuctionRequest request)
    {
        if (_options.ContextQueryParams.Count == 0)
        {
            return _endpoint;
        }

        var query = new StringBuilder(_endpoint.Query.TrimStart('?'));
        foreach (var key in _options.ContextQueryParams)
        {
            if (request.Context.TryGetValue(key, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
            {
                var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
                query.Append(query.Length > 0 ? "&" : string.Empty).Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(text));
            }
        }

        return new UriBuilder(_endpoint) { Query = query.ToString() }.Uri;
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
