using System.Collections.Concurrent;
using TrustedServer.Core.Rewriting.Publisher;

namespace TrustedServer.Core.Rewriting.Integrations;

/// <summary>
/// Rewrites a vendor's absolute and protocol-relative URLs in the page's inline scripts to the first-party route on
/// the request's own host (<see cref="VendorHostTable.ForPageScripts"/>). Tables are compiled once per public host;
/// the hosts a request may name are the configured ones, so the cache stays small (and stops growing at a bound).
/// </summary>
public sealed class PageScriptHostRewriter(IReadOnlyList<(string VendorHost, string LocalPath)> hosts, string anchor) : IScriptTextRewriter
{
    private const int MaxCachedHosts = 64;
    private readonly ConcurrentDictionary<string, ReplacementTable> _tables = new(StringComparer.Ordinal);

    public string Selector => "script";

    public IBodyTransform? Begin(PublisherDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var key = document.Mapper.RequestScheme + "://" + document.Mapper.RequestHost;
        if (!_tables.TryGetValue(key, out var table))
        {
            table = VendorHostTable.ForPageScripts(hosts, document.Mapper.RequestScheme, document.Mapper.RequestHost, anchor);
            if (_tables.Count < MaxCachedHosts)
            {
                _tables.TryAdd(key, table);
            }
        }

        return table.CreateReplacer();
    }
}
