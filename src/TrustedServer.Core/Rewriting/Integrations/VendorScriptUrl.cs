namespace TrustedServer.Core.Rewriting.Integrations;

/// <summary>Reads an attribute value as an absolute or protocol-relative http(s) URL: its host (lower case), path and query.</summary>
public static class VendorScriptUrl
{
    /// <summary>True when <paramref name="value"/> is <c>http(s)://host/...</c> or <c>//host/...</c>.</summary>
    public static bool TryParse(string value, out string host, out string path, out string query)
    {
        ArgumentNullException.ThrowIfNull(value);
        host = path = query = string.Empty;
        var text = value.Trim();
        if (text.StartsWith("//", StringComparison.Ordinal))
        {
            text = "https:" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp) || url.Host.Length == 0)
        {
            return false;
        }

        host = url.IdnHost.ToLowerInvariant();
        path = url.AbsolutePath;
        query = url.Query;
        return true;
    }
}
