namespace TrustedServer.Core.Delivery;

/// <summary>Classifies <c>Content-Type</c> values: case-insensitive, parameters ignored except the charset.</summary>
public static class MediaTypes
{
    /// <summary>The content family of a <c>Content-Type</c> value; <see cref="ContentKind.Binary"/> when absent or unknown.</summary>
    public static ContentKind Classify(string? contentType)
    {
        var essence = Essence(contentType);
        if (essence.IsEmpty)
        {
            return ContentKind.Binary;
        }

        // Lower-cased on the stack: this runs for every proxied response.
        Span<char> lower = essence.Length <= 256 ? stackalloc char[essence.Length] : new char[essence.Length];
        essence.ToLowerInvariant(lower);
        ReadOnlySpan<char> type = lower;
        switch (type)
        {
            case "text/html":
            case "application/xhtml+xml":
                return ContentKind.Html;
            case "text/css":
                return ContentKind.Css;
            case "text/javascript":
            case "application/javascript":
            case "application/x-javascript":
            case "application/ecmascript":
            case "text/ecmascript":
                return ContentKind.JavaScript;
            case "application/json":
                return ContentKind.Json;
            case "text/xml":
            case "application/xml":
                return ContentKind.Xml;
            case "text/plain":
                return ContentKind.Text;
            case "text/x-component":
                return ContentKind.Flight;
            default:
                break;
        }

        if (type.EndsWith("+json", StringComparison.Ordinal))
        {
            return ContentKind.Json;
        }

        return type.EndsWith("+xml", StringComparison.Ordinal) ? ContentKind.Xml : ContentKind.Binary;
    }

    /// <summary>False when the <c>charset</c> parameter names an encoding that is not ASCII-compatible (UTF-16/32).</summary>
    public static bool IsAsciiCompatibleCharset(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return true;
        }

        foreach (var part in contentType.Split(';'))
        {
            var parameter = part.Trim();
            if (!parameter.StartsWith("charset", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                continue;
            }

            var charset = parameter[(equals + 1)..].Trim().Trim('"').ToLowerInvariant();
            if (charset.StartsWith("utf-16", StringComparison.Ordinal) || charset.StartsWith("utf-32", StringComparison.Ordinal)
                || charset.StartsWith("ucs-2", StringComparison.Ordinal) || charset.StartsWith("ucs-4", StringComparison.Ordinal)
                || charset == "unicode" || charset == "utf-7")
            {
                return false;
            }
        }

        return true;
    }

    private static ReadOnlySpan<char> Essence(string? contentType)
    {
        if (contentType is null)
        {
            return default;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon >= 0 ? contentType.AsSpan(0, semicolon) : contentType.AsSpan()).Trim();
    }
}
