using System.Text.Json;

namespace TrustedServer.Core.Configuration;

/// <summary>
/// One override rule: when every populated matcher equals the bidder (and the slot's zone), the members of
/// <see cref="Set"/> are shallow-merged into that bidder's params.
/// </summary>
/// <param name="Bidder">Exact, case-sensitive bidder name, or null for any.</param>
/// <param name="Zone">Exact zone (<c>mediaTypes.banner.name</c>), or null for any.</param>
/// <param name="Set">A JSON object.</param>
public sealed record BidParamOverrideRule(string? Bidder, string? Zone, JsonElement Set);
