using TrustedServer.Core.Delivery;
using TrustedServer.Core.Rewriting.Compression;

namespace TrustedServer.Core.Tests.Delivery;

public sealed class DeliveryPolicyTests
{
    /// <summary>Every row of the spec's decision table, with the columns: rule, method, status, type, encoding, post-processors, mode, bodiless, rewritable, warning.</summary>
    public static TheoryData<int, string, int, string?, string?, bool, DeliveryMode, bool, bool, bool> Table => new()
    {
        // 1: HEAD, 1xx, 204, 205, 304 are bodiless, Buffered.
        { 1, "HEAD", 200, "text/html", null, false, DeliveryMode.Buffered, true, false, false },
        { 1, "HEAD", 200, "image/png", null, false, DeliveryMode.Buffered, true, false, false },
        { 1, "GET", 100, null, null, false, DeliveryMode.Buffered, true, false, false },
        { 1, "GET", 204, "text/html", null, false, DeliveryMode.Buffered, true, false, false },
        { 1, "GET", 205, null, null, false, DeliveryMode.Buffered, true, false, false },
        { 1, "GET", 304, "text/css", "gzip", false, DeliveryMode.Buffered, true, false, false },
        { 1, "HEAD", 404, "text/html", null, false, DeliveryMode.Buffered, true, false, false },

        // 2: non-2xx is Buffered, rewritable when processable with a supported coding.
        { 2, "GET", 404, "text/html; charset=utf-8", "gzip", false, DeliveryMode.Buffered, false, true, false },
        { 2, "GET", 500, "application/json", null, false, DeliveryMode.Buffered, false, true, false },
        { 2, "GET", 301, null, null, false, DeliveryMode.Buffered, false, false, false },
        { 2, "GET", 302, "text/html", "br", false, DeliveryMode.Buffered, false, true, false },
        { 2, "GET", 404, "image/png", null, false, DeliveryMode.Buffered, false, false, false },
        { 2, "GET", 503, "text/html", "zstd", false, DeliveryMode.Buffered, false, false, false },
        { 2, "POST", 400, "text/html", null, true, DeliveryMode.Buffered, false, true, false },

        // 3: 206 passes through, even processable.
        { 3, "GET", 206, "text/html", null, false, DeliveryMode.PassThrough, false, false, false },
        { 3, "GET", 206, "video/mp4", null, false, DeliveryMode.PassThrough, false, false, false },

        // 4: 2xx not processable passes through.
        { 4, "GET", 200, "image/png", null, false, DeliveryMode.PassThrough, false, false, false },
        { 4, "GET", 200, "font/woff2", null, false, DeliveryMode.PassThrough, false, false, false },
        { 4, "GET", 200, "audio/mpeg", null, false, DeliveryMode.PassThrough, false, false, false },
        { 4, "GET", 200, "video/mp4", null, false, DeliveryMode.PassThrough, false, false, false },
        { 4, "GET", 200, "application/octet-stream", null, false, DeliveryMode.PassThrough, false, false, false },
        { 4, "GET", 200, "application/pdf", null, false, DeliveryMode.PassThrough, false, false, false },
        { 4, "GET", 200, "application/wasm", "br", false, DeliveryMode.PassThrough, false, false, false },
        { 4, "GET", 200, "text/event-stream", null, false, DeliveryMode.PassThrough, false, false, false },
        { 4, "GET", 200, null, null, false, DeliveryMode.PassThrough, false, false, false },
        { 4, "GET", 201, "image/webp", "zstd", false, DeliveryMode.PassThrough, false, false, false },

        // 5: processable but undecodable coding, stacked codings or a non-ASCII-compatible charset: PassThrough with a warning.
        { 5, "GET", 200, "text/html", "zstd", false, DeliveryMode.PassThrough, false, false, true },
        { 5, "GET", 200, "text/css", "compress", false, DeliveryMode.PassThrough, false, false, true },
        { 5, "GET", 200, "application/javascript", "gzip, br", false, DeliveryMode.PassThrough, false, false, true },
        { 5, "GET", 200, "text/html", "x-unknown", false, DeliveryMode.PassThrough, false, false, true },
        { 5, "GET", 200, "text/html; charset=UTF-16", null, false, DeliveryMode.PassThrough, false, false, true },
        { 5, "GET", 200, "application/json; charset=utf-32le", null, false, DeliveryMode.PassThrough, false, false, true },

        // 6: 2xx HTML with post-processors is Buffered; other types still stream.
        { 6, "GET", 200, "text/html; charset=utf-8", "gzip", true, DeliveryMode.Buffered, false, true, false },
        { 6, "GET", 200, "application/xhtml+xml", null, true, DeliveryMode.Buffered, false, true, false },
        { 7, "GET", 200, "text/css", null, true, DeliveryMode.Stream, false, true, false },

        // 7: 2xx processable streams, in every supported coding.
        { 7, "GET", 200, "text/html", null, false, DeliveryMode.Stream, false, true, false },
        { 7, "GET", 200, "TEXT/HTML; Charset=ISO-8859-1", "identity", false, DeliveryMode.Stream, false, true, false },
        { 7, "GET", 200, "text/css", "gzip", false, DeliveryMode.Stream, false, true, false },
        { 7, "GET", 200, "text/javascript", "deflate", false, DeliveryMode.Stream, false, true, false },
        { 7, "GET", 200, "application/javascript", "br", false, DeliveryMode.Stream, false, true, false },
        { 7, "GET", 200, "application/x-javascript", null, false, DeliveryMode.Stream, false, true, false },
        { 7, "GET", 200, "application/ecmascript", null, false, DeliveryMode.Stream, false, true, false },
        { 7, "GET", 200, "application/json", "gzip", false, DeliveryMode.Stream, false, true, false },
        { 7, "GET", 200, "application/ld+json", null, false, DeliveryMode.Stream, false, true, false },
        { 7, "GET", 200, "application/xml", null, false, DeliveryMode.Stream, false, true, false },
        { 7, "GET", 200, "text/xml", null, false, DeliveryMode.Stream, false, true, false },
        { 7, "GET", 200, "application/rss+xml", null, false, DeliveryMode.Stream, false, true, false },
        { 7, "GET", 200, "application/atom+xml", null, false, DeliveryMode.Stream, false, true, false },
        { 7, "GET", 200, "image/svg+xml", "gzip", false, DeliveryMode.Stream, false, true, false },
        { 7, "GET", 200, "text/plain", null, false, DeliveryMode.Stream, false, true, false },
        { 7, "POST", 201, "application/json", null, false, DeliveryMode.Stream, false, true, false },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Decision_follows_the_spec_table(int rule, string method, int status, string? contentType, string? encoding, bool postProcessors,
        DeliveryMode mode, bool bodiless, bool rewritable, bool warning)
    {
        var decision = DeliveryPolicy.Decide(new DeliveryRequest(method, status, contentType, encoding, postProcessors));

        Assert.True(rule is >= 1 and <= 7);
        Assert.Equal(mode, decision.Mode);
        Assert.Equal(bodiless, decision.Bodiless);
        Assert.Equal(rewritable, decision.Rewritable);
        Assert.Equal(warning, decision.Warning);
        Assert.False(string.IsNullOrEmpty(decision.Reason));
    }

    [Theory]
    [InlineData(false, 200, DeliveryMode.PassThrough, false)]
    [InlineData(true, 200, DeliveryMode.Stream, true)]
    [InlineData(false, 404, DeliveryMode.Buffered, false)]
    [InlineData(true, 404, DeliveryMode.Buffered, true)]
    public void Flight_responses_are_processable_only_when_an_integration_rewrites_them(bool rewritesFlight, int status, DeliveryMode mode, bool rewritable)
    {
        var decision = DeliveryPolicy.Decide(new DeliveryRequest("GET", status, "text/x-component", "gzip", RewritesFlight: rewritesFlight));

        Assert.Equal(ContentKind.Flight, decision.Kind);
        Assert.Equal(mode, decision.Mode);
        Assert.Equal(rewritable, decision.Rewritable);
    }

    [Fact]
    public void Post_processing_is_flagged_only_for_buffered_html()
    {
        Assert.True(DeliveryPolicy.Decide(new("GET", 200, "text/html", null, true)).PostProcess);
        Assert.False(DeliveryPolicy.Decide(new("GET", 200, "text/html", null, false)).PostProcess);
        Assert.False(DeliveryPolicy.Decide(new("GET", 404, "text/html", null, true)).PostProcess);
    }

    [Theory]
    [InlineData(null, ContentCoding.Identity)]
    [InlineData("identity", ContentCoding.Identity)]
    [InlineData("gzip", ContentCoding.Gzip)]
    [InlineData("deflate", ContentCoding.Deflate)]
    [InlineData("br", ContentCoding.Brotli)]
    public void Stream_decision_carries_the_coding_to_re_encode(string? encoding, ContentCoding coding)
    {
        var decision = DeliveryPolicy.Decide(new("GET", 200, "text/css", encoding));

        Assert.Equal(DeliveryMode.Stream, decision.Mode);
        Assert.Equal(coding, decision.Coding);
    }

    [Fact]
    public void Over_cap_buffered_bodies_fall_back_to_stream_when_rewritable_and_pass_through_otherwise()
    {
        Assert.Equal(DeliveryMode.Stream, DeliveryPolicy.Decide(new("GET", 404, "text/html", "gzip")).OverCapFallback);
        Assert.Equal(DeliveryMode.PassThrough, DeliveryPolicy.Decide(new("GET", 404, "image/png", null)).OverCapFallback);
        Assert.Equal(DeliveryMode.PassThrough, DeliveryPolicy.Decide(new("GET", 500, "text/html", "zstd")).OverCapFallback);
        Assert.Equal(DeliveryMode.Stream, DeliveryPolicy.Decide(new("GET", 200, "text/html", null, true)).OverCapFallback);
    }

    [Theory]
    [InlineData("text/html", ContentKind.Html)]
    [InlineData(" Application/XHTML+XML ; charset=utf-8", ContentKind.Html)]
    [InlineData("text/css", ContentKind.Css)]
    [InlineData("application/vnd.api+json", ContentKind.Json)]
    [InlineData("image/svg+xml", ContentKind.Xml)]
    [InlineData("text/plain; charset=us-ascii", ContentKind.Text)]
    [InlineData("text/csv", ContentKind.Binary)]
    [InlineData("", ContentKind.Binary)]
    public void Media_types_classify_case_insensitively_ignoring_parameters(string contentType, ContentKind kind) =>
        Assert.Equal(kind, MediaTypes.Classify(contentType));
}
