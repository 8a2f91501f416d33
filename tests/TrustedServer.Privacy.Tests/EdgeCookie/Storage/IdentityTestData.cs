using System.Collections.Immutable;
using System.Security.Cryptography;
using TrustedServer.Privacy.EdgeCookie.Storage;

namespace TrustedServer.Privacy.Tests.EdgeCookie.Storage;

/// <summary>IDs and records for the identity-store tests.</summary>
internal static class IdentityTestData
{
    public static string NewHash() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string NewId() => IdFor(NewHash());

    public static string IdFor(string hash) => hash + "." + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 6);

    public static IdentityRecord Minimal(long created = 1_767_225_600) =>
        new() { Created = created, Consent = new ConsentSnapshot { Ok = true, Updated = created } };

    public static IdentityRecord Full(long created = 1_767_225_600) => new()
    {
        Created = created,
        Consent = new ConsentSnapshot { Tcf = "CQabc", Gpp = "DBABMA~CQabc", Ok = true, Updated = created + 5 },
        Geo = new GeoInfo { Country = "DE", Region = "BE", Asn = 3320, Dma = 501 },
        PubProperties = new PubProperties { OriginDomain = "www.example.com", SeenDomains = ["www.example.com", "news.example.com"] },
        Device = new DeviceSignals { IsMobile = 1, Ja4Class = "t13d1516h2", PlatformClass = "android", H2FpHash = "a1b2c3d4e5f6", KnownBrowser = true },
        Network = new NetworkInfo { ClusterSize = 3 },
        Ids = new Dictionary<string, PartnerUid>
        {
            ["sharedid.org"] = new("sid-1"),
            ["partner.example.com"] = new("ü-uid-2"),
        }.ToImmutableDictionary(),
    };
}
