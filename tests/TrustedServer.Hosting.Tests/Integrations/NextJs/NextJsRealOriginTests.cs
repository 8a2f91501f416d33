using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using TrustedServer.Core.Configuration;
using TrustedServer.Core.Tests.Flight;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Integrations.NextJs;

/// <summary>
/// The real Next.js fixture (<c>next start</c>) behind Trusted Server with <c>[integrations.nextjs]</c>: the inline
/// Flight payload, the <c>text/x-component</c> answer of a client navigation and <c>__NEXT_DATA__</c> come out with
/// every origin URL first-party, except the URLs the page shows as text (which the HTML keeps too), and every Flight
/// row still frames (each text row's length matches its content).
/// </summary>
public sealed partial class NextJsRealOriginTests(NextJsOriginFixture fixture) : IClassFixture<NextJsOriginFixture>
{
    // Text children: the page shows these URLs as text, so the payload must keep them as the HTML does.
    private static readonly string[] ShownPaths = ["/articles/shown", "/streamed/shown", "/articles/second"];

    private static async Task<ProxyServer> ProxyAsync(NextJsOrigin origin, bool enabled = true)
    {
        var options = TestOptions.For(origin.Url);
        options = options with { Integrations = options.Integrations with { NextJs = new NextJsOptions { Enabled = enabled } } };
        return await ProxyServer.StartAsync(options, rewriting: true);
    }

    [Fact]
    public async Task Inline_payload_is_first_party_and_every_text_row_frames()
    {
        var origin = await fixture.GetAsync();
        await using var proxy = await ProxyAsync(origin);

        var html = await GetStringAsync(proxy, "/");

        var payload = InlinePayload(html);
        var rows = FlightRowReader.Read(payload);
        Assert.Contains(rows, r => r.Kind == "T" && r.Content.Contains(proxy.Url.Authority + "/notes/long", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Kind == "T" && r.Content.Contains(proxy.Url.Authority + "/streamed/long", StringComparison.Ordinal));
        AssertFirstParty(Encoding.UTF8.GetString(payload), origin, proxy);

        // The HTML: attributes mapped, the text the page shows left as it is, in the payload as in the HTML.
        Assert.Contains($"href=\"http://{proxy.Url.Authority}/about\"", html, StringComparison.Ordinal);
        Assert.Contains($">http://{origin.Authority}/articles/shown</p>", html, StringComparison.Ordinal);
        Assert.Contains($"\"children\":\"http://{origin.Authority}/articles/shown\"", Encoding.UTF8.GetString(payload), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_navigation_flight_response_is_rewritten_while_streaming()
    {
        var origin = await fixture.GetAsync();
        await using var proxy = await ProxyAsync(origin);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/second?_rsc");
        request.Headers.Add("RSC", "1");
        using var response = await proxy.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/x-component", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.TransferEncodingChunked);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var rows = FlightRowReader.Read(body);
        Assert.Contains(rows, r => r.Content.Contains($"\"href\":\"http://{proxy.Url.Authority}/second-target\"", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Content.Contains($"\"imageUrl\":\"http://{proxy.Url.Authority}/second.svg\"", StringComparison.Ordinal));
        AssertFirstParty(Encoding.UTF8.GetString(body), origin, proxy);
    }

    [Fact]
    public async Task Next_data_maps_the_listed_props_and_leaves_the_shown_text()
    {
        var origin = await fixture.GetAsync();
        await using var proxy = await ProxyAsync(origin);

        var html = await GetStringAsync(proxy, "/legacy");

        var data = NextData().Match(html);
        Assert.True(data.Success, "no __NEXT_DATA__ script");
        using var json = JsonDocument.Parse(data.Groups[1].Value);
        var props = json.RootElement.GetProperty("props").GetProperty("pageProps");
        Assert.Equal($"http://{proxy.Url.Authority}/legacy-target", props.GetProperty("href").GetString());
        Assert.Equal($"http://{proxy.Url.Authority}/legacy.svg", props.GetProperty("url").GetString());
        Assert.Equal($"http://{origin.Authority}/legacy-shown", props.GetProperty("shown").GetString());
        Assert.Contains($">http://{origin.Authority}/legacy-shown</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_integration_flight_responses_pass_through_untouched()
    {
        var origin = await fixture.GetAsync();
        await using var proxy = await ProxyAsync(origin, enabled: false);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/second?_rsc");
        request.Headers.Add("RSC", "1");
        using var response = await proxy.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains($"\"href\":\"http://{origin.Authority}/second-target\"", body, StringComparison.Ordinal);
    }

    private static async Task<string> GetStringAsync(ProxyServer proxy, string path)
    {
        using var response = await proxy.Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Every origin URL left in <paramref name="flight"/> is one the page shows as text.</summary>
    private static void AssertFirstParty(string flight, NextJsOrigin origin, ProxyServer proxy)
    {
        Assert.Contains(proxy.Url.Authority, flight, StringComparison.Ordinal);
        var at = 0;
        while ((at = flight.IndexOf(origin.Authority, at, StringComparison.Ordinal)) >= 0)
        {
            var after = at + origin.Authority.Length;
            var context = Math.Max(0, at - 40);
            Assert.True(
                ShownPaths.Any(p => string.CompareOrdinal(flight, after, p + "\"", 0, p.Length + 1) == 0),
                "origin URL left in the payload: " + flight[context..Math.Min(flight.Length, context + 120)]);
            at += origin.Authority.Length;
        }
    }

    /// <summary>The Flight stream the browser reads from the page: every push string decoded and concatenated.</summary>
    private static byte[] InlinePayload(string html)
    {
        var flight = new StringBuilder();
        foreach (Match push in PushScript().Matches(html))
        {
            flight.Append(JsonSerializer.Deserialize<string>("\"" + push.Groups[1].Value + "\""));
        }

        Assert.True(flight.Length > 0, "no inline Flight payload");
        return Encoding.UTF8.GetBytes(flight.ToString());
    }

    [GeneratedRegex("<script>self\\.__next_f\\.push\\(\\[1,\"(.*?)\"\\]\\)</script>", RegexOptions.Singleline)]
    private static partial Regex PushScript();

    [GeneratedRegex("<script id=\"__NEXT_DATA__\" type=\"application/json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex NextData();
}
