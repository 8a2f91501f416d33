using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;
using TrustedServer.Core.Configuration;
using TrustedServer.Core.Integrations.DataDome;
using TrustedServer.Core.Ssrf;
using TrustedServer.Hosting.FirstParty;
using TrustedServer.Hosting.Proxy;

namespace TrustedServer.Hosting.Integrations.DataDome;

/// <summary>
/// The pre-route Protection API call: one <c>POST /validate-request</c> per protected request, bounded as a whole by
/// <c>timeout_ms</c>. DataDome allows (its request headers go on to the origin, its response headers and cookies onto
/// the answer), challenges (its status, headers and body are the answer), or, when it is down, slow or answers
/// anything unexpected, the request goes on untouched (fail open), counted in <c>ts_datadome_protection_total</c>.
/// The server key is sent only in the body and never logged.
/// </summary>
internal sealed class DataDomeProtection : IDisposable
{
    /// <summary>The staging bypass header: removed from every request the filter sees.</summary>
    public const string BypassHeader = "x-ts-datadome-bypass";

    private const int MaxAnswerBytes = 256 * 1024;
    private static readonly string ModuleVersion = typeof(DataDomeProtection).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private readonly TrustedServerOptions _options;
    private readonly DataDomeOptions _dataDome;
    private readonly DataDomeMetrics _metrics;
    private readonly ILogger<DataDomeProtection> _logger;
    private readonly HttpMessageInvoker _client;
    private readonly Uri _validateUrl;
    private readonly byte[]? _bypassHash;

