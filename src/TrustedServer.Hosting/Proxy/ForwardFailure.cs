using Yarp.ReverseProxy.Forwarder;

namespace TrustedServer.Hosting.Proxy;

/// <summary>
/// What a failed forward means to an operator: a short reason for the request line (<c>origin_unreachable</c>,
/// <c>origin_timeout</c>, <c>origin_failure</c>, <c>client_gone</c>...), whether the response had already started
/// (then it was cut off), and the cause in one line.
/// </summary>
internal readonly record struct ForwardFailure(string Reason, bool Committed, string Cause)
{
    public bool ClientGone => Reason == "client_gone";

    public static ForwardFailure Classify(HttpContext context, ForwarderError error, int status, TimeSpan firstByteTimeout, Exception? exception)
    {
        var cause = Observability.ProxyLog.Cause(exception);
        if (context.Response.HasStarted && error is ForwarderError.ResponseBodyDestination)
        {
            // YARP's PassThrough copy lost the origin after the headers went out (it then aborts the client too).
            return new("origin_failure", true, cause);
        }

        if (context.RequestAborted.IsCancellationRequested || error is ForwarderError.ResponseBodyClient)
        {
            return new("client_gone", true, cause);
        }

        if (context.Response.HasStarted)
        {
            return error is ForwarderError.ResponseBodyCanceled
                ? new("timeout", true, "no body bytes from the origin within the between-bytes timeout")
                : new("origin_failure", true, cause);
        }

        return status switch
        {
            StatusCodes.Status504GatewayTimeout => new("origin_timeout", false, string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"no response headers within first_byte_timeout_ms ({firstByteTimeout.TotalMilliseconds:0} ms)")),
            StatusCodes.Status502BadGateway => new(Unreachable(exception) ? "origin_unreachable" : "origin_failure", false, cause),
            _ => new("request_failed", false, cause),
        };
    }

    /// <summary>The connection itself failed: nothing answered at the origin's address.</summary>
    private static bool Unreachable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError })
            {
                return true;
            }
        }

        return false;
    }
}
