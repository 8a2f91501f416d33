using System.Globalization;

namespace TrustedServer.Core.Configuration;

/// <summary>Binds <c>[request_signing]</c> and <c>[[handlers]]</c>, and checks that every admin route on is covered.</summary>
internal static class RequestSigningOptionsBinder
{
    /// <summary>Shortest accepted <c>[request_signing] passphrase</c>, in bytes.</summary>
    public const int MinimumPassphraseBytes = SecretRules.SecretMinimumBytes;

    /// <summary>Shortest accepted handler password, in bytes.</summary>
    public const int MinimumPasswordBytes = SecretRules.TokenMinimumBytes;

    private const string HandlersName = "handlers";

    public static RequestSigningOptions RequestSigning(ConfigSectionReader r)
    {
        var enabled = r.Boolean("enabled") ?? false;
        var store = r.String("key_store") ?? RequestSigningOptions.DefaultKeyStore;
        var prefix = r.String("key_prefix") ?? "ts:signing:";
        var refresh = OptionsBinder.Positive(r, "refresh_seconds") ?? 30;
        var passphrase = r.String("passphrase");
        var admin = r.Boolean("admin_endpoints") ?? true;
        if (!IsKeyStore(store))
        {
            r.Error("key_store", "must be file:///absolute/path, file:relative/path, redis://host[:port][/db], rediss://… or memory");
        }

        if (refresh > 86_400)
        {
            r.Error("refresh_seconds", "must be at most 86400");
        }

        if (prefix.Length == 0 || prefix.Length > 64 || prefix.Any(char.IsWhiteSpace))
        {
            r.Error("key_prefix", "must be 1 to 64 characters without whitespace");
        }

        if (enabled && passphrase is null)
        {
            r.Error("passphrase", "is required when [request_signing] is enabled (it encrypts the private keys at rest)");
        }
        else if (passphrase is not null && SecretRules.Check(passphrase, MinimumPassphraseBytes) is { } problem)
        {
            r.Error("passphrase", problem);
        }

        r.ReportUnknownKeys();
        return new RequestSigningOptions
        {
            Enabled = enabled,
            KeyStore = store.Trim(),
            KeyPrefix = prefix,
            Refresh = TimeSpan.FromSeconds(Math.Min(refresh, 86_400)),
            Passphrase = passphrase,
            AdminEndpoints = admin,
        };
    }

    /// <summary>Whether <paramref name="name"/> is an environment overlay of one handler (<c>handlers.0</c>).</summary>
    public static bool IsHandlerOverlay(string name) =>
        name.StartsWith(HandlersName + ".", StringComparison.Ordinal)
        && int.TryParse(name.AsSpan(HandlersName.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _);

    /// <summary>
    /// The <c>[[handlers]]</c> entries, each overlaid with <c>TRUSTED_SERVER__HANDLERS__&lt;n&gt;__FIELD</c>; an index past
    /// the file's entries adds one.
    /// </summary>
    public static List<AdminHandlerOptions> Handlers(ConfigDocument document, List<ConfigError> errors, string source)
    {
        var entries = (document.TableArrays.GetValueOrDefault(HandlersName) ?? [])
            .Select(e => (e.Line, Keys: new Dictionary<string, ConfigValue>(e.Keys, StringComparer.Ordinal)))
            .ToList();
        foreach (var (name, keys) in document.Sections.Where(s => IsHandlerOverlay(s.Key)).OrderBy(s => int.Parse(s.Key.AsSpan(HandlersName.Length + 1), CultureInfo.InvariantCulture)))
        {
            var index = int.Parse(name.AsSpan(HandlersName.Length + 1), CultureInfo.InvariantCulture);
            if (index > entries.Count)
            {
                errors.Add(new ConfigError(name, null, $"handler index {index} leaves a gap after the {entries.Count} configured", source));
                continue;
            }

            if (index == entries.Count)
            {
                entries.Add((null, new Dictionary<string, ConfigValue>(StringComparer.Ordinal)));
            }

            foreach (var (key, value) in keys)
            {
                entries[index].Keys[key] = value;
            }
        }

        var handlers = new List<AdminHandlerOptions>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var r = new ConfigSectionReader($"handlers[{i}]", entries[i].Keys, errors, source) { Line = entries[i].Line };
            if (Handler(r) is { } handler)
            {
                handlers.Add(handler);
            }
        }

        return handlers;
    }

    /// <summary>Every admin route that is on must be covered by a handler.</summary>
    public static void CheckCoverage(RequestSigningOptions signing, IReadOnlyList<AdminHandlerOptions> handlers, List<ConfigError> errors, string source)
    {
        if (!signing.Enabled || !signing.AdminEndpoints)
        {
            return;
        }

        foreach (var path in new[] { AdminRoutes.RotateKeys, AdminRoutes.DeactivateKeys })
        {
            if (AdminRoutes.FirstMatch(handlers, path) < 0)
            {
                errors.Add(new ConfigError(
                    "request_signing.admin_endpoints",
                    null,
                    $"no [[handlers]] entry covers {path}; add one (path = \"^/_ts/admin\", username, password) or set admin_endpoints = false",
                    source));
            }
        }
    }

    private static AdminHandlerOptions? Handler(ConfigSectionReader r)
    {
        var path = r.String("path", required: true);
        var user = r.String("username", required: true);
        var password = r.String("password", required: true);
        r.ReportUnknownKeys();
        if (path is not null)
        {
            try
            {
                _ = AdminHandlerOptions.Compile(path);
            }
            catch (ArgumentException ex)
            {
                r.Error("path", "is not a usable regular expression (backreferences and lookaround are not supported): " + ex.Message);
                path = null;
            }
        }

        if (user is not null && (user.Length == 0 || user.Contains(':', StringComparison.Ordinal)))
        {
            r.Error("username", "must be non-empty and contain no ':'");
            user = null;
        }

        if (password is not null && SecretRules.Check(password, MinimumPasswordBytes) is { } problem)
        {
            r.Error("password", problem);
            password = null;
        }

        return path is null || user is null || password is null ? null : new AdminHandlerOptions { Path = path, Username = user, Password = password };
    }

    private static bool IsKeyStore(string value)
    {
        var v = value.Trim();
        if (v.Equals("memory", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (v.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            return Uri.TryCreate(v, UriKind.Absolute, out var uri) && uri.IsFile && uri.LocalPath.Length > 1;
        }

        if (v.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return v.Length > "file:".Length;
        }

        return (v.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) || v.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase))
            && Uri.TryCreate(v, UriKind.Absolute, out var redis) && redis.Host.Length > 0;
    }
}
