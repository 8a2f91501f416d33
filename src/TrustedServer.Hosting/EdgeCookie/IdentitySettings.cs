using TrustedServer.Core.Configuration;
using TrustedServer.Privacy.Consent;

namespace TrustedServer.Hosting.EdgeCookie;

/// <summary>The validated <c>[ec]</c> and <c>[consent]</c> configuration and what the Edge Cookie glue derives from it once.</summary>
internal sealed class IdentitySettings
{
    private static readonly string[] EcHeaders = ["x-ts-ec", "x-ts-eids", "x-ts-ec-consent", "x-ts-eids-truncated"];

    public IdentitySettings(TrustedServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        var ec = options.Ec;
        Enabled = ec.Enabled && !string.IsNullOrEmpty(ec.Passphrase);

        // Response headers that carry identity and must not reach a visitor without consent.
        StrippedHeaders = [.. EcHeaders.Concat(ec.Partners.Select(p => "x-ts-" + p.SourceDomain))];
    }

    public TrustedServerOptions Options { get; }

    public bool Enabled { get; }

    /// <summary><c>[ec]</c>.</summary>
    public EcOptions Ec => Options.Ec;

    /// <summary><c>[consent]</c>.</summary>
    public ConsentOptions Consent => Options.Consent;

    /// <summary>The Edge Cookie's Domain without the leading dot: <c>[ec] cookie_domain</c> when set, else <c>[publisher] domain</c>.</summary>
    public string PublisherDomain => Options.Ec.CookieDomain ?? Options.Publisher.Domain;

    public IReadOnlyList<string> StrippedHeaders { get; }

    /// <summary>The consent context of a request: signals from its cookies and headers, jurisdiction from <see cref="VisitorGeo"/>.</summary>
    public ConsentContext ConsentFor(HttpContext context, VisitorGeo geo, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(geo);
        var request = context.Request;
        Func<string, string?> header = name => request.Headers.TryGetValue(name, out var v) ? v.ToString() : null;
        Func<string, string?> cookie = name => request.Cookies[name];
        var jurisdiction = geo.JurisdictionFor(context, Consent);
        return ConsentPipeline.Build(ConsentSignals.FromRequest(cookie, header), jurisdiction, Consent, now);
    }
}
