using System.Buffers;
using System.Text;
using TrustedServer.Core.Rewriting.Integrations;
using TrustedServer.Core.Rewriting.Integrations.Didomi;
using TrustedServer.Core.Rewriting.Integrations.Sourcepoint;

namespace TrustedServer.Core.Tests.Integrations;

/// <summary>The vendor-host tables of the CMP integrations: every spelling of a vendor host moves first-party, the same
/// for every chunking, and nothing else changes.</summary>
public sealed class VendorHostTableTests
{
    private const string Host = "www.example.com";

    public static TheoryData<string, string> ServedBodies() => new()
    {
        { "p=\"https://cdn.privacy-mgmt.com/unified/\"", "p=\"https://www.example.com/integrations/sourcepoint/cdn/unified/\"" },
        { "m='//cdn.privacy-mgmt.com/mms'", "m='//www.example.com/integrations/sourcepoint/cdn/mms'" },
        { "j=\"https:\\/\\/cdn.privacy-mgmt.com\\/w\"", "j=\"https:\\/\\/www.example.com\\/integrations\\/sourcepoint\\/cdn\\/w\"" },
        { "h=\"cdn.privacy-mgmt.com\";x=\"http://cdn.privacy-mgmt.com\"", "h=\"www.example.com/integrations/sourcepoint/cdn\";x=\"https://www.example.com/integrations/sourcepoint/cdn\"" },
        { "other.privacy-mgmt.com stays; so does cdn.privacy-mgmt.co", "other.privacy-mgmt.com stays; so does cdn.privacy-mgmt.co" },
        { "ends in a partial cdn.privacy-mg", "ends in a partial cdn.privacy-mg" },
        { "ünïcödé ✓ https://cdn.privacy-mgmt.com ✓", "ünïcödé ✓ https://www.example.com/integrations/sourcepoint/cdn ✓" },
    };

    [Theory]
    [MemberData(nameof(ServedBodies))]
    public void Served_bodies_move_every_spelling_of_the_host_for_every_split(string input, string expected) =>
        AssertEverySplit(VendorHostTable.ForServedBodies(SourcepointHosts.Map, "https", Host, SourcepointHosts.Anchor), input, expected);

    [Fact]
    public void Didomis_api_host_maps_below_the_proxy_path_and_the_sdk_host_to_it()
    {
        var table = VendorHostTable.ForServedBodies(DidomiHosts.Map("/c"), "https", Host, DidomiHosts.Anchor);

        AssertEverySplit(
            table,
            "a='https://api.privacy-center.org/v1/events';s=\"https://sdk.privacy-center.org/k/\";h='sdk.privacy-center.org'",
            "a='https://www.example.com/c/api/v1/events';s=\"https://www.example.com/c/k/\";h='www.example.com/c'");
    }

    [Fact]
    public void Page_scripts_move_urls_but_leave_the_bare_host()
    {
        var table = VendorHostTable.ForPageScripts(DidomiHosts.Map("/c"), "http", "127.0.0.1:8080", DidomiHosts.Anchor);

        AssertEverySplit(
            table,
            "t.src=\"https://sdk.privacy-center.org/\"+e;u='//sdk.privacy-center.org/x';d='.privacy-center.org';h='sdk.privacy-center.org'",
            "t.src=\"http://127.0.0.1:8080/c/\"+e;u='//127.0.0.1:8080/c/x';d='.privacy-center.org';h='sdk.privacy-center.org'");
    }

    private static void AssertEverySplit(ReplacementTable table, string input, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(input);
        for (var chunk = 1; chunk <= bytes.Length; chunk++)
        {
            var replacer = table.CreateReplacer();
            var output = new ArrayBufferWriter<byte>();
            for (var i = 0; i < bytes.Length; i += chunk)
            {
                replacer.Process(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)), output);
            }

            replacer.Finish(output);
            Assert.Equal(expected, Encoding.UTF8.GetString(output.WrittenSpan));
        }
    }
}
