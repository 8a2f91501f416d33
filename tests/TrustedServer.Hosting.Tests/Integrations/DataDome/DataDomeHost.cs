using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Tests.Infrastructure;
using TrustedServer.Hosting.Tests.Observability;

namespace TrustedServer.Hosting.Tests.Integrations.DataDome;

/// <summary>The publisher origin (it records the request headers it sees), a loopback stand-in for DataDome (the
/// Protection API's <c>POST /validate-request</c>, <c>tags.js</c> and the signal API, scripted per test) and the app.</summary>
internal sealed class DataDomeHost : IAsyncDisposable
{
    public const string ServerKey = "dd-server-key-7Hq2Lm9Zx4Wv8Kp3";

    public const string Page = "<!doctype html><html><head><title>t</title><script src=\"https://js.datadome.co/tags.js\" async></script></head><body><p>story</p></body></html>";

    private DataDomeHost(OriginServer origin, OriginServer vendor, ProxyServer proxy)
    {
        Origin = origin;
        Vendor = vendor;
        Proxy = proxy;
    }

    public OriginServer Origin { get; }

    public OriginServer Vendor { get; }

    public ProxyServer Proxy { get; }

    public HttpClient Client => Proxy.Client;

    /// <summary>Each request the origin saw: its path and query, and its headers.</summary>
    public ConcurrentQueue<(string Path, IHeaderDictionary Headers)> OriginRequests { get; } = new();

    /// <summary>Each Protection API call: the form fields.</summary>
    public ConcurrentQueue<Dictionary<string, string>> ApiCalls { get; } = new();

    public static async Task<DataDomeHost> StartAsync(RequestDelegate api, Func<DataDomeOptions, Uri, DataDomeOptions>? configure = null)
    {
        DataDomeHost? self = null;
        var origin = await OriginServer.StartAsync(async context =>
        {
            self!.OriginRequests.Enqueue((context.Request.Path + context.Request.QueryString, new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value))));
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(Page);
        });
        var vendor = await OriginServer.StartAsync(async context =>
        {
            if (context.Request.Path == "/validate-request")
            {
                var form = await context.Request.ReadFormAsync();
                self!.ApiCalls.Enqueue(form.ToDictionary(f => f.Key, f => f.Value.ToString()));
            }

            await api(context);
        });
        var dataDome = new DataDomeOptions
        {
            Enabled = true,
            EnableProtection = true,
            ServerSideKey = ServerKey,
            ProtectionApiOrigin = vendor.Url,
            SdkOrigin = vendor.Url,
            ApiOrigin = vendor.Url,
            Timeout = TimeSpan.FromMilliseconds(1500),
        };
        dataDome = configure?.Invoke(dataDome, vendor.Url) ?? dataDome;
        var options = TestOptions.For(origin.Url) with { Integrations = new IntegrationsOptions { DataDome = dataDome } };
        var proxy = await ProxyServer.StartAsync(options, rewriting: true);
        self = new DataDomeHost(origin, vendor, proxy);
        return self;
    }

    /// <summary>An answer from the Protection API: the status, confirmed in <c>X-DataDomeResponse</c> unless told otherwise.</summary>
    public static RequestDelegate Answer(int status, IEnumerable<(string Name, string Value)> headers, string? body = null, bool confirm = true) => async context =>
    {
        if (context.Request.Path != "/validate-request")
        {
            context.Response.StatusCode = 404;
            return;
        }

        context.Response.StatusCode = status;
        if (confirm)
        {
            context.Response.Headers["X-DataDomeResponse"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var (name, value) in headers)
        {
            context.Response.Headers.Append(name, value);
        }

        if (body is not null)
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(body);
        }
    };

    public async Task<double> MetricAsync(params (string Key, string Value)[] labels)
    {
        var ct = TestContext.Current.CancellationToken;
        using var request = Proxy.MetricsRequest();
        using var response = await Client.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return PrometheusText.Sum(text, "ts_datadome_protection_total", labels);
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await Vendor.DisposeAsync();
        await Origin.DisposeAsync();
    }
}
