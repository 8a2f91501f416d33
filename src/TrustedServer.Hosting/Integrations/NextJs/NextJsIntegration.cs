using TrustedServer.Core.Configuration;
using TrustedServer.Core.Rewriting.Integrations.NextJs;

namespace TrustedServer.Hosting.Integrations.NextJs;

/// <summary>
/// Next.js sites: origin URLs inside the framework's own payloads, which the publisher mapping either cannot reach
/// (<c>text/x-component</c> responses pass through without it) or would corrupt (the length-prefixed rows of the
/// inline <c>self.__next_f</c> scripts), and the <c>__NEXT_DATA__</c> props by key. No routes: rewriting only.
/// </summary>
internal sealed class NextJsIntegration(NextJsOptions options) : IIntegration
{
    public const string IntegrationId = "nextjs";

    public string Id => IntegrationId;

    public void Contribute(IntegrationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // __NEXT_DATA__ first: it is a script too, and the first rewriter to begin a script owns it.
        builder.AddScriptRewriter(new NextDataRewriter(options.RewriteAttributes, options.MaxCombinedPayloadBytes));
        builder.AddScriptRewriter(new NextFlightScriptRewriter(options.MaxCombinedPayloadBytes));
        builder.AddComponentStreamRewriter(new NextJsComponentStreams(options.MaxCombinedPayloadBytes));
    }
}
