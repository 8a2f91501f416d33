namespace TrustedServer.Hosting.Listener;

/// <summary>
/// Set on every connection accepted by a <c>[server] admin_urls</c> listener, and so visible on its requests: the
/// metrics and admin routes are served there, nothing else is.
/// </summary>
internal sealed class AdminListenerFeature
{
    public static AdminListenerFeature Instance { get; } = new();

    private AdminListenerFeature()
    {
    }

    public static bool IsAdmin(HttpContext context) => context.Features.Get<AdminListenerFeature>() is not null;
}
