using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Observability;

public sealed class RequestLogTests
{
    [Fact]
    public async Task Each_request_logs_one_line_with_its_fields_and_no_query_or_client_address()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var origin = await SmallSite.StartAsync();
        var capture = new CapturingLoggerProvider();
        var options = TestOptions.For(origin.Url) with { Logging = new LoggingOptions { Level = "information" } };
        await using var proxy = await ProxyServer.StartAsync(options, services => services.AddSingleton<ILoggerProvider>(capture));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/page.html?email=someone%40example.com&gdpr_consent=CPXxyz");
        request.Headers.Add("Cookie", "ts-ec=abcdef; euconsent-v2=CPXxyz");
        using var response = await proxy.Client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);

        var line = Assert.Single(capture.Entries, e => e.Category == "TrustedServer.Requests");
        var fields = line.State.Where(p => p.Key != "{OriginalFormat}").ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(["Method", "Path", "Status", "Outcome", "Mode", "BytesOut", "DurationMs", "OriginTtfbMs", "RequestId"], fields.Keys);
        Assert.Equal("GET", fields["Method"]);
        Assert.Equal("/page.html", fields["Path"]);
        Assert.Equal(200, fields["Status"]);
        Assert.Equal("stream", fields["Mode"]);
        Assert.Equal("ok", fields["Outcome"]);
        Assert.Equal((long)body.Length, fields["BytesOut"]);
        Assert.NotNull(fields["OriginTtfbMs"]);
        Assert.False(string.IsNullOrEmpty(fields["RequestId"] as string));
        foreach (var forbidden in new[] { "?", "email", "example.com", "CPXxyz", "abcdef", "127.0.0.1" })
        {
            Assert.DoesNotContain(forbidden, line.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("json", "json")]
    [InlineData("plain", "ts-plain")]
    public async Task The_logging_format_picks_the_console_formatter(string format, string formatter)
    {
        await using var origin = await SmallSite.StartAsync();
        var options = TestOptions.For(origin.Url) with { Logging = new LoggingOptions { Level = "warning", Format = format } };
        await using var proxy = await ProxyServer.StartAsync(options);

        var console = proxy.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;

        Assert.Equal(formatter, console.FormatterName);
    }
}
