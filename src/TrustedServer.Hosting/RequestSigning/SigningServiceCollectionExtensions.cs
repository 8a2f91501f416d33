using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustedServer.Core.Auction;
using TrustedServer.Core.Configuration;
using TrustedServer.Core.RequestSigning;

namespace TrustedServer.Hosting.RequestSigning;

/// <summary>Registers request signing: the shared key store, the cached key ring, the signer, rotation and routes.</summary>
public static class SigningServiceCollectionExtensions
{
    /// <summary>
    /// When <c>[request_signing] enabled</c>: the key store from <c>key_store</c> (register another
    /// <see cref="IKeyStore"/> first to replace it), the <see cref="KeyRing"/> loaded at startup and refreshed every
    /// <c>refresh_seconds</c>, the <see cref="RequestSigner"/> bid requests are signed with, and <see cref="KeyRotation"/>.
    /// </summary>
    public static IServiceCollection AddTrustedServerSigning(this IServiceCollection services, TrustedServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var signing = options.RequestSigning;
        if (!signing.Enabled || string.IsNullOrEmpty(signing.Passphrase))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => KeyStoreFactory.Create(signing));
        services.AddSingleton(sp => new KeyRing(sp.GetRequiredService<IKeyStore>(), signing.Passphrase));
        services.TryAddSingleton<SigningMetrics>();
        services.AddSingleton(sp =>
        {
            var signer = new RequestSigner(sp.GetRequiredService<KeyRing>(), sp.GetRequiredService<TimeProvider>());
            var metrics = sp.GetRequiredService<SigningMetrics>();
            signer.Signed += _ => metrics.Signatures.Add(1);
            return signer;
        });
        services.TryAddSingleton<IBidRequestSigner, KeyRingBidRequestSigner>();
        services.AddSingleton(sp => new KeyRotation(sp.GetRequiredService<KeyRing>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<KeyRingRefresher>();
        return services;
    }

    /// <summary>Maps discovery, verification and (with <c>admin_endpoints</c> and a covering handler) the key admin routes when signing is on.</summary>
    public static IEndpointRouteBuilder MapTrustedServerSigning(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<KeyRing>() is not null)
        {
            var options = endpoints.ServiceProvider.GetRequiredService<TrustedServerOptions>();

            // The loader refuses uncovered admin routes; options built in code get the same guarantee here, since an
            // unmapped admin path answers 404 instead of rotating keys for anyone.
            var handlers = AdminRoutes.Effective(options);
            var covered = AdminRoutes.FirstMatch(handlers, AdminRoutes.RotateKeys) >= 0 && AdminRoutes.FirstMatch(handlers, AdminRoutes.DeactivateKeys) >= 0;
            SigningEndpoints.Map(endpoints, options.RequestSigning.AdminEndpoints && covered);
        }

        return endpoints;
    }
}
