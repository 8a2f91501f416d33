using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting;

namespace TrustedServer.Browser.Tests.Infrastructure;

/// <summary>The real app, built by <see cref="TrustedServerApp.Build"/>, on 127.0.0.1:0 in front of an origin.</summary>
internal sealed class ProxyHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProxyHost(WebApplication app)
    {
        _app = app;
        Url = new Uri(app.Urls.First());
    }

    /// <summary>The proxy's base URL, e.g. <c>http://127.0.0.1:40123/</c>: the first-party site the browser visits.</summary>
    public Uri Url { get; }

    /// <summary>host:port of the first-party site.</summary>
    public string Authority => Url.Authority;

    public IServiceProvider Services => _app.Services;

    public static async Task<ProxyHost> StartAsync(TrustedServerOptions options, Action<IServiceCollection>? services = null)
    {
        var app = TrustedServerApp.Build(options, ["http://127.0.0.1:0"], services);
        await app.StartAsync();
        return new ProxyHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
