using Microsoft.Net.Http.Headers;
using TrustedServer.Core.Geo;
using TrustedServer.Hosting.Finalization;
using TrustedServer.Hosting.Observability;
using TrustedServer.Hosting.Proxy;
using TrustedServer.Privacy.Consent;
using TrustedServer.Privacy.EdgeCookie;
using TrustedServer.Privacy.EdgeCookie.Storage;

namespace TrustedServer.Hosting.EdgeCookie;

/// <summary>
/// The Edge Cookie lifecycle (reference §4.3 and §4.4), applied just before the first byte of every response so it
/// reaches streamed, passed-through and buffered responses alike. A minted ID is written to the store first and the
/// cookie is sent only when that write succeeded; store trouble never breaks the page.
/// </summary>
internal sealed class EdgeCookieFinalizer(
    IdentitySettings settings,
    VisitorGeo geo,
    IIdentityStore store,
    TimeProvider time,
    TrustedServerMetrics metrics,
    ILogger<EdgeCookieFinalizer> logger) : IResponseFinalizer
{
    public async ValueTask ApplyAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!settings.Enabled || context.Request.Path.StartsWithSegments("/_ts", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var request = context.Request;
        Func<string, string?> header = name => request.Headers.TryGetValue(name, out var v) ? v.ToString() : null;
        Func<string, string?> cookie = name => request.Cookies[name];
        var location = geo.Locate(context);
        var jurisdiction = VisitorGeo.Resolve(location, settings.Consent);
        var route = IsNonMinting(request.Path) ? EcRouteKind.NonMinting : EcRouteKind.Organic;
        var clientIp = VisitorRequest.For(context, settings.Options.Proxy).ClientAddress;
        var decision = EcDecider.Decide(request.Method, header, cookie, clientIp, jurisdiction, route, settings.Ec, settings.PublisherDomain, settings.Consent, time);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            IdentityLog.Decision(logger, decision.Kind, decision.Reason);
        }

        if (!ConsentDecisions.AllowsEcCreation(decision.Consent))
        {
            foreach (var name in settings.StrippedHeaders)
            {
                context.Response.Headers.Remove(name);
            }
        }

        switch (decision.Kind)
        {
            case EcDecisionKind.Mint when decision.Id is not null && decision.SetCookie is not null:
                if (await TryCreateAsync(decision, location, context.RequestAborted))
                {
                    context.Response.Headers.Append(HeaderNames.SetCookie, decision.SetCookie);
                    metrics.EdgeCookiesMinted.Add(1);
                }

                break;
            case EcDecisionKind.Withdraw:
                if (decision.SetCookie is not null)
                {
                    context.Response.Headers.Append(HeaderNames.SetCookie, decision.SetCookie);
                    metrics.EdgeCookiesWithdrawn.Add(1, new KeyValuePair<string, object?>("reason", "consent_withdrawn"));
                }

                if (decision.Id is not null)
                {
                    await TryTombstoneAsync(decision.Id, context.RequestAborted);
                }

                break;
        }
    }

    private static bool IsNonMinting(PathString path) =>
        path.StartsWithSegments("/auction", StringComparison.OrdinalIgnoreCase);

    private async ValueTask<bool> TryCreateAsync(EcDecision decision, GeoLocation? location, CancellationToken aborted)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var record = new IdentityRecord
        {
            Created = now,
            Consent = new ConsentSnapshot
            {
                Tcf = decision.Consent.RawTcString,
                Gpp = decision.Consent.RawGppString,
                Ok = true,
                Updated = now,
            },
            Geo = location is null ? null : new GeoInfo { Country = location.Country, Region = location.Region },
            PubProperties = new PubProperties { OriginDomain = settings.Options.Publisher.Domain },
        };

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            timeout.CancelAfter(settings.Options.Ec.StoreTimeout);
            var outcome = await store.CreateOrReviveAsync(decision.Id!, record, IdentityStoreLimits.LiveTtl, timeout.Token)
                .AsTask().WaitAsync(settings.Options.Ec.StoreTimeout, time, aborted);
            if (outcome == CreateOutcome.AlreadyExists)
            {
                IdentityLog.MintCollision(logger);
                return false;
            }

            return true;
        }
        catch (Exception ex) when (ex is IdentityStoreException or TimeoutException or OperationCanceledException)
        {
            IdentityLog.MintFailed(logger, ex);
            return false;
        }
    }

    private async ValueTask TryTombstoneAsync(string id, CancellationToken aborted)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            timeout.CancelAfter(settings.Options.Ec.StoreTimeout);
            await store.WriteTombstoneAsync(id, IdentityStoreLimits.TombstoneTtl, timeout.Token)
                .AsTask().WaitAsync(settings.Options.Ec.StoreTimeout, time, aborted);
        }
        catch (Exception ex) when (ex is IdentityStoreException or TimeoutException or OperationCanceledException)
        {
            IdentityLog.TombstoneFailed(logger, ex);
        }
    }
}
