namespace TrustedServer.Core.Rewriting.Urls;

/// <summary>
/// One extra host to map (<c>[rewrite] hosts</c>): URLs on <paramref name="FromHost"/> become first-party URLs under
/// <paramref name="ToPathPrefix"/> on the request host, e.g. <c>static.example.com</c> to <c>/static-origin</c>.
/// </summary>
/// <param name="FromHost">The host, ASCII, optionally with an explicit <c>:port</c>.</param>
/// <param name="ToPathPrefix">The first-party path prefix, starting with <c>/</c> (a trailing slash is ignored).</param>
public sealed record HostMapping(string FromHost, string ToPathPrefix);
