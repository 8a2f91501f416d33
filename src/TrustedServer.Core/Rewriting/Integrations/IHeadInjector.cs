using TrustedServer.Core.Rewriting.Publisher;

namespace TrustedServer.Core.Rewriting.Integrations;

/// <summary>An integration's markup prepended to <c>&lt;head&gt;</c> once per page, before the Trusted Server script tag.</summary>
public interface IHeadInjector
{
    /// <summary>HTML to insert, or null for none on this page.</summary>
    string? HeadInserts(PublisherDocument document);
}
