using TrustedServer.Core.Rewriting.Publisher;

namespace TrustedServer.Core.Rewriting.Integrations.Didomi;

/// <summary><c>window.__tsjs_didomi = {"proxyPath": …}</c> in the head, for scripts that build Didomi URLs themselves.</summary>
public sealed class DidomiHeadConfig(string proxyPath) : IHeadInjector
{
    // The path is validated to [A-Za-z0-9._~/-], so it needs no escaping inside a JSON string or a script element.
    private readonly string _snippet = "<script>window.__tsjs_didomi={\"proxyPath\":\"" + proxyPath + "\"};</script>";

    public string? HeadInserts(PublisherDocument document) => _snippet;
}
