using TrustedServer.Hosting.AdminAuth;
using TrustedServer.Hosting.AdSlots;
using TrustedServer.Hosting.AssetRoutes;
using TrustedServer.Hosting.Auction;
using TrustedServer.Hosting.EdgeCookie;
using TrustedServer.Hosting.Finalization;
using TrustedServer.Hosting.FirstParty;
using TrustedServer.Hosting.Integrations;
using TrustedServer.Hosting.Listener;
using TrustedServer.Hosting.Observability;
using TrustedServer.Hosting.Proxy;
using TrustedServer.Hosting.Publisher;
using TrustedServer.Hosting.Readiness;
using TrustedServer.Hosting.RequestSigning;

namespace TrustedServer.Hosting.Composition;

/// <summary>Wires the middleware and routes.</summary>
public static class TrustedServerEndpointExtensions
{
    /// <summary>
    /// Telemetry, then which listener and which host may be served, then response finalisation, then our routes, then
    /// the publisher origin for everything else.
    /// </summary>
    public static WebApplication UseTrustedServer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<RequestTelemetryMiddleware>();
        app.UseMiddleware<ListenerGate>();
        app.UseMiddleware<PublicHostGate>();
        app.UseMiddleware<ResponseFinalizationMiddleware>();
        app.UseTrustedServerAdminAuth();
        app.UseTrustedServerIntegrationFilters();
        app.UseRouting();
        app.UseTrustedServerIdentity();
        app.MapTrustedServerRoutes();
        return app;
    }

    private static void MapTrustedServerRoutes(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/_ts/health", () => Results.Text("ok", "text/plain; charset=utf-8"));
        ReadinessEndpoint.Map(endpoints);
        endpoints.MapTsjs();
        endpoints.MapTrustedServerIdentity();
        endpoints.MapTrustedServerSigning();
        endpoints.MapAdminPathGuard();
        FirstPartyEndpoints.Map(endpoints);
        AuctionEndpoint.Map(endpoints);
        endpoints.MapTrustedServerIntegrations();
        endpoints.MapTrustedServerAdSlots();
        TelemetrySetup.MapEndpoints(endpoints);

        // A pattern is given so that paths with file extensions (images, scripts) are proxied too. The forwarder is a
        // singleton taken once here: resolving it per request would open a service scope for every proxied request.
        var forwarder = endpoints.ServiceProvider.GetRequiredService<PublisherForwarder>();
        endpoints.MapFallback("{**path}", AssetRouteEndpoints.Wrap(forwarder.ForwardAsync, endpoints.ServiceProvider.GetRequiredService<Core.Configuration.TrustedServerOptions>()));
    }
}
