using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TrustedServer.Core.Delivery;
using TrustedServer.Core.Rewriting;
using TrustedServer.Hosting.Extensibility;
using TrustedServer.Hosting.Observability;
using TrustedServer.Hosting.Proxy;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Observability;

public sealed class DiagnosticsHookTests
{
    [Fact]
    public async Task Urls_and_injections_recorded_by_a_transform_reach_the_request_diagnostics()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var origin = await SmallSite.StartAsync();
        var observer = new Observer();
        await using var proxy = await ProxyServer.StartAsync(origin.Url, services: services =>
        {
            services.AddSingleton<IBodyTransformFactory, RecordingFactory>();
            services.AddSingleton<IRequestObserver>(observer);
        });

        var page = await proxy.Client.GetByteArrayAsync(new Uri("/page.html", UriKind.Relative), cancellationToken);
        var diagnostics = await observer.Done.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);

        Assert.Equal(SmallSite.Page, page);
        Assert.Equal(DeliveryMode.Stream, diagnostics.Decision?.Mode);
        Assert.Equal(2, diagnostics.UrlsMapped);
        Assert.Equal(["script"], diagnostics.Injections);
        Assert.Equal(SmallSite.Page.Length, diagnostics.OriginBytes);
        Assert.Contains(diagnostics.OriginHeaders, h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase));
        Assert.NotNull(diagnostics.OriginTimeToFirstByte);
    }

    private sealed class Observer : IRequestObserver
    {
        public TaskCompletionSource<RequestDiagnostics> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Completed(HttpContext context, RequestDiagnostics diagnostics, long bytesOut, TimeSpan duration)
        {
            if (diagnostics.Decision is not null)
            {
                Done.TrySetResult(diagnostics);
            }
        }
    }

    private sealed class RecordingFactory(TrustedServerMetrics metrics) : IBodyTransformFactory
    {
        public IBodyTransform? Create(ContentKind kind, VisitorRequest request) => new RecordingTransform(metrics);
    }

    private sealed class RecordingTransform(TrustedServerMetrics metrics) : IBodyTransform
    {
        private bool _recorded;

        public void Process(ReadOnlySpan<byte> chunk, IBufferWriter<byte> output)
        {
            if (!_recorded)
            {
                _recorded = true;
                metrics.RecordUrlsRewritten(2);
            }

            output.Write(chunk);
        }

        public void Finish(IBufferWriter<byte> output) => metrics.RecordInjection("script");
    }
}
