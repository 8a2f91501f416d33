
using TrustedServer.Privacy.EdgeCookie;

namespace TrustedServer.Privacy.Tests.EdgeCookie;

public sealed class RequestClassifierTests
{
    internal const string ChromeMac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/146.0.0.0 Safari/537.36";
    internal const string SafariIos = "Mozilla/5.0 (iPhone; CPU iPhone OS 26_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Mobile/15E148 Safari/604.1";
    internal const string ChromeAndroid = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/146.0.0.0 Mobile Safari/537.36";
    internal const string ChromeWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/146.0.0.0 Safari/537.36";
    internal const string Googlebot = "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/146.0 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    [Theory]
    [InlineData("document", null, true)]
    [InlineData("DOCUMENT", "*/*", true)]
    [InlineData("image", "text/html", false)]
    [InlineData("empty", null, false)]
    [InlineData(null, "text/html,application/xhtml+xml,*/*;q=0.8", true)]
    [InlineData(null, "*/*", false)]
    [InlineData(null, "application/json", false)]
    [InlineData(null, null, false)]
    [InlineData("", "text/html", true)]
    public void Navigation_is_sec_fetch_dest_document_else_an_explicit_html_accept(string? dest, string? accept, bool expected) =>
        Assert.Equal(expected, RequestClassifier.IsNavigation(dest, accept));

    [Theory]
    [InlineData(ChromeMac, "mac")]
    [InlineData(SafariIos, "ios")]
    [InlineData(ChromeAndroid, "android")]
    [InlineData(ChromeWindows, "windows")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) Firefox/149.0", "linux")]
    [InlineData("curl/8.5.0", null)]
    [InlineData(null, null)]
    public void Platforms_are_classified_from_the_user_agent(string? ua, string? expected) =>
        Assert.Equal(expected, RequestClassifier.PlatformClass(ua));

    [Theory]
    [InlineData(ChromeMac, null, true)]
    [InlineData(SafariIos, null, true)]
    [InlineData(Googlebot, null, false)]
    [InlineData("curl/8.5.0", null, false)]
    [InlineData("python-requests/2.31 (Windows NT 10.0)", null, false)]
    [InlineData("Mozilla/5.0 (compatible; unknown)", null, false)]
    [InlineData(ChromeMac, "t13d1516h2_8daaf6152771_e5627efa2ab1", true)]
    [InlineData(Googlebot, "t13d1516h2_8daaf6152771_e5627efa2ab1", true)]
    [InlineData("curl/8.5.0", "t13d1516h2_8daaf6152771_e5627efa2ab1", false)]
    [InlineData(ChromeMac, "_abc", false)]
    [InlineData(null, null, false)]
    public void The_bot_gate_uses_ja4_and_platform_or_the_user_agent_alone(string? ua, string? ja4, bool expected) =>
        Assert.Equal(expected, RequestClassifier.IsRealBrowser(ua, ja4));

    [Fact]
    public void Ja4_section_one_is_kept() => Assert.Equal("t13d1516h2", RequestClassifier.Ja4Section1("t13d1516h2_8daaf6152771_e5627efa2ab1"));
}
