using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.Integrations.Aps;

/// <summary>
/// Amazon Publisher Services, the browser side: <c>GET /integrations/aps/renderer</c>, the static document the tsjs
/// aps module frames (sandboxed, without <c>allow-same-origin</c>) to render an APS winner. The bid request side is
/// the auction provider (<c>Core/Auction/Providers/Aps</c>); both are enabled by <c>[integrations.aps]</c>.
/// </summary>
internal sealed class ApsIntegration(ApsOptions options) : IIntegration
{
    public const string IntegrationId = "aps";

    private readonly ApsRendererDocument _renderer = new(options);

    public string Id => IntegrationId;

    public void Contribute(IntegrationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.MapGet("/renderer", _renderer.ServeAsync);
    }
}
