using TrustedServer.Browser.Tests.Infrastructure;
using Xunit.Sdk;

namespace TrustedServer.Browser.Tests;

/// <summary>Tests of the test harness: the browser cannot reach anything but loopback, and says so when a page tries.</summary>
[Collection(BrowserTests.Name)]
public sealed class LoopbackGuardTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_request_to_another_host_is_aborted_and_recorded()
    {
        var session = await fixture.OpenAsync();
        try
        {
            await session.GotoAsync(new Uri(fixture.Proxy.Url, "/about"));

            var outcome = await session.Page.EvaluateAsync<string>(
                "() => fetch('http://example.com/tracker.gif', { mode: 'no-cors' }).then(() => 'reached', () => 'blocked')");

            Assert.Equal("blocked", outcome);
            Assert.Equal("http://example.com/tracker.gif", Assert.Single(session.Blocked));
        }
        finally
        {
            var error = await Record.ExceptionAsync(async () => await session.DisposeAsync());
            Assert.Contains("example.com", Assert.IsType<FailException>(error).Message);
        }
    }
}
