using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Tests.Configuration;

public sealed class ObservabilityConfigTests
{
    private const string Publisher = """
        [publisher]
        domain = "www.example.com"
        origin_url = "https://origin.example.com"

        """;

    [Fact]
    public void Logging_format_and_the_otlp_endpoint_bind()
    {
        var result = ConfigLoader.Load(Publisher + """
            [logging]
            format = "json"

            [telemetry]
            otlp_endpoint = "http://collector:4317"
            """, "t.toml", null);

        Assert.Empty(result.Errors);
        Assert.Equal("json", result.Options!.Logging.Format);
        Assert.Equal(new Uri("http://collector:4317"), result.Options.Telemetry.OtlpEndpoint);
    }

    [Fact]
    public void Defaults_are_plain_logs_and_no_otlp_export()
    {
        var result = ConfigLoader.Load(Publisher, "t.toml", null);

        Assert.Equal("plain", result.Options!.Logging.Format);
        Assert.Null(result.Options.Telemetry.OtlpEndpoint);
    }

    [Fact]
    public void A_bad_format_a_bad_endpoint_and_an_unknown_key_are_three_errors_with_lines()
    {
        var result = ConfigLoader.Load(Publisher + """
            [logging]
            format = "xml"

            [telemetry]
            otlp_endpoint = "collector:4317/x y"
            sample_rate = 1
            """, "t.toml", null);

        Assert.Collection(
            result.Errors,
            e => Assert.Equal(("logging.format", 5), (e.Key, e.Line)),
            e => Assert.Equal(("telemetry.otlp_endpoint", 8), (e.Key, e.Line)),
            e => Assert.Equal(("telemetry.sample_rate", 9), (e.Key, e.Line)));
    }
}
