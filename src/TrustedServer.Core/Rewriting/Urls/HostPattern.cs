using System.Text;

namespace TrustedServer.Core.Rewriting.Urls;

/// <summary>One compiled host to match: lower-case host bytes, the explicit port suffix if any, the path prefix.</summary>
internal sealed class HostPattern
{
    public HostPattern(string host, int? port, string pathPrefix)
    {
        Host = Encoding.ASCII.GetBytes(host.ToLowerInvariant());
        PortSuffix = port is { } p ? Encoding.ASCII.GetBytes(":" + p.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null;
        PathPrefix = pathPrefix;
    }

    /// <summary>The host, lower case.</summary>
    public byte[] Host { get; }

    /// <summary><c>:P</c> when only that port matches; null when the host alone, <c>:80</c> and <c>:443</c> match.</summary>
    public byte[]? PortSuffix { get; }

    /// <summary>The first-party path prefix replacing the authority ("" for the origin itself).</summary>
    public string PathPrefix { get; }

    /// <summary>Bytes of the longest authority this pattern matches.</summary>
    public int MaxAuthorityLength => Host.Length + (PortSuffix?.Length ?? ":443".Length);
}
