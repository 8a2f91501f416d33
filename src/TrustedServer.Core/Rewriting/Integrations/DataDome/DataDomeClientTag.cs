using System.Text.Encodings.Web;
using TrustedServer.Core.Configuration;
using TrustedServer.Core.Rewriting.Publisher;

namespace TrustedServer.Core.Rewriting.Integrations.DataDome;

/// <summary>The head's DataDome browser tag: <c>window.ddjskey</c> and <c>window.ddoptions</c> (script-safe JSON), then
/// the async tag from <c>client_side_tag_url</c>.</summary>
public sealed class DataDomeClientTag(DataDomeOptions options) : IHeadInjector
{
    private readonly string _snippet =
        "<script>window.ddjskey=\"" + JavaScriptEncoder.Default.Encode(options.ClientSideKey) + "\";window.ddoptions=" + options.ClientSideConfigurationJson + ";</script>"
        + $"<script src=\"{HtmlEncoder.Default.Encode(options.ClientSideTagUrl)}\" async></script>";

    public string? HeadInserts(PublisherDocument document) => _snippet;
}
