using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustedServer.Core.Configuration;
using TrustedServer.Core.SignedUrls;
using TrustedServer.Hosting.FirstParty;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.FirstParty;

/// <summary>A loopback origin and the real app in front of it, with the first-party network confined to loopback.</summary>
internal sealed class FirstPartyHost : IAsyncDisposable
{
    public const string Secret = "first-party-acceptance-secret";

    private FirstPartyHost(OriginServer origin, ProxyServer proxy, LoopbackNetwork network, FakeTimeProvider time)
    {
        Origin = origin;
        Proxy = proxy;
        Network = network;
        Time = time;
    }

    public OriginServer Origin { get; }

    public ProxyServer Proxy { get; }

    public LoopbackNetwork Network { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Client => Proxy.Client;

    public int OriginPort => Origin.Url.Port;

    public FirstPartyUrlSigner Signer => Proxy.Services.GetRequiredService<FirstPartySigning>().Signer!;

    public static async Task<FirstPartyHost> StartAsync(
        Microsoft.AspNetCore.Http.RequestDelegate handler,
        bool allowPrivate = true,
        IReadOnlyList<string>? allowedDomains = null,
        Func<TrustedServerOptions, TrustedServerOptions>? configure = null)
    {
        var origin = await OriginServer.StartAsync(handler);
        var network = new LoopbackNetwork();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = TestOptions.For(
            origin.Url,
            p => p with { ProxySecret = Secret },
            new ProxyOptions
            {
                AllowPrivateTargets = allowPrivate,
                AllowedDomains = allowedDomains ?? [],
                AllowedPorts = [80, 443, origin.Url.Port],
            });
        options = configure?.Invoke(options) ?? options;
        var proxy = await ProxyServer.StartAsync(options, services =>
        {
            services.AddSingleton(network.Network);
            services.AddSingleton<TimeProvider>(time);
        });
        return new FirstPartyHost(origin, proxy, network, time);
    }

    public string OriginUrl(string pathAndQuery) => $"http://127.0.0.1:{OriginPort}{pathAndQuery}";

    /// <summary>Mints a signed proxy URL through the public sign endpoint.</summary>
    public async Task<string> SignAsync(string url)
    {
        using var response = await Client.GetAsync(new Uri("/first-party/sign?url=" + Uri.EscapeDataString(url), UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return json.GetProperty("href").GetString()!;
    }

    public Task<HttpResponseMessage> GetAsync(string relative) =>
        Client.GetAsync(new Uri(relative, UriKind.Relative), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await Origin.DisposeAsync();
        Assert.Empty(Network.Violations);
    }
}
