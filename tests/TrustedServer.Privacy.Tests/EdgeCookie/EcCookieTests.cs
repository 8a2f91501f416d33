
using TrustedServer.Core.Configuration;
using TrustedServer.Privacy.EdgeCookie;

namespace TrustedServer.Privacy.Tests.EdgeCookie;

public sealed class EcCookieTests
{
    private const string Id = "aaaaaaaabbbbbbbbccccccccddddddddeeeeeeeeffffffff0000000011111111.abcXYZ";

    [Fact]
    public void The_set_cookie_matches_the_original_attribute_string() =>
        Assert.Equal(
            $"ts-ec={Id}; Domain=.example.com; Path=/; Secure; SameSite=Lax; Max-Age=31536000; HttpOnly",
            EcCookie.BuildSet(Id, "example.com", new EcOptions()));

    [Fact]
    public void The_expiring_cookie_keeps_the_attributes_with_an_empty_value_and_zero_max_age() =>
        Assert.Equal(
            "ts-ec=; Domain=.example.com; Path=/; Secure; SameSite=Lax; Max-Age=0; HttpOnly",
            EcCookie.BuildExpire("example.com", new EcOptions()));

    [Fact]
    public void Attributes_are_configurable_and_a_leading_dot_in_the_domain_is_not_doubled() =>
        Assert.Equal(
            $"ts-ec={Id}; Domain=.example.com; Path=/p; SameSite=Strict; Max-Age=60",
            EcCookie.BuildSet(Id, ".example.com", new EcOptions { CookiePath = "/p", CookieSecure = false, CookieHttpOnly = false, CookieSameSite = "Strict", CookieMaxAgeSeconds = 60 }));

    [Theory]
    [InlineData("evil; Domain=.attacker.com")]
    [InlineData("evil\r\nX-Injected: header")]
    [InlineData("bad value")]
    [InlineData("valüe")]
    [InlineData("val,ue")]
    [InlineData("val\"ue")]
    [InlineData("val\\ue")]
    [InlineData("val\u007fue")]
    [InlineData("")]
    public void Values_that_are_not_cookie_octets_are_refused(string value) =>
        Assert.Null(EcCookie.BuildSet(value, "example.com", new EcOptions()));

    [Theory]
    [InlineData(Id, Id)]
    [InlineData(" " + Id + " ", Id)]
    [InlineData("garbage", null)]
    [InlineData(null, null)]
    [InlineData(Id + ";x", null)]
    public void Only_strictly_formatted_cookie_values_are_read(string? raw, string? expected) => Assert.Equal(expected, EcCookie.ReadValid(raw));
}
