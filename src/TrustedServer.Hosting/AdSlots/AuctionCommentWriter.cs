using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TrustedServer.Core.Auction;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.AdSlots;

/// <summary>
/// <c>[debug] auction_html_comment</c>: a <c>&lt;!-- ts-debug: {...} --&gt;</c> dump of the page auction before its
/// bids script. <c>redacted</c> holds outcomes, counts, times and the winners' bidder, bucket and size; <c>upstream</c>
/// adds provider errors and metadata; <c>full</c> adds markup, renderers and notice URLs. Every <c>--</c> is broken up
/// so the dump cannot end the comment, and it is capped at 256 KiB.
/// </summary>
internal sealed class AuctionCommentWriter(AuctionCommentOptions options)
{
    public const int MaxChars = 256 * 1024;

    private readonly bool _upstream = options.Verbosity is "upstream" or "full";
    private readonly bool _full = options.Verbosity == "full";

    public string Write(PageAuction auction, PageAuctionResult? result)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = options.Pretty, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("auction_id", auction.AuctionId);
            w.WriteString("path", auction.Path);
            w.WriteString("outcome", auction.Outcome);
            w.WriteNumber("budget_ms", auction.Budget.TotalMilliseconds);
            w.WriteNumber("waited_until_ms", auction.WaitedUntilMs);
            w.WriteStartArray("slots");
            foreach (var slot in auction.Slots)
            {
                w.WriteStartObject();
                w.WriteString("id", slot.Id);
                w.WriteString("gam_unit_path", slot.GamUnitPath);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (result?.Auction is { } run)
            {
                w.WriteString("strategy", run.Strategy);
                w.WriteNumber("time_ms", Math.Round(run.TimeMs, 1));
                w.WriteNumber("total_bids", run.TotalBids);
                w.WriteNumber("winning", run.Winners.Count);
                if (options.IncludeProviderResponses)
                {
                    w.WriteStartArray("providers");
                    foreach (var provider in run.Providers)
                    {
                        Provider(w, provider);
                    }

                    w.WriteEndArray();
                }

                if (options.IncludeMediatorResponse && run.Mediator is { } mediator)
                {
                    w.WritePropertyName("mediator");
                    Provider(w, mediator);
                }
            }
            else if (result?.Error is { } error && _upstream)
            {
                w.WriteString("error", error);
            }

            w.WriteStartArray("bids");
            if (options.IncludeBids)
            {
                foreach (var bid in result?.Bids ?? [])
                {
                    w.WriteStartObject();
                    w.WriteString("slot", bid.SlotId);
                    w.WriteString("hb_bidder", bid.Bidder);
                    w.WriteString("hb_pb", bid.PriceBucket);
                    w.WriteNumber("w", bid.Width);
                    w.WriteNumber("h", bid.Height);
                    if (_full)
                    {
                        WriteOptional(w, "adm", bid.Adm);
                        WriteOptional(w, "nurl", bid.Nurl);
                        WriteOptional(w, "burl", bid.Burl);
                        if (bid.Renderer is not null)
                        {
                            w.WritePropertyName("renderer");
                            JsonSerializer.Serialize(w, bid.Renderer, CreativeRendererJsonContext.Default.CreativeRenderer);
                        }
                    }

                    w.WriteEndObject();
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        var text = Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (text.Length > MaxChars)
        {
            text = text[..MaxChars] + $"…(truncated {text.Length - MaxChars} bytes)";
        }

        return "<!-- ts-debug: " + Neutralize(text) + " -->";
    }

    private void Provider(Utf8JsonWriter w, ProviderReport report)
    {
        w.WriteStartObject();
        w.WriteString("name", report.Name);
        w.WriteString("status", AuctionTelemetry.Label(report.Outcome));
        w.WriteNumber("bids", report.BidCount);
        w.WriteNumber("time_ms", report.TimeMs);
        if (_upstream)
        {
            WriteOptional(w, "error", report.Error);
            if (report.Metadata is not null)
            {
                w.WritePropertyName("metadata");
                report.Metadata.WriteTo(w);
            }
        }

        w.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    /// <summary>Breaks every <c>--</c> (and a trailing <c>-</c> before the terminator) so the text cannot close or nest the comment.</summary>
    internal static string Neutralize(string text)
    {
        while (text.Contains("--", StringComparison.Ordinal))
        {
            text = text.Replace("--", "- -", StringComparison.Ordinal);
        }

        return text.Replace("<!", "<\\!", StringComparison.Ordinal).TrimEnd('-');
    }
}
