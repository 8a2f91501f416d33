using System.Diagnostics;
using System.Globalization;

namespace TrustedServer.Benchmarks.Publisher;

/// <summary>
/// <c>rewrite-loop [seconds] [hooks[@valid]...]</c>: rewrites the fixture article with each hooks setting of
/// <see cref="PublisherIntegrationsBenchmarks"/> in alternating rounds for a bounded time, and prints each setting's
/// median CPU time per page, its ratio to the first and the bytes it allocates per page. The thread's own CPU time
/// leaves out the time other processes take the core, and alternating rounds keep a busy machine's drift out of the
/// ratio; the loop is also a steady target for <c>perf record</c>.
/// </summary>
internal static class RewriteLoop
{
    private const int PagesPerRound = 50;

    public static void Run(string[] args)
    {
        var seconds = args.Length > 0 && int.TryParse(args[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? Math.Clamp(s, 1, 600) : 10;
        string[] settings = args.Length > 1 ? args[1..] : ["none", "all"];
        var benchmarks = settings.Select(name =>
        {
            // "all@valid": the same hooks on the article with its Flight made valid.
            var parts = name.Split('@');
            var benchmark = new PublisherIntegrationsBenchmarks { Integrations = parts[0], ValidFlight = parts.Length > 1 && parts[1] == "valid" };
            benchmark.Setup();
            return benchmark;
        }).ToArray();
        var samples = settings.Select(_ => new List<double>()).ToArray();
        var allocated = new long[settings.Length];
        var pages = new long[settings.Length];
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < benchmarks.Length; i++)
            {
                var start = CpuClock.ThreadMicroseconds();
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                for (var page = 0; page < PagesPerRound; page++)
                {
                    benchmarks[i].RewriteArticlePage();
                }

                samples[i].Add((CpuClock.ThreadMicroseconds() - start) / PagesPerRound);
                allocated[i] += GC.GetAllocatedBytesForCurrentThread() - bytes;
                pages[i] += PagesPerRound;
            }
        }

        var baseline = CpuClock.Median(samples[0]);
        for (var i = 0; i < settings.Length; i++)
        {
            var median = CpuClock.Median(samples[i]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{settings[i],-12} {median,8:F1} us/page  {median / baseline:F2}x  {allocated[i] / pages[i],8:N0} B/page allocated  ({samples[i].Count} rounds)"));
        }
    }
}
