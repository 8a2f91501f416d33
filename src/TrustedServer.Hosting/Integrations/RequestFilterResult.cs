namespace TrustedServer.Hosting.Integrations;

/// <summary>A request filter's answer: go on, or respond directly.</summary>
public sealed record RequestFilterResult
{
    private RequestFilterResult(int? status, string? contentType, string? body)
    {
        Status = status;
        ContentType = contentType;
        Body = body;
    }

    private RequestFilterResult(int status, IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body)
    {
        Status = status;
        Headers = headers;
        BodyBytes = body;
    }

    /// <summary>Let the request through.</summary>
    public static RequestFilterResult Allow { get; } = new(null, null, null);

    /// <summary>The status of a direct answer, or null to let the request through.</summary>
    public int? Status { get; }

    /// <summary>The direct answer's media type.</summary>
    public string? ContentType { get; }

    /// <summary>The direct answer's body.</summary>
    public string? Body { get; }

    /// <summary>Headers of a direct answer given as a vendor sent it (<c>Set-Cookie</c> appended, others replaced).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; } = [];

    /// <summary>The bytes of a direct answer given as a vendor sent it, or null for <see cref="Body"/>.</summary>
    public ReadOnlyMemory<byte>? BodyBytes { get; }

    /// <summary>Answer the request with a vendor's own answer: its status, headers (framing and hop-by-hop ones are
    /// refused; the server frames the body itself) and bytes.</summary>
    /// <exception cref="ForbiddenHeaderException">A header is one the server owns, or a value holds a line break.</exception>
    public static RequestFilterResult Respond(int status, IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 200);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        foreach (var (name, value) in headers)
        {
            if (!string.Equals(name, Microsoft.Net.Http.Headers.HeaderNames.SetCookie, StringComparison.OrdinalIgnoreCase) && RequestFilterContext.IsForbidden(name))
            {
                throw new ForbiddenHeaderException($"a direct answer may not carry \"{name}\"");
            }

            if (value.Any(c => c is '\r' or '\n' or '\0'))
            {
                throw new ForbiddenHeaderException($"the value of \"{name}\" holds a line break");
            }
        }

        return new(status, headers, body);
    }

    /// <summary>Answer the request directly.</summary>
    public static RequestFilterResult Respond(int status, string contentType = "text/plain; charset=utf-8", string body = "") =>
        status is < 200 or > 599 ? throw new ArgumentOutOfRangeException(nameof(status)) : new(status, contentType, body);
}
