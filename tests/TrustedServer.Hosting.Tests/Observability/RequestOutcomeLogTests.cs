using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Observability;

/// <summary>
/// The request line says how each request ended, and an expected upstream failure costs one warning line without a
/// stack trace (the exception stays available at debug).
/// </summary>
public sealed class RequestOutcomeLogTests
{
    private const string Requests = "TrustedServer.Requests";

    [Fact]
    public async Task A_local_route_logs_no_origin_timing()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var capture = new CapturingLoggerProvider();
        await using var proxy = await StartAsync(new Uri("http://127.0.0.1:9"), capture, "information");

        Assert.Equal("ok", await proxy.Client.GetStringAsync(new Uri("/_ts/health", UriKind.Relative), cancellationToken));

        var line = await capture.WaitForAsync(e => e.Category == Requests);
        Assert.StartsWith("GET /_ts/health -> 200 ok, 2 bytes, ", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ttfb", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("()", line.Message, StringComparison.Ordinal);
        Assert.False(CapturingLoggerProvider.Fields(line.State).ContainsKey("OriginTtfbMs"));
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("image/png")]
    public async Task A_response_the_origin_cuts_off_is_logged_as_aborted_with_one_warning_and_no_stack_trace(string contentType)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            context.Response.ContentType = contentType;
            context.Response.ContentLength = 100_000;
            await context.Response.WriteAsync("<html><head></head><body>" + new string('a', 4000), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(100, context.RequestAborted);
            context.Abort();
        });
        var capture = new CapturingLoggerProvider();
        await using var proxy = await StartAsync(origin.Url, capture, "debug");

        using var response = await proxy.Client.GetAsync(new Uri("/cut", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await Assert.ThrowsAnyAsync<Exception>(() => response.Content.ReadAsByteArrayAsync(cancellationToken));

        var line = await capture.WaitForAsync(e => e.Category == Requests);
        var fields = CapturingLoggerProvider.Fields(line.State);
        Assert.Equal(200, fields["Status"]);
        Assert.Equal("aborted: origin_failure", fields["Outcome"]);
        Assert.Contains("-> 200 aborted: origin_failure", line.Message, StringComparison.Ordinal);
        AssertOneWarningWithoutStackTrace(capture);
    }

    [Fact]
    public async Task An_unreachable_origin_is_one_warning_line_and_a_502_outcome()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var capture = new CapturingLoggerProvider();
        await using var proxy = await StartAsync(new Uri("http://127.0.0.1:9"), capture, "debug");

        using var response = await proxy.Client.GetAsync(new Uri("/page", UriKind.Relative), cancellationToken);

        Assert.Equal(StatusCodes.Status502BadGateway, (int)response.StatusCode);
        var line = await capture.WaitForAsync(e => e.Category == Requests);
        Assert.Equal("error: origin_unreachable", CapturingLoggerProvider.Fields(line.State)["Outcome"]);
        Assert.StartsWith("GET /page -> 502 error: origin_unreachable, ", line.Message, StringComparison.Ordinal);
        var warning = AssertOneWarningWithoutStackTrace(capture);
        Assert.Contains("Connection refused", warning.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_origin_slower_than_the_first_byte_timeout_is_one_warning_line_and_a_504_outcome()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var origin = await OriginServer.StartAsync(async context => await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted));
        var capture = new CapturingLoggerProvider();
        var options = TestOptions.For(origin.Url, p => p with { FirstByteTimeout = TimeSpan.FromMilliseconds(300) })
            with
        { Logging = new LoggingOptions { Level = "debug" } };
        await using var proxy = await ProxyServer.StartAsync(options, services => services.AddSingleton<ILoggerProvider>(capture));

        using var response = await proxy.Client.GetAsync(new Uri("/slow", UriKind.Relative), cancellationToken);

        Assert.Equal(StatusCodes.Status504GatewayTimeout, (int)response.StatusCode);
        var line = await capture.WaitForAsync(e => e.Category == Requests);
        Assert.Equal("error: origin_timeout", CapturingLoggerProvider.Fields(line.State)["Outcome"]);
        AssertOneWarningWithoutStackTrace(capture);
    }

    private static async Task<ProxyServer> StartAsync(Uri origin, CapturingLoggerProvider capture, string level) =>
        await ProxyServer.StartAsync(
            TestOptions.For(origin) with { Logging = new LoggingOptions { Level = level } },
            services => services.AddSingleton<ILoggerProvider>(capture));

    private static (string Category, string Message, IReadOnlyList<KeyValuePair<string, object?>> State, LogLevel Level, Exception? Exception) AssertOneWarningWithoutStackTrace(CapturingLoggerProvider capture)
    {
        var warnings = capture.Entries.Where(e => e.Level >= LogLevel.Warning).ToList();
        var warning = Assert.Single(warnings);
        Assert.Null(warning.Exception);
        Assert.DoesNotContain("   at ", warning.Message, StringComparison.Ordinal);
        Assert.Contains(capture.Entries, e => e.Level == LogLevel.Debug && e.Exception is not null);
        return warning;
    }
}
