using TrustedServer.Core.Rewriting.Integrations;
using TrustedServer.Core.Rewriting.Publisher;

namespace TrustedServer.Hosting.Integrations;

/// <summary>The same markup prepended to every page's head.</summary>
internal sealed class FixedHeadInsert(string markup) : IHeadInjector
{
    public string? HeadInserts(PublisherDocument document) => markup;
}
