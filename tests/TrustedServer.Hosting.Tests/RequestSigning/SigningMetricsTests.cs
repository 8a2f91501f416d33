using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TrustedServer.Core.RequestSigning;
using TrustedServer.Hosting.Tests.Infrastructure;
using TrustedServer.Hosting.Tests.Observability;
using static TrustedServer.Hosting.Tests.RequestSigning.SigningHarness;

namespace TrustedServer.Hosting.Tests.RequestSigning;

public sealed class SigningMetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Signatures_and_verifications_by_result_are_counted_at_the_metrics_endpoint()
    {
        await using var origin = await OriginServer.StartAsync(_ => Task.CompletedTask);
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url));
        await RotateAsync(proxy.Client, "metrics-key");
        var before = await proxy.MetricsAsync(Ct);

        var signed = proxy.Services.GetRequiredService<RequestSigner>().Sign("a-1", "www.example.com")!;
        proxy.Services.GetRequiredService<RequestSigner>().Sign("a-2", "www.example.com");
        var payload = Encoding.UTF8.GetString(signed.Payload);
        (await proxy.Client.SendAsync(Verify(payload, signed.Signature, "metrics-key"), Ct)).Dispose();
        (await proxy.Client.SendAsync(Verify(payload + " ", signed.Signature, "metrics-key"), Ct)).Dispose();
        (await proxy.Client.SendAsync(Verify(payload, signed.Signature, "other-key"), Ct)).Dispose();
        (await proxy.Client.PostAsync(new Uri("/verify-signature", UriKind.Relative), new StringContent("nope"), Ct)).Dispose();
        var after = await proxy.MetricsAsync(Ct);

        double Delta(string name, params (string, string)[] labels) =>
            PrometheusText.Sum(after, name, labels) - PrometheusText.Sum(before, name, labels);

        Assert.Equal(2, Delta("ts_signatures_total"));
        Assert.Equal(1, Delta("ts_signature_verifications_total", ("result", "verified")));
        Assert.Equal(1, Delta("ts_signature_verifications_total", ("result", "invalid")));
        Assert.Equal(1, Delta("ts_signature_verifications_total", ("result", "unknown_kid")));
        Assert.Equal(1, Delta("ts_signature_verifications_total", ("result", "bad_request")));
    }
}
