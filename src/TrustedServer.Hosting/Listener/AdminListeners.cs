using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace TrustedServer.Hosting.Listener;

/// <summary>The <c>[server] admin_urls</c> listeners as bound (a port 0 is resolved once the server has started).</summary>
internal sealed class AdminListeners
{
    private readonly List<(string Url, ListenOptions Listen)> _listeners = [];

    /// <summary>The admin listeners' addresses, with their bound ports once the server has started.</summary>
    public IReadOnlyList<string> Urls
    {
        get
        {
            lock (_listeners)
            {
                return [.. _listeners.Select(l => l.Listen.IPEndPoint is { Port: > 0 } endpoint && !l.Url.Contains("://localhost", StringComparison.OrdinalIgnoreCase)
                    ? "http://" + endpoint
                    : l.Url)];
            }
        }
    }

    /// <summary>Whether <paramref name="url"/>, one of the app's bound addresses, is an admin listener's (by port).</summary>
    public bool Contains(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var port = new Uri(url.Replace("://+", "://wildcard", StringComparison.Ordinal).Replace("://*", "://wildcard", StringComparison.Ordinal)).Port;
        return Urls.Any(admin => new Uri(admin).Port == port);
    }

    public void Add(string url, ListenOptions listen)
    {
        lock (_listeners)
        {
            _listeners.Add((url, listen));
        }
    }
}
