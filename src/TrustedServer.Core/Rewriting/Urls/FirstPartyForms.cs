using System.Buffers;
using System.Text;

namespace TrustedServer.Core.Rewriting.Urls;

/// <summary>
/// What the mapper writes for one request scheme and host, per host pattern: the absolute, protocol-relative, escaped
/// and bare first-party forms. Immutable, so mappers of requests to the same host share one.
/// </summary>
internal sealed class FirstPartyForms
{
    private static readonly SearchValues<char> HostDelimiters = SearchValues.Create(" /\\?#\"'<>");

    private FirstPartyForms(string givenScheme, string scheme, string host, HostPattern[] patterns)
    {
        GivenScheme = givenScheme;
        Scheme = scheme;
        Host = host;
        var count = patterns.Length;
        Absolute = new byte[count][];
        Relative = new byte[count][];
        AbsoluteEscaped = new byte[count][];
        RelativeEscaped = new byte[count][];
        Bare = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var prefix = patterns[i].PathPrefix;
            var escapedPrefix = prefix.Replace("/", "\\/", StringComparison.Ordinal);
            Absolute[i] = Encoding.ASCII.GetBytes(scheme + "://" + host + prefix);
            Relative[i] = Encoding.ASCII.GetBytes("//" + host + prefix);
            AbsoluteEscaped[i] = Encoding.ASCII.GetBytes(scheme + ":\\/\\/" + host + escapedPrefix);
            RelativeEscaped[i] = Encoding.ASCII.GetBytes("\\/\\/" + host + escapedPrefix);
            Bare[i] = Encoding.ASCII.GetBytes(host + prefix);
        }
    }

    /// <summary>The scheme as the request gave it (the cache key).</summary>
    public string GivenScheme { get; }

    /// <summary>The request scheme, lower case.</summary>
    public string Scheme { get; }

    /// <summary>The request host with its port.</summary>
    public string Host { get; }

    public byte[][] Absolute { get; }

    public byte[][] Relative { get; }

    public byte[][] AbsoluteEscaped { get; }

    public byte[][] RelativeEscaped { get; }

    public byte[][] Bare { get; }

    /// <summary>Validates the request scheme and host and builds their forms.</summary>
    /// <exception cref="ArgumentException">The scheme is not http(s) or the host is empty or not ASCII.</exception>
    public static FirstPartyForms Create(string requestScheme, string requestHost, HostPattern[] patterns)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestHost);
        if (!string.Equals(requestScheme, "http", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(requestScheme, "https", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("request scheme must be http or https", nameof(requestScheme));
        }

        if (!Ascii.IsValid(requestHost) || requestHost.AsSpan().IndexOfAny(HostDelimiters) >= 0)
        {
            throw new ArgumentException("request host must be an ASCII host[:port]", nameof(requestHost));
        }

        return new FirstPartyForms(requestScheme, requestScheme.ToLowerInvariant(), requestHost, patterns);
    }

    public bool IsFor(string requestScheme, string requestHost) =>
        string.Equals(GivenScheme, requestScheme, StringComparison.Ordinal) && string.Equals(Host, requestHost, StringComparison.Ordinal);
}
