using System.Text.Json;

namespace TrustedServer.Core.Auction.OpenRtb;

/// <summary>Reads a provider's OpenRTB answer; every provider that speaks OpenRTB fails the same way on a bad one.</summary>
internal static class BidResponseReader
{
    /// <summary>The bid response, or null for an empty body (no bids).</summary>
    /// <exception cref="ProviderException">The body is not an OpenRTB bid response.</exception>
    public static BidResponse? Read(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, OpenRtbJsonContext.Default.BidResponse)
                ?? throw new ProviderException("response is not valid OpenRTB JSON");
        }
        catch (JsonException)
        {
            throw new ProviderException("response is not valid OpenRTB JSON");
        }
    }
}
