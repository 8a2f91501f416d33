using System.Collections.Concurrent;
using TrustedServer.Core.Delivery;
using TrustedServer.Core.Rewriting;
using TrustedServer.Core.Rewriting.Integrations;
using TrustedServer.Hosting.Extensibility;
using TrustedServer.Hosting.Proxy;

namespace TrustedServer.Hosting.Integrations;

/// <summary>
/// The body transform of a proxied vendor script or page: the vendor's hosts become this server's host plus the route
/// that proxies them (<see cref="VendorHostTable.ForServedBodies"/>), streaming and chunk-invariant. Tables are
/// compiled once per public origin (the hosts a request may name are configured, and the cache stops at a bound).
/// </summary>
internal sealed class VendorHostTransformFactory(IReadOnlyList<(string VendorHost, string LocalPath)> hosts, string anchor) : IBodyTransformFactory
{
    private const int MaxCachedOrigins = 64;
    private readonly ConcurrentDictionary<string, ReplacementTable> _tables = new(StringComparer.Ordinal);

    public IBodyTransform? Create(ContentKind kind, VisitorRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (kind is not (ContentKind.JavaScript or ContentKind.Html or ContentKind.Json or ContentKind.Css or ContentKind.Text))
        {
            return null;
        }

        var key = request.Scheme + "://" + request.Host;
        if (!_tables.TryGetValue(key, out var table))
        {
            table = VendorHostTable.ForServedBodies(hosts, request.Scheme, request.Host, anchor);
            if (_tables.Count < MaxCachedOrigins)
            {
                _tables.TryAdd(key, table);
            }
        }

        return table.CreateReplacer();
    }
}
