using TrustedServer.Core.Configuration;
using TrustedServer.Core.Rewriting.Publisher;

namespace TrustedServer.Core.Rewriting.Integrations.Gpt;

/// <summary>
/// The GPT head bootstrap: tells the browser module where GPT's first-party routes are (so its script guard can
/// reroute GPT's cascade) and makes sure <c>googletag.cmd</c> exists; with GAM attribution, queues page-level
/// <c>ts=true</c> targeting before any publisher command.
/// </summary>
public sealed class GptBootstrap(GptOptions options) : IHeadInjector
{
    private readonly string _snippet =
        "<script>(function(w){var t=w.tsjs=w.tsjs||{};t.gpt={proxyPrefix:\"/integrations/gpt\",scriptPath:\"/integrations/gpt/script\",host:\""
        + GptTagRewriter.Host + "\"};var g=w.googletag=w.googletag||{};g.cmd=g.cmd||[];"
        + (options.GamAttributionEnabled ? "g.cmd.push(function(){g.pubads().setTargeting(\"ts\",\"true\");});" : string.Empty)
        + "})(window);</script>";

    public string? HeadInserts(PublisherDocument document) => _snippet;
}
