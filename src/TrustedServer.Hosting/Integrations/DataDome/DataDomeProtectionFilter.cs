namespace TrustedServer.Hosting.Integrations.DataDome;

/// <summary>The integration's pre-route filter: hands each request to the app's one <see cref="DataDomeProtection"/>.</summary>
internal sealed class DataDomeProtectionFilter : IRequestFilter
{
    public ValueTask<RequestFilterResult> FilterAsync(RequestFilterContext context, CancellationToken cancellationToken) =>
        context.Http.RequestServices.GetRequiredService<DataDomeProtection>().FilterAsync(context, cancellationToken);
}
