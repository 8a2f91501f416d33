using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustedServer.Core.Configuration;
using TrustedServer.Core.Geo;
using TrustedServer.Hosting.Proxy;
using TrustedServer.Privacy.Consent;

namespace TrustedServer.Hosting.EdgeCookie;

/// <summary>
/// The visitor's country and region. A configured <c>[geo] country_header</c> that the request carries wins, with
/// <c>region_header</c> beside it: a CDN in front sees the real client and may know better than a local file. Otherwise
/// the <c>[geo] database</c> is looked up by the client address (<see cref="VisitorRequest.ClientAddress"/>). Otherwise unknown,
/// which the consent rules fail closed on.
/// </summary>
internal sealed class VisitorGeo(GeoOptions geo, ProxyOptions proxy, GeoDatabase? database) : IDisposable
{
    /// <summary>
    /// Registers one <see cref="VisitorGeo"/>, opening <c>[geo] database</c> now so a file that vanished or broke since
    /// the configuration was validated stops startup rather than the first request.
    /// </summary>
    /// <exception cref="InvalidOperationException">The database file is missing or invalid; the message names <c>geo.database</c>.</exception>
    public static void Register(IServiceCollection services, TrustedServerOptions options)
    {
        if (services.Any(d => d.ServiceType == typeof(VisitorGeo)))
        {
            return;
        }

        var database = options.Geo.Database is { Length: > 0 } path ? GeoDatabase.Open(path) : null;
        var instance = new VisitorGeo(options.Geo, options.Proxy, database);

        // A factory registration, so the container disposes it (and the memory-mapped file) with the app.
        services.TryAddSingleton(_ => instance);
    }

    /// <summary>The country and region of the request's visitor; both null when unknown.</summary>
    public GeoLocation? Locate(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Request.Headers;
        if (geo.CountryHeader is { Length: > 0 } countryHeader && headers.TryGetValue(countryHeader, out var country)
            && country.ToString().Trim() is { Length: > 0 } code)
        {
            var region = geo.RegionHeader is { Length: > 0 } regionHeader && headers.TryGetValue(regionHeader, out var r)
                ? r.ToString().Trim()
                : null;
            return new GeoLocation(code.ToUpperInvariant(), string.IsNullOrEmpty(region) ? null : region);
        }

        return database is not null && VisitorRequest.For(context, proxy).ClientAddress is { } address ? database.Lookup(address) : null;
    }

    /// <summary>The request's jurisdiction under <paramref name="consent"/>.</summary>
    public Jurisdiction JurisdictionFor(HttpContext context, ConsentOptions consent) =>
        Resolve(Locate(context), consent);

    /// <summary>The jurisdiction of an already located visitor.</summary>
    public static Jurisdiction Resolve(GeoLocation? location, ConsentOptions consent) =>
        JurisdictionResolver.Resolve(location?.Country, location?.Region, consent);

    public void Dispose() => database?.Dispose();
}
