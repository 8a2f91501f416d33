using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Extensibility;
using TrustedServer.Hosting.Listener;

namespace TrustedServer.Hosting.Tests.Infrastructure;

/// <summary>The real app, built by <see cref="TrustedServerApp.Build"/>, on 127.0.0.1:0 in front of a test origin.</summary>
internal sealed class ProxyServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProxyServer(WebApplication app, TrustedServerOptions options)
    {
        _app = app;
        Options = options;
        var admin = app.Services.GetRequiredService<AdminListeners>();
        Url = new Uri(app.Urls.First(u => !admin.Contains(u)));
        AdminUrl = admin.Urls.Count > 0 ? new Uri(admin.Urls[0]) : null;
        Client = new HttpClient(new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
            AllowAutoRedirect = false,
        })
        {
            BaseAddress = Url,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public Uri Url { get; }

    /// <summary>The first <c>[server] admin_urls</c> listener, when the options have one.</summary>
    public Uri? AdminUrl { get; }

    public TrustedServerOptions Options { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static Task<ProxyServer> StartAsync(Uri origin, Func<PublisherOptions, PublisherOptions>? publisher = null, Action<IServiceCollection>? services = null, ProxyOptions? proxy = null, bool rewriting = false) =>
        StartAsync(TestOptions.For(origin, publisher, proxy), services, rewriting);

    /// <summary>
    /// Starts the app. Transport tests (framing, codecs, timeouts) compare bodies byte for byte, so unless
    /// <paramref name="rewriting"/> is set the identity transform and no header rewriting stand in for the publisher's.
    /// </summary>
    public static async Task<ProxyServer> StartAsync(TrustedServerOptions options, Action<IServiceCollection>? services = null, bool rewriting = false)
    {
        var app = TrustedServerApp.Build(options, ["http://127.0.0.1:0"], s =>
        {
            if (!rewriting)
            {
                s.AddSingleton<IBodyTransformFactory, PassThroughTransformFactory>();
                s.AddSingleton<IResponseHeaderRewriter, NoOpResponseHeaderRewriter>();
            }

            services?.Invoke(s);
        });
        await app.StartAsync();
        return new ProxyServer(app, options);
    }

    /// <summary>A scrape of <c>/_ts/metrics</c> on the public port, with the options' <c>metrics_token</c>.</summary>
    public HttpRequestMessage MetricsRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/_ts/metrics");
        if (Options.Server.MetricsToken is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    /// <summary>The metrics exposition, scraped with <see cref="MetricsRequest"/>.</summary>
    public async Task<string> MetricsAsync(CancellationToken cancellationToken)
    {
        using var request = MetricsRequest();
        using var response = await Client.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
