using System.Text;

namespace TrustedServer.Core.Integrations.DataDome;

/// <summary>
/// The Protection API's wire rules: the form body of <c>POST /validate-request</c> (each field cut to DataDome's
/// length limit, cut at the end or, for long header lists and URLs, kept from the start), the classification of its
/// answer, and the pointer headers that name which of its headers to copy.
/// </summary>
public static class ProtectionProtocol
{
    /// <summary>The path of the validation call.</summary>
    public const string ValidatePath = "validate-request";

    /// <summary>The module name DataDome sees.</summary>
    public const string ModuleName = "TrustedServer-DotNet";

    /// <summary>The header that confirms the answer's status.</summary>
    public const string ResponseStatusHeader = "X-DataDomeResponse";

    /// <summary>Names the answer headers to copy onto the request sent on.</summary>
    public const string RequestHeadersPointer = "X-DataDome-request-headers";

    /// <summary>Names the answer headers to copy onto the visitor's response.</summary>
    public const string ResponseHeadersPointer = "X-DataDome-headers";

    private static readonly Dictionary<string, int> Limits = new(StringComparer.Ordinal)
    {
        ["SecCHDeviceMemory"] = 8,
        ["SecCHUAMobile"] = 8,
        ["SecFetchUser"] = 8,
        ["SecCHUAArch"] = 16,
        ["SecCHUAPlatform"] = 32,
        ["SecFetchDest"] = 32,
        ["SecFetchMode"] = 32,
        ["SecFetchSite"] = 64,
        ["ContentType"] = 64,
        ["AcceptCharset"] = 128,
        ["AcceptEncoding"] = 128,
        ["CacheControl"] = 128,
        ["ClientID"] = 128,
        ["Connection"] = 128,
        ["From"] = 128,
        ["Pragma"] = 128,
        ["SecCHUA"] = 128,
        ["SecCHUAModel"] = 128,
        ["TrueClientIP"] = 128,
        ["X-Real-IP"] = 128,
        ["X-Requested-With"] = 128,
        ["AcceptLanguage"] = 256,
        ["SecCHUAFullVersionList"] = 256,
        ["Via"] = 256,
        ["Accept"] = 512,
        ["HeadersList"] = 512,
        ["Host"] = 512,
        ["Origin"] = 512,
        ["ServerHostname"] = 512,
        ["ServerName"] = 512,
        ["XForwardedForIP"] = -512,
        ["UserAgent"] = 768,
        ["Referer"] = 1024,
        ["Request"] = 2048,
    };

    /// <summary>The <c>application/x-www-form-urlencoded</c> body: empty values left out, each value cut to its limit
    /// (a negative limit keeps the end: the last proxy hops matter most).</summary>
    public static string FormBody(IEnumerable<KeyValuePair<string, string?>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var body = new StringBuilder(1024);
        foreach (var (name, raw) in fields)
        {
            if (string.IsNullOrEmpty(raw))
            {
                continue;
            }

            var value = raw;
            if (Limits.TryGetValue(name, out var limit))
            {
                var max = Math.Abs(limit);
                if (value.Length > max)
                {
                    value = limit < 0 ? value[^max..] : value[..max];
                }
            }

            if (body.Length > 0)
            {
                body.Append('&');
            }

            body.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return body.ToString();
    }

    /// <summary>Classifies the answer: the status must be confirmed by <see cref="ResponseStatusHeader"/>.</summary>
    public static ProtectionVerdict Classify(int status, string? confirmedStatus)
    {
        if (confirmedStatus is null || !int.TryParse(confirmedStatus.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var confirmed) || confirmed != status)
        {
            return ProtectionVerdict.FailOpen;
        }

        return status switch
        {
            200 => ProtectionVerdict.Allow,
            301 or 302 or 401 or 403 => ProtectionVerdict.Challenge,
            _ => ProtectionVerdict.FailOpen,
        };
    }

    /// <summary>The header names a pointer header lists (space separated), without duplicates.</summary>
    public static IReadOnlyList<string> PointedHeaders(string? headerList) =>
        headerList is null ? [] : [.. headerList.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase)];
}
