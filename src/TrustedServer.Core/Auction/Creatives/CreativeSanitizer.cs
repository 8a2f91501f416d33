using System.Buffers;
using System.Text;
using TrustedServer.Core.Rewriting;
using TrustedServer.Core.Rewriting.Html;

namespace TrustedServer.Core.Auction.Creatives;

/// <summary>
/// Removes executable markup from a creative on the streaming HTML engine: an allow-list of elements (anything else
/// is dropped with its content, or unwrapped when it is a harmless container), an allow-list of attributes, no
/// <c>on*</c> handlers, no <c>javascript:</c>/<c>vbscript:</c> URLs, <c>data:</c> only for raster images, no
/// <c>srcdoc</c>. Works chunk by chunk, so the answer does not depend on how the input is split.
/// </summary>
public static class CreativeSanitizer
{
    /// <summary>The largest creative accepted; a larger one is rejected.</summary>
    public const int MaxInputBytes = 1024 * 1024;

    private static readonly HtmlRewriterSettings Settings = new HtmlRewriterSettings()
        .OnElement("*", CreativeSanitizerRules.OnElement);

    /// <summary>A transform that sanitises one creative document chunk by chunk.</summary>
    public static IBodyTransform Create() => new HtmlRewriter(Settings);

    /// <summary>The sanitised markup, or null when the creative is over <see cref="MaxInputBytes"/>.</summary>
    public static string? Sanitize(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var bytes = Encoding.UTF8.GetBytes(html);
        if (bytes.Length > MaxInputBytes)
        {
            return null;
        }

        var transform = Create();
        try
        {
            var output = new ArrayBufferWriter<byte>(bytes.Length + 16);
            transform.Process(bytes, output);
            transform.Finish(output);
            return Encoding.UTF8.GetString(output.WrittenSpan);
        }
        finally
        {
            (transform as IDisposable)?.Dispose();
        }
    }
}
