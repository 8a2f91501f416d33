using TrustedServer.Core.Rewriting.Flight;
using TrustedServer.Core.Rewriting.Urls;

namespace TrustedServer.Core.Rewriting.Integrations.NextJs;

/// <summary>
/// <c>text/x-component</c> responses (the Flight a client navigation or a server action fetches, <c>RSC: 1</c>):
/// mapped row by row as the inline payload is, with the same hydration rule.
/// </summary>
public sealed class NextJsComponentStreams(int maxRowBytes) : IComponentStreamRewriter
{
    /// <inheritdoc />
    public IBodyTransform Create(UrlMapper mapper) => new FlightRewriter(mapper, FlightEncoding.Raw, maxRowBytes, keepTextChildren: true);
}
