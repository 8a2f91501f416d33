using TrustedServer.Privacy.Consent;

namespace TrustedServer.Privacy.Tests.Consent;

public sealed class UsPrivacyTests
{
    [Theory]
    [InlineData("1YNN", PrivacyIndicator.Yes, PrivacyIndicator.No, PrivacyIndicator.No)]
    [InlineData("1YYN", PrivacyIndicator.Yes, PrivacyIndicator.Yes, PrivacyIndicator.No)]
    [InlineData("1---", PrivacyIndicator.NotApplicable, PrivacyIndicator.NotApplicable, PrivacyIndicator.NotApplicable)]
    [InlineData("1nyn", PrivacyIndicator.No, PrivacyIndicator.Yes, PrivacyIndicator.No)]
    public void Valid_strings_parse(string input, PrivacyIndicator notice, PrivacyIndicator optOut, PrivacyIndicator lspa)
    {
        Assert.True(UsPrivacy.TryParse(input, out var usp, out _));
        Assert.Equal(new UsPrivacy(1, notice, optOut, lspa), usp);
        Assert.Equal(input.ToUpperInvariant(), usp.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1YN")]
    [InlineData("1YNNN")]
    [InlineData("2YNN")]
    [InlineData("1XNN")]
    public void Invalid_strings_are_rejected(string input) => Assert.False(UsPrivacy.TryParse(input, out _, out _));
}
