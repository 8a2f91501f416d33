using System.Text.Json.Nodes;

namespace TrustedServer.Core.Auction;

/// <summary>One provider's line in <c>ext.orchestrator.provider_details</c>.</summary>
public sealed record ProviderReport(string Name, ProviderOutcome Outcome, int BidCount, double TimeMs, string? Error = null, JsonObject? Metadata = null);
