namespace TrustedServer.Core.Auction;

/// <summary>
/// One provider HTTP call as it happened, for debug output: what was sent and what came back, whatever the status.
/// </summary>
/// <param name="Status">The answer's status code.</param>
/// <param name="RequestHeaders">The headers sent (names lower-case, every value kept).</param>
/// <param name="ResponseHeaders">The headers received (names lower-case, every value kept).</param>
/// <param name="Body">The decompressed answer, or null when it was larger than the provider's cap.</param>
public sealed record ProviderHttpExchange(
    int Status,
    IReadOnlyDictionary<string, string[]> RequestHeaders,
    IReadOnlyDictionary<string, string[]> ResponseHeaders,
    byte[]? Body)
{
    /// <summary>True for a 2xx status.</summary>
    public bool IsSuccess => Status is >= 200 and <= 299;
}
