using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.Cli;

/// <summary>An <c>https://</c> listen URL needs <c>[server] tls_certificate</c> and <c>tls_private_key</c>.</summary>
internal static class HttpsListenCheck
{
    /// <summary>The one-line refusal, or null; <paramref name="server"/> is null when no configuration file is given.</summary>
    public static string? Problem(IReadOnlyList<string> urls, ServerOptions? server)
    {
        if (server?.TlsCertificate is not null || urls.FirstOrDefault(ListenUrls.IsHttps) is not { } https)
        {
            return null;
        }

        var where = server is null ? " in a --config file" : string.Empty;
        return $"--urls: \"{https}\" needs a certificate: set [server] tls_certificate and tls_private_key (PEM files){where}";
    }
}
