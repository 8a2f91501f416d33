namespace TrustedServer.Core.Auction;

/// <summary>A slot's winner that was not delivered: <c>below_floor</c>, <c>no_price</c>, <c>no_render_source</c> or <c>creative_rejected</c>.</summary>
public sealed record DroppedWinner(string SlotId, string Bidder, string Reason);
