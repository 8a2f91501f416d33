using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Integrations;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Integrations;

/// <summary>A loopback publisher origin, a loopback vendor (a stand-in for Google's or a CDN's servers) and the real
/// app in front of the origin with publisher rewriting on.</summary>
internal sealed class IntegrationHost : IAsyncDisposable
{
    private IntegrationHost(OriginServer origin, OriginServer vendor, ProxyServer proxy)
    {
        Origin = origin;
        Vendor = vendor;
        Proxy = proxy;
    }

    public OriginServer Origin { get; }

    public OriginServer Vendor { get; }

    public ProxyServer Proxy { get; }

    public HttpClient Client => Proxy.Client;

    public static async Task<IntegrationHost> StartAsync(
        RequestDelegate origin,
        RequestDelegate vendor,
        Func<TrustedServerOptions, Uri, TrustedServerOptions>? configure = null,
        params IIntegration[] extra) =>
        await StartAsync(origin, vendor, configure, _ => extra);

    /// <summary>Starts the three servers; <paramref name="integrations"/> gets the vendor's URL.</summary>
    public static async Task<IntegrationHost> StartAsync(
        RequestDelegate origin,
        RequestDelegate vendor,
        Func<TrustedServerOptions, Uri, TrustedServerOptions>? configure,
        Func<Uri, IEnumerable<IIntegration>> integrations)
    {
        var originServer = await OriginServer.StartAsync(origin);
        var vendorServer = await OriginServer.StartAsync(vendor);
        var options = TestOptions.For(originServer.Url);
        options = configure?.Invoke(options, vendorServer.Url) ?? options;
        var proxy = await ProxyServer.StartAsync(options, services =>
        {
            foreach (var integration in integrations(vendorServer.Url))
            {
                services.AddSingleton(integration);
            }
        }, rewriting: true);
        return new IntegrationHost(originServer, vendorServer, proxy);
    }

    public static RequestDelegate Html(string page) => async context =>
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(page);
    };

    public Task<HttpResponseMessage> GetAsync(string relative) =>
        Client.GetAsync(new Uri(relative, UriKind.Relative), TestContext.Current.CancellationToken);

    public async Task<string> PageAsync(string relative = "/")
    {
        using var response = await GetAsync(relative);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await Vendor.DisposeAsync();
        await Origin.DisposeAsync();
    }
}
