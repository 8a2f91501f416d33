using System.Buffers;

namespace TrustedServer.Hosting.Observability;

/// <summary>
/// The request id: the client's (or the CDN's) <c>X-Request-ID</c> when it is well-formed, otherwise a new one. It is
/// sent to the origin, returned to the client and written in the request's log line, so one id follows a request
/// through every hop.
/// </summary>
internal static class RequestId
{
    public const string HeaderName = "X-Request-ID";

    /// <summary>The longest id reused; a longer one is replaced.</summary>
    public const int MaxLength = 128;

    // Letters, digits and the separators UUIDs, ULIDs and CDN ids use; nothing a log line or a header could misread.
    private static readonly SearchValues<char> Allowed = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-");

    /// <summary>True for 1 to <see cref="MaxLength"/> characters of <c>[A-Za-z0-9._:-]</c>.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> value) =>
        value.Length is > 0 and <= MaxLength && !value.ContainsAnyExcept(Allowed);

    /// <summary>The incoming id when the request carries exactly one well-formed <c>X-Request-ID</c>, otherwise a new one.</summary>
    public static string For(HttpRequest request)
    {
        var incoming = request.Headers[HeaderName];
        return incoming.Count == 1 && incoming[0] is { } value && IsWellFormed(value) ? value : New();
    }

    /// <summary>32 hex digits, time-ordered, so ids sort roughly by arrival.</summary>
    public static string New() => Guid.CreateVersion7().ToString("N");
}
