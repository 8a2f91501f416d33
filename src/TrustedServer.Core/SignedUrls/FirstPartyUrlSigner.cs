using System.Globalization;
using System.Text;
using TrustedServer.Core.UrlParsing;

namespace TrustedServer.Core.SignedUrls;

/// <summary>
/// Mints and verifies signed first-party URLs (<c>/first-party/proxy?tsurl=…&amp;…[&amp;tsexp=…]&amp;tstoken=…</c>),
/// byte-compatible with the original: <c>tsurl</c> is the WHATWG-normalised target without query or fragment, the
/// target's query pairs follow in their original order, form-urlencoded, and the token covers
/// <c>tsurl?pairs</c> (including <c>tsexp</c>, excluding <c>tstoken</c>). Thread-safe; hold one per secret.
/// </summary>
public sealed class FirstPartyUrlSigner : IDisposable
{
    /// <summary>Path of the asset proxy endpoint.</summary>
    public const string ProxyPath = "/first-party/proxy";

    /// <summary>Path of the click redirect endpoint.</summary>
    public const string ClickPath = "/first-party/click";

    private const string TsUrl = "tsurl";
    private const string TsToken = "tstoken";
    private const string TsExp = "tsexp";

    private readonly SignedUrlToken _token;
    private readonly TimeProvider _time;

    /// <summary>Creates a signer for <paramref name="proxySecret"/> (<c>[publisher] proxy_secret</c>).</summary>
    public FirstPartyUrlSigner(string proxySecret, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(proxySecret);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _token = new SignedUrlToken(proxySecret);
        _time = timeProvider;
    }

    /// <summary>Signed <c>/first-party/proxy</c> URL for an absolute http(s) URL, or null when it does not parse.</summary>
    public string? BuildProxyUrl(string absoluteUrl, string baseOrigin = "") =>
        Build(absoluteUrl, FirstPartyRoute.Proxy, baseOrigin, null, null);

    /// <summary>Signed <c>/first-party/click</c> URL for an absolute http(s) URL, or null when it does not parse.</summary>
    public string? BuildClickUrl(string absoluteUrl, string baseOrigin = "") =>
        Build(absoluteUrl, FirstPartyRoute.Click, baseOrigin, null, null);

    /// <summary>
    /// Signed URL with optional extra pairs (appended after the target's own, e.g. <c>ts-ec</c>) and an optional
    /// lifetime (adds <c>tsexp</c> = now + lifetime, last). A protocol-relative <c>//host/…</c> is taken as https, as the
    /// original's creative rewriter does. <paramref name="baseOrigin"/> (<c>https://host[:port]</c>,
    /// no trailing slash) makes the result absolute; empty keeps it root-relative. Null when the URL does not parse.
    /// </summary>
    public string? Build(
        string absoluteUrl,
        FirstPartyRoute route,
        string baseOrigin = "",
        IEnumerable<KeyValuePair<string, string>>? extraPairs = null,
        TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(absoluteUrl);
        var trimmed = absoluteUrl.AsSpan().Trim();
        if (trimmed.StartsWith("//", StringComparison.Ordinal))
        {
            absoluteUrl = "https:" + trimmed.ToString();
        }

        if (!WhatwgHttpUrl.TryParse(absoluteUrl, out var tsurl, out var rawQuery))
        {
            return null;
        }

        var pairs = rawQuery is null ? [] : FormUrlEncoding.Parse(rawQuery);
        if (extraPairs is not null)
        {
            pairs.AddRange(extraPairs);
        }

        if (lifetime is { } life)
        {
            var expiry = _time.GetUtcNow().Add(life).ToUnixTimeSeconds();
            pairs.Add(new(TsExp, expiry.ToString(CultureInfo.InvariantCulture)));
        }

        return BuildFromParts(tsurl, pairs, route, baseOrigin);
    }

    /// <summary>
    /// Signs an already normalised <paramref name="tsurl"/> with decoded <paramref name="pairs"/> exactly as given
    /// (the rebuild endpoint sorts and edits pairs itself, then calls this).
    /// </summary>
    public string BuildFromParts(
        string tsurl, IReadOnlyList<KeyValuePair<string, string>> pairs, FirstPartyRoute route, string baseOrigin = "")
    {
        ArgumentNullException.ThrowIfNull(tsurl);
        ArgumentNullException.ThrowIfNull(pairs);
        var token = _token.Compute(SignedString(tsurl, pairs));
        var sb = new StringBuilder(baseOrigin.Length + tsurl.Length + 96);
        sb.Append(baseOrigin).Append(route == FirstPartyRoute.Click ? ClickPath : ProxyPath).Append('?');
        FormUrlEncoding.AppendPair(sb, TsUrl, tsurl);
        foreach (var pair in pairs)
        {
            sb.Append('&');
            FormUrlEncoding.AppendPair(sb, pair.Key, pair.Value);
        }

        sb.Append('&');
        FormUrlEncoding.AppendPair(sb, TsToken, token);
        return sb.ToString();
    }

    /// <summary>
    /// The <c>tsurl</c> form of an absolute http(s) URL (WHATWG-normalised, no query or fragment; a bare origin gets
    /// its <c>/</c>), or null when it does not parse. The sign endpoint returns it as <c>base</c>.
    /// </summary>
    public static string? NormalizeTarget(string absoluteUrl)
    {
        ArgumentNullException.ThrowIfNull(absoluteUrl);
        return WhatwgHttpUrl.TryParse(absoluteUrl, out var tsurl, out _) ? tsurl : null;
    }

