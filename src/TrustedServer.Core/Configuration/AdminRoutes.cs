namespace TrustedServer.Core.Configuration;

/// <summary>The admin paths that must sit behind Basic auth, and how a configuration's handlers cover them.</summary>
public static class AdminRoutes
{
    /// <summary>Key rotation.</summary>
    public const string RotateKeys = "/_ts/admin/keys/rotate";

    /// <summary>Key deactivation.</summary>
    public const string DeactivateKeys = "/_ts/admin/keys/deactivate";

    /// <summary>The prefix of the Edge Cookie lookup, <c>/_ts/admin/ec/{id}</c>.</summary>
    public const string EdgeCookiePrefix = "/_ts/admin/ec/";

    /// <summary>
    /// A path that stands for every Edge Cookie lookup: not ID-shaped, so only a handler covering the whole prefix
    /// matches it (the route takes any segment, and an ID-shaped pattern would leave the others open).
    /// </summary>
    public const string EdgeCookieProbe = EdgeCookiePrefix + "~coverage-probe~";

    /// <summary>The index of the first handler whose pattern matches <paramref name="path"/>, or -1.</summary>
    public static int FirstMatch(IReadOnlyList<AdminHandlerOptions> handlers, string path)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        for (var i = 0; i < handlers.Count; i++)
        {
            try
            {
                if (AdminHandlerOptions.Compile(handlers[i].Path).IsMatch(path))
                {
                    return i;
                }
            }
            catch (ArgumentException)
            {
                // Reported by the binder.
            }
        }

        return -1;
    }

    /// <summary>
    /// The handlers in force: the configured ones, then the <c>[ec] admin_username</c>/<c>admin_password</c> shorthand
    /// as a handler on the Edge Cookie lookup (last, so a configured handler on those paths wins).
    /// </summary>
    public static IReadOnlyList<AdminHandlerOptions> Effective(TrustedServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Ec is { AdminUsername: { } user, AdminPassword: { } password })
        {
            return [.. options.Handlers, new AdminHandlerOptions { Path = "^" + EdgeCookiePrefix, Username = user, Password = password }];
        }

        return options.Handlers;
    }
}
