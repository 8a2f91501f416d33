namespace TrustedServer.Core.Integrations.DataDome;

/// <summary>Why a request skips the Protection API: the rule's id and its kind (for the log line and the metric).</summary>
/// <param name="RuleId">The configured rule's id, or a built-in name (<c>excluded-method</c>, <c>internal-route</c>...).</param>
/// <param name="Reason">A short label: <c>method</c>, <c>internal_route</c>, <c>ip</c>, <c>path</c>, <c>query</c>, <c>test_bypass</c>.</param>
public sealed record ProtectionSkip(string RuleId, string Reason);
