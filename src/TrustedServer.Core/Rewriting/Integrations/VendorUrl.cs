namespace TrustedServer.Core.Rewriting.Integrations;

/// <summary>Recognises an attribute value that is an absolute or protocol-relative URL on a given vendor host.</summary>
public static class VendorUrl
{
    /// <summary>True when <paramref name="value"/> is <c>http(s)://host/...</c> or <c>//host/...</c> on
    /// <paramref name="host"/> (any case); gives its path and its query (with <c>?</c>, or empty).</summary>
    public static bool TryGetPathAndQuery(string value, string host, out string path, out string query)
    {
        path = string.Empty;
        query = string.Empty;
        var text = value.Trim();
        var rest = text.StartsWith("//", StringComparison.Ordinal) ? text[2..]
            : text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? text[8..]
            : text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? text[7..]
            : null;
        if (rest is null || !rest.StartsWith(host, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        rest = rest[host.Length..];
        if (rest.Length > 0 && rest[0] is not ('/' or '?' or '#'))
        {
            return false;
        }

        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            rest = rest[..hash];
        }

        var q = rest.IndexOf('?', StringComparison.Ordinal);
        path = q >= 0 ? rest[..q] : rest;
        query = q >= 0 ? rest[q..] : string.Empty;
        if (path.Length == 0)
        {
            path = "/";
        }

        return true;
    }
}
