using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TrustedServer.Core.Auction.Opportunities;

/// <summary>
/// The page's slot list and bid map as JSON, and the two scripts that hand them to the browser SDK. The JSON is
/// escaped for a script context (<c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, quotes and every non-ASCII character,
/// U+2028/U+2029 included, as <c>\uXXXX</c>), so no value can end the script element.
/// </summary>
public static class AdSlotsJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.Default, SkipValidation = false };

    /// <summary><c>[{"id","gam_unit_path","div_id","formats":[[w,h]],"targeting":{}}]</c>.</summary>
    public static void WriteSlots(Utf8JsonWriter writer, IReadOnlyList<MatchedSlot> slots)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(slots);
        writer.WriteStartArray();
        foreach (var slot in slots)
        {
            writer.WriteStartObject();
            writer.WriteString("id", slot.Id);
            writer.WriteString("gam_unit_path", slot.GamUnitPath);
            writer.WriteString("div_id", slot.DivId);
            writer.WriteStartArray("formats");
            foreach (var format in slot.Formats)
            {
                writer.WriteStartArray();
                writer.WriteNumberValue(format.Width);
                writer.WriteNumberValue(format.Height);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteStartObject("targeting");
            foreach (var (key, value) in slot.Targeting)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>The bid map: an object keyed by slot id.</summary>
    public static void WriteBids(Utf8JsonWriter writer, IReadOnlyList<PageBid> bids)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(bids);
        writer.WriteStartObject();
        foreach (var bid in bids)
        {
            writer.WriteStartObject(bid.SlotId);
            writer.WriteString("hb_pb", bid.PriceBucket);
            writer.WriteString("hb_bidder", bid.Bidder);
            writer.WriteString("hb_adid", bid.AdId);
            writer.WriteString("hb_auction_id", bid.AuctionId);
            writer.WriteNumber("w", bid.Width);
            writer.WriteNumber("h", bid.Height);
            WriteOptional(writer, "nurl", bid.Nurl);
            WriteOptional(writer, "burl", bid.Burl);
            WriteOptional(writer, "adm", bid.Adm);
            if (bid.Renderer is not null)
            {
                writer.WritePropertyName("renderer");
                JsonSerializer.Serialize(writer, bid.Renderer, CreativeRendererJsonContext.Default.CreativeRenderer);
            }

            if (bid.Adm is null)
            {
                WriteOptional(writer, "hb_cache_host", bid.CacheHost);
                WriteOptional(writer, "hb_cache_path", bid.CachePath);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>The head script: <c>window.tsjs.adSlots = SLOTS</c>.</summary>
    public static string HeadScript(IReadOnlyList<MatchedSlot> slots)
    {
        var json = Json(w => WriteSlots(w, slots));
        return "<script>(function(w){var t=w.tsjs=w.tsjs||{};t.adSlots=" + json + ";})(window);</script>";
    }

    /// <summary>The bids script for the structural <c>&lt;/body&gt;</c>, or null when no slot has a winner.</summary>
    public static string? BidsScript(IReadOnlyList<PageBid> bids)
    {
        ArgumentNullException.ThrowIfNull(bids);
        if (bids.Count == 0)
        {
            return null;
        }

        var json = Json(w => WriteBids(w, bids));
        return "<script>(function(w){var t=w.tsjs=w.tsjs||{};var b=" + json
            + ";if(typeof t.scheduleInitialAdInit===\"function\")t.scheduleInitialAdInit(b);else t.bids=b;})(window);</script>";
    }

    /// <summary>Writes <paramref name="write"/>'s JSON with the script-safe escaping and returns it as text.</summary>
    public static string Json(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A JSON writer with the script-safe escaping.</summary>
    public static Utf8JsonWriter CreateWriter(IBufferWriter<byte> output) => new(output, Options);

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
