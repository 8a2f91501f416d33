using System.Globalization;
using System.Net;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Demo;
using TrustedServer.Hosting.Observability;

namespace TrustedServer.Hosting.Cli;

/// <summary>
/// <c>explain URL [--config FILE]</c>: runs the server in-process on a loopback port, sends it one browser-like
/// request for URL, and prints what the pipeline did: delivery mode and why, header changes, the URLs mapped (the first
/// five as origin -> first-party pairs), injections and timings. When the origin fails, it prints the cause and exits 1.
/// </summary>
internal static class ExplainCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(string url, string? configFile, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (configFile is not null)
        {
            var result = ConfigLoader.LoadFile(configFile);
            if (!result.Success)
            {
                ConfigCommands.WriteErrors(result, stderr);
                return 1;
            }

            return await ExplainAsync(url, result.Options!, stdout, stderr, cancellationToken);
        }

        await using var demo = await DemoOrigin.StartAsync(cancellationToken);
        return await ExplainAsync(url, demo.Options(), stdout, stderr, cancellationToken);
    }

    private static async Task<int> ExplainAsync(string url, TrustedServerOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!TryTarget(url, options, out var host, out var pathAndQuery))
        {
            await stderr.WriteLineAsync($"cannot explain \"{url}\": give an absolute http(s) URL or a path starting with /");
            return 2;
        }

        // Our own report is the output; the server's logs would only interleave with it.
        // The admin listeners belong to the running server; explain listens on its own loopback port only.
        var quiet = options with { Logging = options.Logging with { Level = "error" }, Server = options.Server with { AdminUrls = [] } };
        var capture = new ExplainCapture();
        await using var app = TrustedServerApp.Build(quiet, ["http://127.0.0.1:0"], services => services.AddSingleton<IRequestObserver>(capture));
        await app.StartAsync(cancellationToken);
        try
        {
            using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None })
            {
                Timeout = Timeout,
            };
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(app.Urls.First()), pathAndQuery));
            request.Headers.Host = host;
            request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br");
            request.Headers.TryAddWithoutValidation("User-Agent", "trusted-server-explain");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var (diagnostics, bytesOut, duration) = await capture.Completed.WaitAsync(Timeout, cancellationToken);
            var clientHeaders = response.Headers.Concat(response.Content.Headers)
                .SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v)));
            Write(stdout, $"GET {url}", diagnostics, (int)response.StatusCode, body.Length, clientHeaders, bytesOut, duration);
            if (diagnostics.Outcome is { } failed)
            {
                // The page did not come through: a script running explain must see it fail.
                await stderr.WriteLineAsync($"explain {url}: {failed}: {diagnostics.FailureCause ?? "no detail"}");
                return 1;
            }

            return 0;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    private static bool TryTarget(string url, TrustedServerOptions options, out string host, out string pathAndQuery)
    {
        host = options.Publisher.Domain;
        pathAndQuery = url;
        if (url.StartsWith('/'))
        {
            return true;
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            host = uri.Authority;
            pathAndQuery = uri.PathAndQuery;
            return true;
        }

        return false;
    }

    private static void Write(TextWriter o, string title, RequestDiagnostics d, int status, int bodyLength, IEnumerable<KeyValuePair<string, string>> clientHeaders, long bytesOut, TimeSpan duration)
    {
        var c = CultureInfo.InvariantCulture;
        o.WriteLine(title);
        if (d.Decision is { } decision)
        {
            o.WriteLine(string.Create(c, $"  origin:    {d.OriginStatus} {Header(d.OriginHeaders, "content-type")}{Suffix(Header(d.OriginHeaders, "content-encoding"))}, {d.OriginBytes} body bytes"));
            o.WriteLine(string.Create(c, $"  delivery:  {decision.Mode} ({decision.Kind}{(decision.Bodiless ? ", bodiless" : string.Empty)}): {decision.Reason}"));
        }
        else
        {
            o.WriteLine(d.Outcome is null
                ? "  delivery:  none (a local route answered)"
                : "  delivery:  none (the origin failed before sending its headers)");
        }

        o.WriteLine(string.Create(c, $"  client:    {status}, {bodyLength} body bytes ({bytesOut} written)"));
        if (d.Outcome is { } failed)
        {
            o.WriteLine($"  failed:    {failed}: {d.FailureCause ?? "no detail"}");
        }

        o.WriteLine("  headers (origin -> client):");
        var changes = d.Decision is null ? [] : HeaderDiff.Lines(d.OriginHeaders, clientHeaders).ToList();
        foreach (var line in changes)
        {
            o.WriteLine("    " + line);
        }

        if (changes.Count == 0)
        {
            o.WriteLine("    (no changes)");
        }

        if (d.MappedUrls.Count == 0)
        {
            o.WriteLine(string.Create(c, $"  urls mapped: {d.UrlsMapped}"));
        }
        else
        {
            o.WriteLine(string.Create(c, $"  urls mapped: {d.UrlsMapped}, the first {d.MappedUrls.Count}:"));
            foreach (var mapped in d.MappedUrls)
            {
                o.WriteLine($"    {mapped.Origin} -> {mapped.FirstParty}");
            }
        }

        o.WriteLine("  injected:  " + (d.Injections.Count == 0 ? "nothing" : string.Join(", ", d.Injections)));
        if (d.PageAuction is { } pageAuction)
        {
            o.WriteLine("  page auction: " + pageAuction);
        }

        var ttfb = d.OriginTimeToFirstByte is { } t ? t.TotalMilliseconds.ToString("0.0", c) + " ms" : "n/a";
        o.WriteLine(string.Create(c, $"  timings:   origin ttfb {ttfb}, total {duration.TotalMilliseconds:0.0} ms"));
    }

    private static string Header(IEnumerable<KeyValuePair<string, string>> headers, string name) =>
        string.Join(", ", headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value));

    private static string Suffix(string encoding) => encoding.Length == 0 ? string.Empty : $" ({encoding})";
}