    /// <summary>
    /// Sets <paramref name="key"/> to <paramref name="value"/> in the target's query: the first existing pair with
    /// that key is replaced (later duplicates dropped), otherwise the pair is appended. Used to attach <c>ts-ec</c>.
    /// </summary>
    public static Uri UpsertQueryPair(Uri target, string key, string value)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var text = target.OriginalString;
        var fragmentAt = text.IndexOf('#', StringComparison.Ordinal);
        if (fragmentAt >= 0)
        {
            text = text[..fragmentAt];
        }

        var queryAt = text.IndexOf('?', StringComparison.Ordinal);
        var pairs = queryAt < 0 ? [] : FormUrlEncoding.Parse(text.AsSpan(queryAt + 1));
        var found = false;
        var result = new List<KeyValuePair<string, string>>(pairs.Count + 1);
        foreach (var pair in pairs)
        {
            if (pair.Key != key)
            {
                result.Add(pair);
            }
            else if (!found)
            {
                result.Add(new(key, value));
                found = true;
            }
        }

        if (!found)
        {
            result.Add(new(key, value));
        }

        var path = queryAt < 0 ? text : text[..queryAt];
        var options = new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true };
        return new Uri(path + "?" + FormUrlEncoding.Serialize(result), in options);
    }

    /// <summary>The token for a clear signed string (<c>tsurl</c> or <c>tsurl?pairs</c>); exposed for vectors and tools.</summary>
    public string ComputeToken(string signedString) => _token.Compute(signedString);

    /// <summary>
    /// Verifies the raw query of an incoming <c>/first-party/proxy</c> or <c>/first-party/click</c> request (with or
    /// without its leading <c>?</c>): presence, then token (constant time), then expiry, then the target's shape.
    /// </summary>
    public SignedUrlVerification Verify(string? rawQuery)
    {
        string? tsurl = null;
        string? token = null;
        string? tsexp = null;
        var rest = new List<KeyValuePair<string, string>>();
        foreach (var pair in FormUrlEncoding.Parse(rawQuery ?? string.Empty))
        {
            switch (pair.Key)
            {
                case TsUrl:
                    tsurl = pair.Value;
                    break;
                case TsToken:
                    token = pair.Value;
                    break;
                case TsExp:
                    tsexp = pair.Value;
                    rest.Add(pair);
                    break;
                default:
                    rest.Add(pair);
                    break;
            }
        }

        if (tsurl is null || token is null)
        {
            return new SignedUrlVerification { Status = SignedUrlStatus.Missing, TsUrl = tsurl, Pairs = rest };
        }

        if (!_token.Matches(SignedString(tsurl, rest), token))
        {
            return new SignedUrlVerification { Status = SignedUrlStatus.BadSignature, TsUrl = tsurl, Pairs = rest };
        }

        long? expiresAt = null;
        if (tsexp is not null)
        {
            if (!TryParseUnsigned(tsexp, out var exp))
            {
                return new SignedUrlVerification { Status = SignedUrlStatus.InvalidExpiry, TsUrl = tsurl, Pairs = rest };
            }

            expiresAt = exp;
            if (exp < _time.GetUtcNow().ToUnixTimeSeconds())
            {
                return new SignedUrlVerification
                {
                    Status = SignedUrlStatus.Expired,
                    TsUrl = tsurl,
                    Pairs = rest,
                    ExpiresAtUnixSeconds = exp,
                };
            }
        }

        var targetPairs = rest.FindAll(p => p.Key != TsExp);
        var targetText = targetPairs.Count == 0 ? tsurl : tsurl + "?" + FormUrlEncoding.Serialize(targetPairs);
        // Path and query are sent exactly as signed; Uri's canonicalisation would otherwise unescape some of them.
        var options = new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true };
        if (!Uri.TryCreate(targetText, in options, out var target) || !target.IsAbsoluteUri ||
            (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps) ||
            !string.IsNullOrEmpty(target.UserInfo))
        {
            return new SignedUrlVerification
            {
                Status = SignedUrlStatus.InvalidTarget,
                TsUrl = tsurl,
                Pairs = rest,
                ExpiresAtUnixSeconds = expiresAt,
            };
        }

        return new SignedUrlVerification
        {
            Status = SignedUrlStatus.Valid,
            Target = target,
            TsUrl = tsurl,
            Pairs = rest,
            ExpiresAtUnixSeconds = expiresAt,
        };
    }

    /// <inheritdoc />
    public void Dispose() => _token.Dispose();

    private static string SignedString(string tsurl, IReadOnlyList<KeyValuePair<string, string>> pairs) =>
        pairs.Count == 0 ? tsurl : tsurl + "?" + FormUrlEncoding.Serialize(pairs);

    // Mirrors the original's u64 parse: an optional '+', then decimal digits, no overflow.
    private static bool TryParseUnsigned(string text, out long value)
    {
        value = 0;
        var span = text.AsSpan();
        if (span.StartsWith("+"))
        {
            span = span[1..];
        }

        if (span.IsEmpty)
        {
            return false;
        }

        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c) || value > (long.MaxValue - 9) / 10)
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
