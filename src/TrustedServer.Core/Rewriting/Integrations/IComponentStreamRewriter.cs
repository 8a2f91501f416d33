using TrustedServer.Core.Rewriting.Urls;

namespace TrustedServer.Core.Rewriting.Integrations;

/// <summary>
/// An integration's rewriting of React Server Components (Flight) responses (<c>text/x-component</c>), which are
/// otherwise passed through untouched: a streaming transform per body, bound to the request's URL mapper.
/// </summary>
public interface IComponentStreamRewriter
{
    /// <summary>A transform for one Flight body.</summary>
    IBodyTransform Create(UrlMapper mapper);
}
