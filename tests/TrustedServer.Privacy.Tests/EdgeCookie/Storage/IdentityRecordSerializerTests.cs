using System.Text.Json.Nodes;
using TrustedServer.Privacy.EdgeCookie.Storage;
using static TrustedServer.Privacy.Tests.EdgeCookie.Storage.IdentityTestData;

namespace TrustedServer.Privacy.Tests.EdgeCookie.Storage;

public sealed class IdentityRecordSerializerTests
{
    [Fact]
    public void A_record_serialises_with_the_original_field_names_and_version_1()
    {
        var json = JsonNode.Parse(IdentityRecordSerializer.Serialize(Full()))!.AsObject();
        Assert.Equal(1, (int)json["v"]!);
        Assert.Equal(1_767_225_600, (long)json["created"]!);
        Assert.True((bool)json["consent"]!["ok"]!);
        Assert.Equal("CQabc", (string)json["consent"]!["tcf"]!);
        Assert.Equal("DE", (string)json["geo"]!["country"]!);
        Assert.Equal("www.example.com", (string)json["pub_properties"]!["origin_domain"]!);
        Assert.Equal(2, json["pub_properties"]!["seen_domains"]!.AsArray().Count);
        Assert.Equal("t13d1516h2", (string)json["device"]!["ja4_class"]!);
        Assert.Equal("a1b2c3d4e5f6", (string)json["device"]!["h2_fp_hash"]!);
        Assert.Equal(1, (int)json["device"]!["is_mobile"]!);
        Assert.Equal(3, (int)json["network"]!["cluster_size"]!);
        Assert.Equal("sid-1", (string)json["ids"]!["sharedid.org"]!["uid"]!);
    }

    [Fact]
    public void Absent_optional_parts_are_omitted_and_read_back_as_null()
    {
        var json = IdentityRecordSerializer.Serialize(Minimal());
        Assert.DoesNotContain("geo", json, StringComparison.Ordinal);
        Assert.True(IdentityRecordSerializer.TryDeserialize(json, out var back));
        Assert.Null(back.Geo);
        Assert.Empty(back.Ids);
    }

    [Fact]
    public void A_full_record_round_trips_through_utf8_json()
    {
        var bytes = IdentityRecordSerializer.SerializeToUtf8Bytes(Full());
        Assert.True(IdentityRecordSerializer.TryDeserialize(bytes, out var back));
        Assert.Equal(IdentityRecordSerializer.Serialize(Full()), IdentityRecordSerializer.Serialize(back));
    }

    [Theory]
    [InlineData("{\"v\":2,\"created\":1,\"consent\":{\"ok\":true,\"updated\":1}}")]
    [InlineData("{\"v\":0,\"created\":1,\"consent\":{\"ok\":true,\"updated\":1}}")]
    [InlineData("{\"created\":1,\"consent\":{\"ok\":true,\"updated\":1}}")]
    [InlineData("{\"v\":1,\"created\":1}")]
    [InlineData("{\"v\":1,\"created\":1,\"consent\":null}")]
    [InlineData("{\"v\":1,\"created\":1,\"consent\":{\"ok\":true")]
    [InlineData("[]")]
    public void Unsupported_versions_and_malformed_records_fail_closed(string json)
    {
        Assert.False(IdentityRecordSerializer.TryDeserialize(json, out var record));
        Assert.Null(record);
    }

    [Fact]
    public void Unknown_fields_from_a_newer_writer_of_version_1_are_ignored()
    {
        Assert.True(IdentityRecordSerializer.TryDeserialize(
            "{\"v\":1,\"created\":1,\"consent\":{\"ok\":true,\"updated\":1},\"extra\":{\"a\":1}}", out var record));
        Assert.Equal(1, record.Created);
        Assert.Empty(record.Ids);
    }

    [Fact]
    public void Absent_or_null_collections_read_back_as_empty()
    {
        Assert.True(IdentityRecordSerializer.TryDeserialize(
            "{\"v\":1,\"created\":1,\"consent\":{\"ok\":true,\"updated\":1},\"ids\":null,\"pub_properties\":{\"origin_domain\":\"example.com\"}}",
            out var record));
        Assert.Empty(record.Ids);
        Assert.Empty(record.PubProperties!.SeenDomains);
    }

    [Fact]
    public void Partner_uids_are_limited_to_512_utf8_bytes()
    {
        var record = Minimal();
        Assert.Equal(512, record.WithPartnerUid("a.example", new string('x', 512)).Ids["a.example"].Uid.Length);
        Assert.Equal(256, record.WithPartnerUid("a.example", new string('é', 256)).Ids["a.example"].Uid.Length);
        Assert.Throws<ArgumentException>(() => record.WithPartnerUid("a.example", new string('x', 513)));
        Assert.Throws<ArgumentException>(() => record.WithPartnerUid("a.example", new string('é', 257)));
        Assert.Throws<ArgumentException>(() => record.WithPartnerUid("a.example", ""));
    }

    [Fact]
    public void Setting_the_same_uid_or_seen_domain_returns_the_same_instance()
    {
        var record = Minimal().WithPartnerUid("a.example", "1");
        Assert.Same(record, record.WithPartnerUid("a.example", "1"));
        Assert.NotSame(record, record.WithPartnerUid("a.example", "2"));

        var props = new PubProperties { OriginDomain = "example.com", SeenDomains = ["example.com"] };
        Assert.Same(props, props.WithSeenDomain("example.com"));
    }

    [Fact]
    public void Seen_domains_stop_growing_at_50()
    {
        var props = new PubProperties { OriginDomain = "example.com" };
        for (var i = 0; i < 60; i++)
        {
            props = props.WithSeenDomain($"d{i}.example.com");
        }

        Assert.Equal(PubProperties.MaxSeenDomains, props.SeenDomains.Count);
        Assert.Equal("d49.example.com", props.SeenDomains[^1]);
    }

    [Fact]
    public void A_tombstone_has_consent_withdrawn_and_nothing_else()
    {
        var tombstone = IdentityRecord.CreateTombstone(DateTimeOffset.FromUnixTimeSeconds(1_767_225_600));
        Assert.True(tombstone.IsTombstone);
        Assert.Equal(1_767_225_600, tombstone.Consent.Updated);
        Assert.Empty(tombstone.Ids);
    }
}