    public DataDomeProtection(TrustedServerOptions options, FirstPartyNetwork network, IMeterFactory meters, ILogger<DataDomeProtection> logger)
    {
        _options = options;
        _dataDome = options.Integrations.DataDome;
        _metrics = new DataDomeMetrics(meters);
        _logger = logger;
        _validateUrl = new Uri(_dataDome.ProtectionApiOrigin, ProtectionProtocol.ValidatePath);
        _bypassHash = _dataDome.TestBypassSecret is { } secret ? SHA256.HashData(Encoding.UTF8.GetBytes(secret)) : null;
        var handler = GuardedHttpHandlerFactory.Create(new ProxyTargetPolicy { AllowPrivateTargets = true }, network.Connector, network.Resolver, _dataDome.Timeout);
        handler.PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60);
        _client = new HttpMessageInvoker(handler);
    }

    public async ValueTask<RequestFilterResult> FilterAsync(RequestFilterContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (request.Headers.TryGetValue(BypassHeader, out var bypass))
        {
            context.RemoveRequestHeader(BypassHeader);
            if (_bypassHash is not null && bypass.Count == 1
                && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(bypass.ToString())), _bypassHash))
            {
                DataDomeLog.TestBypass(_logger, request.Method);
                _metrics.Record("skipped", "test_bypass");
                return RequestFilterResult.Allow;
            }
        }

        if (!_dataDome.EnableProtection || _dataDome.ServerSideKey is null)
        {
            return RequestFilterResult.Allow;
        }

        var visitor = VisitorRequest.For(context.Http, _options.Proxy);
        var facts = new ProtectionRequestFacts(request.Method.ToUpperInvariant(), request.Path.Value ?? "/", request.QueryString.Value ?? string.Empty, visitor.ClientAddress);
        if (ProtectionScope.Evaluate(_dataDome, facts) is { } skip)
        {
            DataDomeLog.Skipped(_logger, skip.RuleId, skip.Reason, facts.Method);
            _metrics.Record("skipped", skip.Reason);
            return RequestFilterResult.Allow;
        }

        return await CallAsync(context, visitor, cancellationToken);
    }

    public void Dispose() => _client.Dispose();

    private async Task<RequestFilterResult> CallAsync(RequestFilterContext context, VisitorRequest visitor, CancellationToken cancellationToken)
    {
        var method = context.Request.Method;
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_dataDome.Timeout);
        try
        {
            using var call = BuildCall(context.Request, visitor);
            using var answer = await _client.SendAsync(call, timeout.Token);
            var body = await ReadBoundedAsync(answer.Content, timeout.Token);
            var status = (int)answer.StatusCode;
            var verdict = ProtectionProtocol.Classify(status, Header(answer, ProtectionProtocol.ResponseStatusHeader));
            var elapsed = Stopwatch.GetElapsedTime(started);
            switch (verdict)
            {
                case ProtectionVerdict.Allow:
                    ApplyEnrichment(context, answer);
                    Finish("allowed", string.Empty, status, method, elapsed);
                    return RequestFilterResult.Allow;
                case ProtectionVerdict.Challenge:
                    Finish("challenged", string.Empty, status, method, elapsed);
                    return RequestFilterResult.Respond(status, ChallengeHeaders(answer), body);
                default:
                    return FailOpen("bad_answer", method, elapsed);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return FailOpen("timeout", method, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidDataException)
        {
            return FailOpen(ex is InvalidDataException ? "bad_answer" : "unavailable", method, Stopwatch.GetElapsedTime(started));
        }
    }

    private void Finish(string outcome, string reason, int status, string method, TimeSpan elapsed)
    {
        _metrics.Record(outcome, reason);
        _metrics.RecordCall(outcome, elapsed);
        DataDomeLog.Decision(_logger, outcome, status, method);
    }

    private RequestFilterResult FailOpen(string reason, string method, TimeSpan elapsed)
    {
        _metrics.Record("failed_open", reason);
        _metrics.RecordCall("failed_open", elapsed);
        DataDomeLog.FailedOpen(_logger, reason, method);
        return RequestFilterResult.Allow;
    }

    private HttpRequestMessage BuildCall(HttpRequest request, VisitorRequest visitor)
    {
        var headers = request.Headers;
        var headerClientId = headers["X-DataDome-ClientID"].ToString();
        var clientId = headerClientId.Length > 0 ? headerClientId : request.Cookies["datadome"] ?? string.Empty;
        string H(string name) => headers[name].ToString();
        KeyValuePair<string, string?> F(string name, string? value) => new(name, value);
        var fields = new[]
        {
            F("Key", _dataDome.ServerSideKey),
            F("RequestModuleName", ProtectionProtocol.ModuleName),
            F("ModuleVersion", ModuleVersion),
            F("ServerName", Environment.MachineName),
            F("IP", visitor.ClientAddress?.ToString()),
            F("Port", request.HttpContext.Connection.RemotePort.ToString(CultureInfo.InvariantCulture)),
            F("TimeRequest", (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000).ToString(CultureInfo.InvariantCulture)),
            F("Protocol", visitor.Scheme),
            F("Method", request.Method),
            F("ServerHostname", visitor.Host),
            F("Request", request.Path.ToUriComponent() + request.QueryString.ToUriComponent()),
            F("HeadersList", string.Join(',', headers.Keys)),
            F("Host", visitor.Host),
            F("UserAgent", H(HeaderNames.UserAgent)),
            F("Referer", H(HeaderNames.Referer)),
            F("Accept", H(HeaderNames.Accept)),
            F("AcceptEncoding", H(HeaderNames.AcceptEncoding)),
            F("AcceptLanguage", H(HeaderNames.AcceptLanguage)),
            F("AcceptCharset", H(HeaderNames.AcceptCharset)),
            F("Origin", H(HeaderNames.Origin)),
            F("XForwardedForIP", H("X-Forwarded-For")),
            F("X-Requested-With", H("X-Requested-With")),
            F("Connection", H(HeaderNames.Connection)),
            F("Pragma", H(HeaderNames.Pragma)),
            F("CacheControl", H(HeaderNames.CacheControl)),
            F("ContentType", H(HeaderNames.ContentType)),
            F("From", H(HeaderNames.From)),
            F("Via", H(HeaderNames.Via)),
            F("CookiesLen", H(HeaderNames.Cookie).Length.ToString(CultureInfo.InvariantCulture)),
            F("AuthorizationLen", H(HeaderNames.Authorization).Length.ToString(CultureInfo.InvariantCulture)),
            F("PostParamLen", request.ContentLength?.ToString(CultureInfo.InvariantCulture)),
            F("ClientID", clientId),
            F("SecCHUA", H("Sec-CH-UA")),
            F("SecCHUAMobile", H("Sec-CH-UA-Mobile")),
            F("SecCHUAPlatform", H("Sec-CH-UA-Platform")),
            F("SecCHUAArch", H("Sec-CH-UA-Arch")),
            F("SecCHUAFullVersionList", H("Sec-CH-UA-Full-Version-List")),
            F("SecCHUAModel", H("Sec-CH-UA-Model")),
            F("SecCHDeviceMemory", H("Sec-CH-Device-Memory")),
            F("SecFetchDest", H("Sec-Fetch-Dest")),
            F("SecFetchMode", H("Sec-Fetch-Mode")),
            F("SecFetchSite", H("Sec-Fetch-Site")),
            F("SecFetchUser", H("Sec-Fetch-User")),
        };
        var call = new HttpRequestMessage(HttpMethod.Post, _validateUrl)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            Content = new StringContent(ProtectionProtocol.FormBody(fields), Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        call.Headers.TryAddWithoutValidation(HeaderNames.UserAgent, "DataDome");
        if (headerClientId.Length > 0)
        {
            call.Headers.TryAddWithoutValidation("X-DataDome-X-Set-Cookie", "true");
        }

        return call;
    }

    private void ApplyEnrichment(RequestFilterContext context, HttpResponseMessage answer)
    {
        foreach (var name in ProtectionProtocol.PointedHeaders(Header(answer, ProtectionProtocol.RequestHeadersPointer)))
        {
            if (Header(answer, name) is not { } value)
            {
                continue;
            }

            if (RequestFilterContext.IsForbidden(name) || name.StartsWith("x-ts-", StringComparison.OrdinalIgnoreCase))
            {
                DataDomeLog.HeaderRefused(_logger, name);
                continue;
            }

            context.SetRequestHeader(name, value);
        }

        foreach (var (name, value) in PointedResponseHeaders(answer))
        {
            if (string.Equals(name, HeaderNames.SetCookie, StringComparison.OrdinalIgnoreCase))
            {
                context.AddResponseCookie(value);
            }
            else if (RequestFilterContext.IsForbidden(name) || name.StartsWith("x-ts-", StringComparison.OrdinalIgnoreCase))
            {
                DataDomeLog.HeaderRefused(_logger, name);
            }
            else
            {
                context.AddResponseHeader(name, value);
            }
        }
    }

    private List<KeyValuePair<string, string>> ChallengeHeaders(HttpResponseMessage answer)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (answer.Content.Headers.ContentType is { } type)
        {
            headers.Add(new(HeaderNames.ContentType, type.ToString()));
        }

        foreach (var (name, value) in PointedResponseHeaders(answer))
        {
            if (!string.Equals(name, HeaderNames.SetCookie, StringComparison.OrdinalIgnoreCase)
                && (RequestFilterContext.IsForbidden(name) || name.StartsWith("x-ts-", StringComparison.OrdinalIgnoreCase)))
            {
                DataDomeLog.HeaderRefused(_logger, name);
                continue;
            }

            headers.Add(new(name, value));
        }

        return headers;
    }

    private static IEnumerable<(string Name, string Value)> PointedResponseHeaders(HttpResponseMessage answer)
    {
        foreach (var name in ProtectionProtocol.PointedHeaders(Header(answer, ProtectionProtocol.ResponseHeadersPointer)))
        {
            if (string.Equals(name, HeaderNames.SetCookie, StringComparison.OrdinalIgnoreCase))
            {
                if (answer.Headers.TryGetValues(name, out var cookies))
                {
                    foreach (var cookie in cookies)
                    {
                        if (!cookie.Any(c => c is '\r' or '\n'))
                        {
                            yield return (name, cookie);
                        }
                    }
                }
            }
            else if (Header(answer, name) is { } value && !value.Any(c => c is '\r' or '\n' or '\0'))
            {
                yield return (name, value);
            }
        }
    }

    private static string? Header(HttpResponseMessage answer, string name) =>
        answer.Headers.TryGetValues(name, out var values) || answer.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxAnswerBytes)
        {
            throw new InvalidDataException("the Protection API answer is over the cap");
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxAnswerBytes)
            {
                throw new InvalidDataException("the Protection API answer is over the cap");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
