using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using TrustedServer.Core.Auction;
using TrustedServer.Core.Auction.Providers.Aps;
using TrustedServer.Core.Auction.Providers.PrebidServer;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Benchmarks.Auction;

/// <summary>
/// A bounded load loop for the orchestrator: three providers (two Prebid Server, one APS) on loopback Kestrel fakes
/// that answer after exactly 50 ms, three slots per auction, at 1 and 32 concurrent callers. Prints auctions per
/// second, p50/p99 auction time, and bytes allocated per auction (the whole process: our code and the fakes; the
/// in-memory mode replaces the sockets and fakes with a handler that answers after 50 ms, to show our own share).
/// Run: <c>dotnet run -c Release --project benchmarks/TrustedServer.Benchmarks -- auction-load [seconds] [--types]</c>;
/// <c>--types</c> adds the in-memory row's allocation per auction by type (sampled).
/// </summary>
internal static class AuctionLoad
{
    private const int DelayMs = 50;

    public static async Task RunAsync(string[] args)
    {
        var seconds = args.Length > 0 && int.TryParse(args[0], out var s) ? Math.Clamp(s, 1, 60) : 5;
        var types = args.Contains("--types");
        var fakes = new List<WebApplication>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                fakes.Add(await StartFakeAsync(i == 2));
            }

            var urls = fakes.Select(f => new Uri(f.Urls.First() + "/bid")).ToList();
            foreach (var mode in new[] { "loopback", "in-memory" })
            {
                foreach (var concurrency in new[] { 1, 32 })
                {
                    using var orchestrator = Build(urls, mode == "in-memory");
                    await MeasureAsync(orchestrator, mode, concurrency, TimeSpan.FromSeconds(1), print: false);
                    using var sampler = types && mode == "in-memory" && concurrency > 1 ? new AllocationSampler() : null;
                    sampler?.Start();
                    var auctions = await MeasureAsync(orchestrator, mode, concurrency, TimeSpan.FromSeconds(seconds), print: true);
                    if (sampler?.Stop() is { } sampled)
                    {
                        PrintTypes(sampled, auctions);
                    }
                }
            }
        }
        finally
        {
            foreach (var fake in fakes)
            {
                await fake.StopAsync();
                await fake.DisposeAsync();
            }
        }
    }

    private static AuctionOrchestrator Build(List<Uri> urls, bool inMemory)
    {
        HttpMessageHandler? Handler(bool aps) => inMemory ? new CannedHandler(aps) : null;
        var providers = new List<IAuctionProvider>
        {
            new PrebidServerProvider(new PrebidOptions { Enabled = true, ServerUrl = urls[0], Bidders = ["a"] }, 1 << 20, null, Handler(false)),
            new PrebidServerProvider(new PrebidOptions { Enabled = true, ServerUrl = urls[1], Bidders = ["b"] }, 1 << 20, null, Handler(false)),
            new ApsProvider(new ApsOptions { Enabled = true, AccountId = "acct", Endpoint = urls[2] }, "www.example.com", 1 << 20, Handler(true)),
        };
        return new AuctionOrchestrator(providers, null, TimeSpan.FromSeconds(2));
    }

    private static AuctionRequest Request() => new()
    {
        Id = Guid.NewGuid().ToString(),
        PublisherDomain = "www.example.com",
        PageUrl = "https://www.example.com/article",
        Slots =
        [
            new AdSlot { Id = "s1", Formats = [new AdFormat(300, 250)] },
            new AdSlot { Id = "s2", Formats = [new AdFormat(728, 90)] },
            new AdSlot { Id = "s3", Formats = [new AdFormat(300, 600)] },
        ],
        Device = new AuctionDevice { UserAgent = "Mozilla/5.0 (bench)", Ip = "192.0.2.1", Country = "US" },
    };

    private static void PrintTypes(IReadOnlyList<(string Type, long Bytes)> sampled, int auctions)
    {
        Console.WriteLine("  sampled allocation per auction by type (top 90):");
        foreach (var (type, bytes) in sampled.Take(90))
        {
            Console.WriteLine($"  {bytes / (double)Math.Max(1, auctions) / 1024.0,8:0.00} KB  {type}");
        }
    }

    private static async Task<int> MeasureAsync(AuctionOrchestrator orchestrator, string mode, int concurrency, TimeSpan duration, bool print)
    {
        var times = new List<double>[concurrency];
        var winners = 0L;
        GC.Collect();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var list = times[worker] = [];
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                var result = await orchestrator.RunAsync(Request(), CancellationToken.None);
                list.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Add(ref winners, result.Winners.Count);
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var all = times.SelectMany(t => t).Order().ToArray();
        if (print && all.Length > 0)
        {
            Console.WriteLine(
                $"{mode,-9} c={concurrency,2}: {all.Length / elapsed,8:0} auctions/s  p50 {all[all.Length / 2],6:0.0} ms  p99 {all[(int)(all.Length * 0.99)],6:0.0} ms  " +
                $"{bytes / all.Length / 1024.0,6:0.0} KB/auction  winners/auction {winners / (double)all.Length:0.0}");
        }

        return all.Length;
    }

    private static async Task<WebApplication> StartFakeAsync(bool aps)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var body = CannedHandler.Body(aps);
        app.Run(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            await Task.Delay(DelayMs);
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(body);
        });
        await app.StartAsync();
        return app;
    }

    private sealed class CannedHandler(bool aps) : HttpMessageHandler
    {
        private readonly byte[] _body = Body(aps);

        public static byte[] Body(bool aps)
        {
            var bids = new[] { ("s1", 300, 250), ("s2", 728, 90), ("s3", 300, 600) }.Select((s, i) => new Dictionary<string, object>
            {
                ["id"] = $"bid-{i}",
                ["impid"] = s.Item1,
                ["price"] = 1.5 + i,
                ["w"] = s.Item2,
                ["h"] = s.Item3,
                [aps ? "ext" : "adm"] = aps ? new Dictionary<string, string> { ["creativeurl"] = "https://c.example/r", ["tagtype"] = "iframe" } : "<div>ad</div>",
            }).ToArray();
            return JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["id"] = "x", ["cur"] = "USD", ["seatbid"] = new[] { new Dictionary<string, object> { ["seat"] = aps ? "amazon" : "bidder", ["bid"] = bids } } });
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(DelayMs, cancellationToken);
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new ByteArrayContent(_body) };
        }
    }
}
