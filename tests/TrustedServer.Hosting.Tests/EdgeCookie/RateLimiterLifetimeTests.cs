using System.Runtime.CompilerServices;
using TrustedServer.Hosting.Tests.Infrastructure;
using static TrustedServer.Hosting.Tests.EdgeCookie.IdentityHarness;

namespace TrustedServer.Hosting.Tests.EdgeCookie;

public sealed class RateLimiterLifetimeTests
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> RunAndDisposeAsync(Uri origin)
    {
        var proxy = await ProxyServer.StartAsync(Options(origin, partners: [Partner("a", TokenA, rate: 1)]));
        try
        {
            for (var i = 0; i < 2; i++)
            {
                using var response = await proxy.Client.SendAsync(PartnerApiTests.BatchSync(TokenA, PartnerApiTests.Mappings((new string('d', 64) + ".abcdef", "u"))), TestContext.Current.CancellationToken);
            }

            return new WeakReference(proxy.Services);
        }
        finally
        {
            await proxy.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_stopped_app_that_rate_limited_a_partner_can_be_collected()
    {
        await using var origin = await StartOriginAsync();
        var services = await RunAndDisposeAsync(origin.Url);

        for (var i = 0; i < 20 && services.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.False(services.IsAlive, "the service provider of a disposed app is still reachable");
    }
}
