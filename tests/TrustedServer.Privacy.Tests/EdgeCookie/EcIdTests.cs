using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using TrustedServer.Privacy.EdgeCookie;

namespace TrustedServer.Privacy.Tests.EdgeCookie;

public sealed class EcIdTests
{
    [Theory]
    [InlineData("192.168.1.100", "192.168.1.100")]
    [InlineData("2001:db8:85a3:0:8a2e:370:7334:1234", "20010db885a30000")]
    [InlineData("2001:db8:abcd:1:1111:2222:3333:4444", "20010db8abcd0001")]
    [InlineData("2001:db8:abcd:1:aaaa:bbbb:cccc:dddd", "20010db8abcd0001")]
    [InlineData("::ffff:10.0.0.1", "10.0.0.1")]
    [InlineData("::1", "0000000000000000")]
    public void Addresses_normalise_as_the_original_does(string ip, string expected) =>
        Assert.Equal(expected, EcId.NormalizeIp(IPAddress.Parse(ip)));

    [Fact]
    public void The_id_is_the_hex_hmac_of_the_normalised_ip_plus_a_six_character_suffix()
    {
        var id = EcId.Generate("secret", IPAddress.Parse("203.0.113.7"));
        Assert.Matches(new Regex("^[0-9a-f]{64}\\.[A-Za-z0-9]{6}$"), id);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("secret"), Encoding.UTF8.GetBytes("203.0.113.7")));
        Assert.Equal(expected, EcId.HashOf(id));
        Assert.True(EcId.IsValid(id));
    }

    [Fact]
    public void The_same_ip_keeps_its_hash_and_the_suffix_varies()
    {
        var ip = IPAddress.Parse("2001:db8::1");
        var ids = Enumerable.Range(0, 20).Select(_ => EcId.Generate("k", ip)).ToList();
        Assert.Single(ids.Select(EcId.HashOf).Distinct());
        Assert.True(ids.Distinct().Count() > 1);
        Assert.NotEqual(EcId.Hash("k", ip), EcId.Hash("other", ip));
    }

    [Theory]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.Ab12z9", true)]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.Ab12z9", false)]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false)]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaag.Ab12z9", false)]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.ab-129", false)]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.Ab12z9.zz", false)]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.Ab12z", false)]
    [InlineData("", false)]
    public void Only_the_strict_format_is_valid(string value, bool valid) => Assert.Equal(valid, EcId.IsValid(value));
}
