using System.Text.Json;
using TrustedServer.Core.Auction.OpenRtb;

namespace TrustedServer.Core.Auction;

/// <summary>A parsed <c>POST /auction</c> body (Prebid.js style).</summary>
/// <param name="Slots">The ad units as slots.</param>
/// <param name="Context">The <c>config</c> keys that <c>allowed_context_keys</c> keeps.</param>
/// <param name="Eids">The body's <c>eids</c>, or null when it had none.</param>
public sealed record AdRequest(IReadOnlyList<AdSlot> Slots, IReadOnlyDictionary<string, JsonElement> Context, IReadOnlyList<Eid>? Eids);
