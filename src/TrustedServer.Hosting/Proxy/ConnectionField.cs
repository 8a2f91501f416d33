namespace TrustedServer.Hosting.Proxy;

/// <summary>The request's <c>Connection</c> lines as received (see <see cref="ConnectionFieldCapture"/>).</summary>
internal sealed record ConnectionField(string[] Lines);
