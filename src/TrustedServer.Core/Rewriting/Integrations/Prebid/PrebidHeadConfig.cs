using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TrustedServer.Core.Configuration;
using TrustedServer.Core.Rewriting.Publisher;

namespace TrustedServer.Core.Rewriting.Integrations.Prebid;

/// <summary>
/// The head snippet: <c>window.__tsjs_prebid</c> with the client config (JSON escaped for a script element: no
/// <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> or line separators survive unescaped), then the deferred first-party
/// bundle tag with its <c>integrity</c>.
/// </summary>
public sealed class PrebidHeadConfig(TrustedServerOptions options) : IHeadInjector
{
    /// <summary>The first-party path of the external bundle.</summary>
    public const string BundlePath = "/integrations/prebid/bundle.js";

    private readonly string _snippet = Build(options);

    public string? HeadInserts(PublisherDocument document) => _snippet;

    private static string Build(TrustedServerOptions options)
    {
        var prebid = options.Auction.Prebid;
        var client = prebid.Client;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.Default }))
        {
            json.WriteStartObject();
            json.WriteString("accountId", client.AccountId ?? options.Publisher.Domain);
            json.WriteNumber("timeout", (long)prebid.Timeout.TotalMilliseconds);
            json.WriteString("auctionEndpoint", "/auction");
            WriteList(json, "bidders", prebid.Bidders);
            WriteList(json, "clientSideBidders", prebid.ClientSideBidders);
            WriteList(json, "excludedGamAdUnitPathSuffixes", client.ExcludedGamAdUnitPathSuffixes);
            json.WriteEndObject();
        }

        var src = BundlePath + (client.ExternalBundleSha256 is { } sha ? "?v=" + sha : string.Empty);
        var integrity = client.Integrity is { } sri ? $" integrity=\"{HtmlEncoder.Default.Encode(sri)}\"" : string.Empty;
        return "<script>window.__tsjs_prebid=" + Encoding.UTF8.GetString(stream.ToArray()) + ";</script>"
            + $"<script defer src=\"{src}\"{integrity} data-tsjs-integration=\"prebid\"></script>";
    }

    private static void WriteList(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
