namespace TrustedServer.Core.Rewriting.Integrations;

/// <summary>
/// Replacement tables that move a vendor's hosts first-party in text: every absolute, protocol-relative, JSON-escaped
/// or bare spelling of a vendor host becomes this server's host followed by the route that proxies it.
/// </summary>
public static class VendorHostTable
{
    /// <summary>
    /// For bodies the proxy serves (the vendor's own scripts and pages): <c>https://vendor</c> becomes
    /// <c>scheme://host + path</c>, <c>//vendor</c> becomes <c>//host + path</c>, and the bare host (scripts that build
    /// <c>"https://" + host</c>) becomes <c>host + path</c>. <paramref name="anchor"/> must occur in every vendor host.
    /// </summary>
    public static ReplacementTable ForServedBodies(IEnumerable<(string VendorHost, string LocalPath)> hosts, string scheme, string host, string anchor)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var pairs = new List<(string, string)>();
        foreach (var (vendor, path) in hosts)
        {
            var local = host + path;
            pairs.Add(("https://" + vendor, scheme + "://" + local));
            pairs.Add(("http://" + vendor, scheme + "://" + local));
            pairs.Add(("https:\\/\\/" + vendor, scheme + ":\\/\\/" + local.Replace("/", "\\/", StringComparison.Ordinal)));
            pairs.Add(("http:\\/\\/" + vendor, scheme + ":\\/\\/" + local.Replace("/", "\\/", StringComparison.Ordinal)));
            pairs.Add(("//" + vendor, "//" + local));
            pairs.Add((vendor, local));
        }

        return new ReplacementTable(pairs, anchor);
    }

    /// <summary>
    /// For the publisher's inline scripts: the absolute and protocol-relative spellings of each vendor host become the
    /// first-party route (<paramref name="scheme"/>, <paramref name="host"/> and the path), so URLs the page's own code
    /// builds on the vendor's origin come back here. The bare host is left alone: in a page it is as likely a cookie
    /// domain or a check as a URL.
    /// </summary>
    public static ReplacementTable ForPageScripts(IEnumerable<(string VendorHost, string LocalPath)> hosts, string scheme, string host, string anchor)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var pairs = new List<(string, string)>();
        foreach (var (vendor, path) in hosts)
        {
            var local = host + path;
            var escaped = local.Replace("/", "\\/", StringComparison.Ordinal);
            pairs.Add(("https://" + vendor, scheme + "://" + local));
            pairs.Add(("http://" + vendor, scheme + "://" + local));
            pairs.Add(("https:\\/\\/" + vendor, scheme + ":\\/\\/" + escaped));
            pairs.Add(("//" + vendor, "//" + local));
            pairs.Add(("\\/\\/" + vendor, "\\/\\/" + escaped));
        }

        return new ReplacementTable(pairs, anchor);
    }
}
