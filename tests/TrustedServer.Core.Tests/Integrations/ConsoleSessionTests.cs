using TrustedServer.Core.Rewriting.Integrations.GptDiagnostics;

namespace TrustedServer.Core.Tests.Integrations;

/// <summary>The GPT console's activation rules: exact directives, fail-closed duplicates, the query left behind.</summary>
public sealed class ConsoleSessionTests
{
    [Theory]
    [InlineData("?ts_console=1", ConsoleDirective.Activate, true, "")]
    [InlineData("?ts_console=true", ConsoleDirective.Activate, true, "")]
    [InlineData("?a=1&ts_console=0&b=2", ConsoleDirective.Deactivate, false, "?a=1&b=2")]
    [InlineData("?ts_console=false&x", ConsoleDirective.Deactivate, false, "?x")]
    [InlineData("?ts_console=True", ConsoleDirective.Invalid, false, "")]
    [InlineData("?ts_console=1&ts_console=1", ConsoleDirective.Invalid, false, "")]
    [InlineData("?ts_console", ConsoleDirective.Invalid, false, "")]
    [InlineData("?ts_console_x=1", ConsoleDirective.None, false, "?ts_console_x=1")]
    [InlineData("?q=ts_console", ConsoleDirective.None, false, "?q=ts_console")]
    [InlineData("", ConsoleDirective.None, false, "")]
    public void Directives_are_exact_and_removed(string query, ConsoleDirective directive, bool active, string clean)
    {
        var session = ConsoleSession.Read(query, []);

        Assert.Equal(directive, session.Directive);
        Assert.Equal(active, session.Active);
        Assert.Equal(clean, session.CleanQuery);
    }

    [Theory]
    [InlineData("__Host-ts-console=1", true)]
    [InlineData("a=b; __Host-ts-console=1", true)]
    [InlineData("__Host-ts-console=0", false)]
    [InlineData("__Host-ts-console=1; __Host-ts-console=1", false)]
    [InlineData("x__Host-ts-console=1", false)]
    public void The_cookie_activates_only_alone_and_exact(string cookie, bool active)
    {
        Assert.Equal(active, ConsoleSession.Read(string.Empty, [cookie]).Active);
    }

    [Fact]
    public void A_deactivation_or_a_bad_directive_wins_over_the_cookie()
    {
        Assert.False(ConsoleSession.Read("?ts_console=0", ["__Host-ts-console=1"]).Active);
        Assert.False(ConsoleSession.Read("?ts_console=yes", ["__Host-ts-console=1"]).Active);
        Assert.True(ConsoleSession.Read("?ts_console=1", ["__Host-ts-console=0"]).Active);
    }
}
