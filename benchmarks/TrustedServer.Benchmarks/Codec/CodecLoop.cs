using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using TrustedServer.Core.Rewriting;
using TrustedServer.Core.Rewriting.Compression;
using TrustedServer.Core.Rewriting.Urls;

namespace TrustedServer.Benchmarks.Codec;

/// <summary>
/// <c>codec-loop [seconds] [variants...]</c>: runs each codec variant over the fixture article in alternating rounds
/// for a bounded time and prints each one's median process CPU time per page. The pipeline variants run the real
/// <see cref="StreamingBodyPipeline"/> (URL rewrite included); the <c>ideal-*</c> variants are one zlib call over the
/// whole page, the floor the pipeline's codec work is compared with. A source that pauses every
/// <see cref="PausingSource"/> segment makes the pipeline flush as it does when the origin makes it wait.
/// </summary>
internal static class CodecLoop
{
    private const int PagesPerRound = 20;

    public static void Run(string[] args)
    {
        var seconds = args.Length > 0 && int.TryParse(args[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? Math.Clamp(s, 1, 600) : 10;
        var fixture = new CodecFixture();
        string[] names = args.Length > 1 ? args[1..] : [.. fixture.Variants.Keys];
        var actions = names.Select(name => fixture.Variants.TryGetValue(name, out var action)
            ? action
            : throw new ArgumentException($"unknown variant {name}; known: {string.Join(' ', fixture.Variants.Keys)}")).ToArray();
        foreach (var (name, action) in names.Zip(actions))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-24} output {action(),9:N0} bytes"));
        }

        var samples = names.Select(_ => new List<double>()).ToArray();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < actions.Length; i++)
            {
                var start = CpuClock.ProcessMicroseconds();
                for (var page = 0; page < PagesPerRound; page++)
                {
                    actions[i]();
                }

                samples[i].Add((CpuClock.ProcessMicroseconds() - start) / PagesPerRound);
            }
        }

        var baseline = CpuClock.Median(samples[0]);
        for (var i = 0; i < names.Length; i++)
        {
            var median = CpuClock.Median(samples[i]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{names[i],-24} {median,8:F1} us/page  {median - baseline,8:F1} over {names[0]}  ({samples[i].Count} rounds)"));
        }
    }

    /// <summary>The page, its gzip form (zlib level 6, as the load benchmark's origin serves it) and the variants.</summary>
    private sealed class CodecFixture
    {
        private readonly byte[] _page = BenchmarkData.NextJsArticle();
        private readonly byte[] _gzip;
        private readonly byte[] _brotli;
        private readonly MemoryStream _destination = new(1024 * 1024);
        private readonly byte[] _readBuffer = new byte[64 * 1024];
        private readonly UrlMapper _mapper = new(UrlMapperSettings.Create("https://www.test-publisher.com"), "https", "edge.example.com");

        public CodecFixture()
        {
            _gzip = Encode(s => new GZipStream(s, CompressionLevel.Optimal, leaveOpen: true));
            _brotli = Encode(s => new BrotliStream(s, CompressionLevel.Optimal, leaveOpen: true));
            Variants = new Dictionary<string, Func<long>>(StringComparer.Ordinal)
            {
                ["identity"] = () => Pipeline(_page, ContentCoding.Identity, ContentCoding.Identity, 0),
                ["gzip"] = () => Pipeline(_gzip, ContentCoding.Gzip, ContentCoding.Gzip, 0),
                ["gzip-pause4k"] = () => Pipeline(_gzip, ContentCoding.Gzip, ContentCoding.Gzip, 4096),
                ["gzip-pause16k"] = () => Pipeline(_gzip, ContentCoding.Gzip, ContentCoding.Gzip, 16384),
                ["identity-pause16k"] = () => Pipeline(_page, ContentCoding.Identity, ContentCoding.Identity, 16384),
                ["decode"] = () => Pipeline(_gzip, ContentCoding.Gzip, ContentCoding.Identity, 0),
                ["encode"] = () => Pipeline(_page, ContentCoding.Identity, ContentCoding.Gzip, 0),
                ["br"] = () => Pipeline(_brotli, ContentCoding.Brotli, ContentCoding.Brotli, 0),
                ["decode-only"] = () => DecodeOnly(16 * 1024),
                ["decode-only-64k"] = () => DecodeOnly(64 * 1024),
                ["ideal-decode-16k"] = () => IdealDecode(new GZipStream(new MemoryStream(_gzip, writable: false), CompressionMode.Decompress), 16 * 1024),
                ["ideal-decode-raw"] = () => IdealDecode(new DeflateStream(new MemoryStream(_gzip, 10, _gzip.Length - 18, writable: false), CompressionMode.Decompress)),
                ["crc"] = () => System.IO.Hashing.Crc32.HashToUInt32(_page),
                ["ideal-decode"] = () => IdealDecode(new GZipStream(new MemoryStream(_gzip, writable: false), CompressionMode.Decompress)),
                ["ideal-encode"] = () => IdealEncode(s => new GZipStream(s, CompressionLevel.Fastest, leaveOpen: true)),
                ["ideal-encode-l2"] = () => IdealEncode(s => new GZipStream(s, new ZLibCompressionOptions { CompressionLevel = 2 }, leaveOpen: true)),
                ["ideal-encode-l3"] = () => IdealEncode(s => new GZipStream(s, new ZLibCompressionOptions { CompressionLevel = 3 }, leaveOpen: true)),
                ["ideal-encode-l4"] = () => IdealEncode(s => new GZipStream(s, new ZLibCompressionOptions { CompressionLevel = 4 }, leaveOpen: true)),
                ["ideal-encode-l6"] = () => IdealEncode(s => new GZipStream(s, CompressionLevel.Optimal, leaveOpen: true)),
                ["ideal-encode-huff"] = () => IdealEncode(s => new GZipStream(s, new ZLibCompressionOptions { CompressionLevel = 1, CompressionStrategy = ZLibCompressionStrategy.HuffmanOnly }, leaveOpen: true)),
                ["ideal-encode-rle"] = () => IdealEncode(s => new GZipStream(s, new ZLibCompressionOptions { CompressionLevel = 1, CompressionStrategy = ZLibCompressionStrategy.RunLengthEncoding }, leaveOpen: true)),
                ["ideal-encode-br0"] = () => IdealEncode(s => new BrotliStream(s, new BrotliCompressionOptions { Quality = 0 }, leaveOpen: true)),
                ["ideal-encode-br1"] = () => IdealEncode(s => new BrotliStream(s, new BrotliCompressionOptions { Quality = 1 }, leaveOpen: true)),
                ["ideal-encode-br2"] = () => IdealEncode(s => new BrotliStream(s, new BrotliCompressionOptions { Quality = 2 }, leaveOpen: true)),
                ["flush64k-encode"] = () => ChunkedEncode(s => new GZipStream(s, CompressionLevel.Fastest, leaveOpen: true), 64 * 1024, flush: true),
                ["flush16k-encode"] = () => ChunkedEncode(s => new GZipStream(s, CompressionLevel.Fastest, leaveOpen: true), 16 * 1024, flush: true),
                ["chunk16k-encode"] = () => ChunkedEncode(s => new GZipStream(s, CompressionLevel.Fastest, leaveOpen: true), 16 * 1024, flush: false),
                ["flush64k-encode-br1"] = () => ChunkedEncode(s => new BrotliStream(s, CompressionLevel.Fastest, leaveOpen: true), 64 * 1024, flush: true),
                ["chunk64k-encode-br1"] = () => ChunkedEncode(s => new BrotliStream(s, CompressionLevel.Fastest, leaveOpen: true), 64 * 1024, flush: false),
                ["flush64k-encode-br0"] = () => ChunkedEncode(s => new BrotliStream(s, new BrotliCompressionOptions { Quality = 0 }, leaveOpen: true), 64 * 1024, flush: true),
                ["ideal-decode-br"] = () => IdealDecode(new BrotliStream(new MemoryStream(_brotli, writable: false), CompressionMode.Decompress)),
            };
        }

        public Dictionary<string, Func<long>> Variants { get; }

        private byte[] Encode(Func<Stream, Stream> open)
        {
            using var output = new MemoryStream();
            using (var encoder = open(output))
            {
                encoder.Write(_page);
            }

            return output.ToArray();
        }

        private long Pipeline(byte[] body, ContentCoding decodeAs, ContentCoding encodeAs, int pauseEvery)
        {
            _destination.SetLength(0);
            Stream source = pauseEvery > 0 ? new PausingSource(body, pauseEvery) : new MemoryStream(body, writable: false);
            StreamingBodyPipeline.RunAsync(source, decodeAs, encodeAs, _mapper.CreateTransform(), _destination, DecodeLimits.Default, CancellationToken.None)
                .GetAwaiter().GetResult();
            return _destination.Length;
        }

        private long DecodeOnly(int readSize)
        {
            using var decoder = BodyCodecs.OpenDecoder(new MemoryStream(_gzip, writable: false), ContentCoding.Gzip, DecodeLimits.Default);
            long total = 0;
            int n;
            while ((n = decoder.ReadAsync(_readBuffer.AsMemory(0, readSize)).AsTask().GetAwaiter().GetResult()) > 0)
            {
                total += n;
            }

            return total;
        }

        private long IdealDecode(Stream decoder, int readSize = 64 * 1024)
        {
            using (decoder)
            {
                long total = 0;
                int n;
                while ((n = decoder.Read(_readBuffer.AsSpan(0, readSize))) > 0)
                {
                    total += n;
                }

                return total;
            }
        }

        private long ChunkedEncode(Func<Stream, Stream> open, int chunk, bool flush)
        {
            _destination.SetLength(0);
            using (var encoder = open(_destination))
            {
                for (var offset = 0; offset < _page.Length; offset += chunk)
                {
                    encoder.Write(_page.AsSpan(offset, Math.Min(chunk, _page.Length - offset)));
                    if (flush)
                    {
                        encoder.Flush();
                    }
                }
            }

            return _destination.Length;
        }

        private long IdealEncode(Func<Stream, Stream> open)
        {
            _destination.SetLength(0);
            using (var encoder = open(_destination))
            {
                encoder.Write(_page);
            }

            return _destination.Length;
        }
    }
}
