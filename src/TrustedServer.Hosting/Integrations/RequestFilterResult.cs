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

    /// <summary>Let the request through.</summary>
    public static RequestFilterResult Allow { get; } = new(null, null, null);

    /// <summary>The status of a direct answer, or null to let the request through.</summary>
    public int? Status { get; }

    /// <summary>The direct answer's media type.</summary>
    public string? ContentType { get; }

    /// <summary>The direct answer's body.</summary>
    public string? Body { get; }

    /// <summary>Answer the request directly.</summary>
    public static RequestFilterResult Respond(int status, string contentType = "text/plain; charset=utf-8", string body = "") =>
        status is < 200 or > 599 ? throw new ArgumentOutOfRangeException(nameof(status)) : new(status, contentType, body);
}
