namespace TrustedServer.Hosting.Integrations;

/// <summary>One proxy route an integration owns.</summary>
/// <param name="IntegrationId">The owner.</param>
/// <param name="Methods">The HTTP methods answered.</param>
/// <param name="Pattern">The full route pattern, under <c>/integrations/&lt;id&gt;/</c>.</param>
/// <param name="Handler">The endpoint.</param>
public sealed record IntegrationRoute(string IntegrationId, IReadOnlyList<string> Methods, string Pattern, RequestDelegate Handler);
