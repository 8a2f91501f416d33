using System.Text.Encodings.Web;
using TrustedServer.Core.Rewriting.Publisher;

namespace TrustedServer.Core.Rewriting.Integrations.Lockr;

/// <summary>The head's <c>&lt;meta name="lockr-signin-app_id"&gt;</c>, from which the Lockr SDK reads its app, so the
/// publisher's pages need not carry it.</summary>
public sealed class LockrAppIdMeta(string appId) : IHeadInjector
{
    private readonly string _snippet = $"<meta name=\"lockr-signin-app_id\" content=\"{HtmlEncoder.Default.Encode(appId)}\">";

    public string? HeadInserts(PublisherDocument document) => _snippet;
}
