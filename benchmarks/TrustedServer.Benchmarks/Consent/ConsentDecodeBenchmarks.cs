using BenchmarkDotNet.Attributes;
using TrustedServer.Privacy.Consent;

namespace TrustedServer.Benchmarks.Consent;

/// <summary>Consent-string decode throughput and allocation per decode (strings/s = 1e9 / Mean in ns).</summary>
[MemoryDiagnoser]
public class ConsentDecodeBenchmarks
{
    // IAB documentation example: core segment only, range-encoded vendors.
    private const string TcfSmall = "COvFyGBOvFyGBAbAAAENAPCAAOAAAAAAAAAAAEEUACCKAAA";

    // Generated with @iabtcf/core: ~1,300 vendor ids in bit fields plus a disclosed-vendors segment.
    private const string TcfTypical = "CPcZvZrPkjkafR7pmCCS15HFoeeunE4CABAIAAALjBAAAAAAAAYAAAAAgAAAEAQICAAAAIAAAAAIxggQYAICEAAAAAAAAAiACAAAAABAAFAAAIAEAADABCCAAAABgAABAAgAgAAABAQAAAAAAQAAAAgAAAAAAEBAIAAAQAAA.IF8P_9v____vv9____3________f_5f_-____v97_376_9-97-_f_0v_4f_999__6-Pfrf_f_f_______3339__________P_-_8___-___3n___2_-9__P3fv3-__663_AA";

    // Generated with @iabgpp/cmpapi: usnat only.
    private const string GppUsNat = "DBABLA~CZJikQgJKpKQ.QA";

    // Generated with @iabgpp/cmpapi: EU TCF (3 segments), US Privacy and a US state section.
    private const string GppMixed = "DBADNamA~COS73hjOdDGC7WOBwLNLFDKlRRwBuCkZAZ4oSnwGQAGgA3ADAAIsAfoBOACnAFjAMkAg4BCYCzQF1AQEAiaBS0CwgFsAL1gX6A2yB74EHwItwSnhLNABgACEswAA.IAAA.YAAAAAAAAAAA~1---~BUQCgESA.YA";

    [Benchmark]
    public bool Tcf_small() => TcfDecoder.TryDecode(TcfSmall, out _, out _);

    [Benchmark]
    public bool Tcf_typical() => TcfDecoder.TryDecode(TcfTypical, out _, out _);

    [Benchmark]
    public bool Gpp_usnat() => GppDecoder.TryDecode(GppUsNat, out _, out _);

    [Benchmark]
    public bool Gpp_mixed() => GppDecoder.TryDecode(GppMixed, out _, out _);

    [Benchmark]
    public bool Us_privacy() => UsPrivacy.TryParse("1YNN", out _, out _);
}
