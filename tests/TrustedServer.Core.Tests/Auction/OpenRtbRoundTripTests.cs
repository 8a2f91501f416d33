using System.Text.Json;
using TrustedServer.Core.Auction.OpenRtb;

namespace TrustedServer.Core.Tests.Auction;

/// <summary>The OpenRTB types read and write the examples of the OpenRTB 2.x specification without losing a field.</summary>
public sealed class OpenRtbRoundTripTests
{
    private static readonly string Examples = Path.Combine(AppContext.BaseDirectory, "Auction", "OpenRtbExamples");

    public static TheoryData<string> Requests() => [.. Directory.GetFiles(Examples, "request-*.json").Select(f => Path.GetFileName(f)!).Order()];

    public static TheoryData<string> Responses() => [.. Directory.GetFiles(Examples, "response-*.json").Select(f => Path.GetFileName(f)!).Order()];

    [Theory]
    [MemberData(nameof(Requests))]
    public void Bid_requests_round_trip(string file)
    {
        var text = File.ReadAllText(Path.Combine(Examples, file));

        var request = JsonSerializer.Deserialize(text, OpenRtbJsonContext.Default.BidRequest)!;
        var written = JsonSerializer.Serialize(request, OpenRtbJsonContext.Default.BidRequest);

        AssertSameJson(text, written);
        Assert.NotEmpty(request.Imp);
    }

    [Theory]
    [MemberData(nameof(Responses))]
    public void Bid_responses_round_trip(string file)
    {
        var text = File.ReadAllText(Path.Combine(Examples, file));

        var response = JsonSerializer.Deserialize(text, OpenRtbJsonContext.Default.BidResponse)!;
        var written = JsonSerializer.Serialize(response, OpenRtbJsonContext.Default.BidResponse);

        AssertSameJson(text, written);
    }

    [Fact]
    public void Typed_fields_are_read_into_their_properties()
    {
        var request = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(Examples, "request-2-6-privacy.json")), OpenRtbJsonContext.Default.BidRequest)!;

        Assert.Equal(500, request.Tmax);
        Assert.Equal([300, 300], request.Imp[0].Banner!.Format!.Select(f => f.W!.Value));
        Assert.Equal("1---", request.Regs!.UsPrivacy);
        Assert.Equal([2], request.Regs.GppSid);
        Assert.Equal("id5-sync.com", request.User!.Eids![0].Source);
        Assert.Equal(13144370, (int)request.Imp[0].Ext!["prebid"]!["bidder"]!["appnexus"]!["placementId"]!);
        Assert.True(request.Source!.Extra!.ContainsKey("schain"));

        var response = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(Examples, "response-win-notice.json")), OpenRtbJsonContext.Default.BidResponse)!;
        Assert.Equal(9.43, response.Seatbid![0].Bid[0].Price);
        Assert.Equal("creative112", response.Seatbid[0].Bid[0].Crid);
    }

    [Fact]
    public void Writing_leaves_out_nulls_and_uses_openrtb_names()
    {
        var json = JsonSerializer.Serialize(
            new BidRequest { Id = "r", Imp = [new Imp { Id = "1", Tagid = "t", Bidfloor = 0.5 }], Regs = new Regs { UsPrivacy = "1YNN", GppSid = [7] } },
            OpenRtbJsonContext.Default.BidRequest);

        Assert.Equal("""{"id":"r","imp":[{"id":"1","tagid":"t","bidfloor":0.5}],"regs":{"us_privacy":"1YNN","gpp_sid":[7]}}""", json);
    }

    [Theory]
    [InlineData("{\"id\":\"x\",\"imp\":[],\"tmax\":\"500\"}")]
    [InlineData("{\"id\":\"x\",\"imp\":[{\"id\":1}]}")]
    [InlineData("{\"id\":\"x\",\"imp\":[")]
    public void Wrongly_typed_or_truncated_documents_are_refused(string text) =>
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(text, OpenRtbJsonContext.Default.BidRequest));

    private static void AssertSameJson(string expected, string actual)
    {
        using var e = JsonDocument.Parse(expected);
        using var a = JsonDocument.Parse(actual);
        Assert.True(JsonElement.DeepEquals(e.RootElement, a.RootElement), $"expected {expected}\nactual {actual}");
    }
}
