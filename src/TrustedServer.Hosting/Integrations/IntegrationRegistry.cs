using System.Text.RegularExpressions;
using TrustedServer.Core.Rewriting.Integrations;
using TrustedServer.Hosting.Extensibility;

namespace TrustedServer.Hosting.Integrations;

/// <summary>
/// Every registered integration's contributions, collected once: the HTML hooks compiled for the publisher handler
/// set, the routes, the post-processors and the request filters, each in registration order (built-in integrations
/// in catalog order, then any registered after them).
/// </summary>
public sealed partial class IntegrationRegistry
{
    /// <summary>Collects the contributions of <paramref name="integrations"/>.</summary>
    /// <exception cref="InvalidOperationException">Two integrations share an id, or an id is not lower-case <c>[a-z0-9_]</c>.</exception>
    public IntegrationRegistry(IEnumerable<IIntegration> integrations)
    {
        ArgumentNullException.ThrowIfNull(integrations);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var builders = new List<IntegrationBuilder>();
        foreach (var integration in integrations)
        {
            if (!IdPattern().IsMatch(integration.Id) || !ids.Add(integration.Id))
            {
                throw new InvalidOperationException($"integration id \"{integration.Id}\" is not a unique lower-case [a-z0-9_] name");
            }

            var builder = new IntegrationBuilder(integration.Id);
            integration.Contribute(builder);
            builders.Add(builder);
        }

        Ids = [.. ids];
        Routes = [.. builders.SelectMany(b => b.Routes)];
        PostProcessors = [.. builders.SelectMany(b => b.PostProcessors)];
        RequestFilters = [.. builders.SelectMany(b => b.RequestFilters)];
        BrowserModules = [.. builders.Where(b => b.BrowserModule is not null).Select(b => new IntegrationBrowserModule(b.Id, b.BrowserModule!.Value))];
        Hooks = new IntegrationHtmlHooks(
            builders.SelectMany(b => b.AttributeRewriters),
            builders.SelectMany(b => b.ScriptRewriters),
            builders.SelectMany(b => b.HeadInjectors));
    }

    /// <summary>The registered integrations' ids, in order.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>The proxy routes.</summary>
    public IReadOnlyList<IntegrationRoute> Routes { get; }

    /// <summary>The HTML post-processors.</summary>
    public IReadOnlyList<IHtmlPostProcessor> PostProcessors { get; }

    /// <summary>The pre-route request filters.</summary>
    public IReadOnlyList<IRequestFilter> RequestFilters { get; }

    /// <summary>The browser modules, in registration order.</summary>
    internal IReadOnlyList<IntegrationBrowserModule> BrowserModules { get; }

    /// <summary>The attribute rewriters, script-text rewriters and head injectors for the publisher handler set.</summary>
    public IntegrationHtmlHooks Hooks { get; }

    [GeneratedRegex("^[a-z0-9_]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
