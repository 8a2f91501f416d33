using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.Listener;

/// <summary>Says once at startup how the descriptor limit shapes the connection count.</summary>
internal static class DescriptorBudgetLog
{
    public static void Announce(WebApplication app, ServerOptions server)
    {
        if (app.Services.GetService<DescriptorLimits>() is not { } descriptors)
        {
            return;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(ListenerLog.Category);
        if (server.MaxConcurrentConnections is not { } connections)
        {
            ListenerLog.DescriptorCap(logger, descriptors.Limit, descriptors.Open, descriptors.ConnectionCap);
        }
        else if (connections > descriptors.ConnectionCap)
        {
            ListenerLog.DescriptorShortfall(logger, connections, descriptors.Limit, descriptors.Open, DescriptorBudget.PerConnection);
        }
    }
}
