namespace TrustedServer.Hosting.Integrations;

/// <summary>
/// A pre-route request filter: runs before routing on every request, and either lets it through (possibly with
/// changed request headers and extra response headers, through <see cref="RequestFilterContext"/>) or answers it.
/// </summary>
public interface IRequestFilter
{
    /// <summary>Decides for one request.</summary>
    ValueTask<RequestFilterResult> FilterAsync(RequestFilterContext context, CancellationToken cancellationToken);
}
