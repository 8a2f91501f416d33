using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Observability;

/// <summary>One request id per request: the incoming one when well-formed, sent to the origin, returned, logged.</summary>
public sealed class RequestIdTests
{
    private const string Header = "X-Request-ID";

    [Theory]
    [InlineData("req-42")]
    [InlineData("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")]
    [InlineData("cdn:pop.fra:1234567890")]
    public async Task A_well_formed_incoming_id_is_sent_to_the_origin_returned_and_logged(string id)
    {
        var (seen, response, logged) = await SendAsync(id);

        Assert.Equal(id, seen);
        Assert.Equal(id, response);
        Assert.Equal(id, logged);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("<script>")]
    [InlineData("semi;colon")]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_missing_or_malformed_id_is_replaced_by_a_new_one_everywhere(string? id)
    {
        var (seen, response, logged) = await SendAsync(id);

        Assert.Matches("^[0-9a-f]{32}$", seen);
        Assert.Equal(seen, response);
        Assert.Equal(seen, logged);
    }

    [Fact]
    public async Task An_id_longer_than_128_characters_is_replaced_and_128_are_kept()
    {
        var (kept, _, _) = await SendAsync(new string('a', 128));
        var (replaced, _, _) = await SendAsync(new string('a', 129));

        Assert.Equal(new string('a', 128), kept);
        Assert.Matches("^[0-9a-f]{32}$", replaced);
    }

    [Fact]
    public async Task Local_routes_return_an_id_and_every_request_gets_its_own()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var proxy = await ProxyServer.StartAsync(new Uri("http://127.0.0.1:9"));

        using var first = await proxy.Client.GetAsync(new Uri("/_ts/health", UriKind.Relative), cancellationToken);
        using var second = await proxy.Client.GetAsync(new Uri("/_ts/health", UriKind.Relative), cancellationToken);

        var a = Assert.Single(first.Headers.GetValues(Header));
        var b = Assert.Single(second.Headers.GetValues(Header));
        Assert.Matches("^[0-9a-f]{32}$", a);
        Assert.NotEqual(a, b);
    }

    /// <summary>One proxied request with <paramref name="id"/> (none when null): the id the origin saw, the one returned, the one logged.</summary>
    private static async Task<(string? Seen, string? Response, string? Logged)> SendAsync(string? id)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var seen = new ConcurrentQueue<string>();
        await using var origin = await OriginServer.StartAsync(context =>
        {
            seen.Enqueue(string.Join("|", context.Request.Headers[Header].ToArray()));

            // An origin's own id must not replace ours on the way back.
            context.Response.Headers[Header] = "from-the-origin";
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync("ok", context.RequestAborted);
        });
        var capture = new CapturingLoggerProvider();
        var options = TestOptions.For(origin.Url) with { Logging = new LoggingOptions { Level = "information" } };
        await using var proxy = await ProxyServer.StartAsync(options, services => services.AddSingleton<ILoggerProvider>(capture));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/page");
        if (id is not null)
        {
            request.Headers.TryAddWithoutValidation(Header, id);
        }

        using var response = await proxy.Client.SendAsync(request, cancellationToken);
        await response.Content.ReadAsStringAsync(cancellationToken);
        var line = await capture.WaitForAsync(e => e.Category == "TrustedServer.Requests");

        return (Assert.Single(seen), Assert.Single(response.Headers.GetValues(Header)), CapturingLoggerProvider.Fields(line.State)["RequestId"] as string);
    }
}
