namespace TrustedServer.Privacy.EdgeCookie;

/// <summary>Whether the route handling the request may mint an Edge Cookie.</summary>
public enum EcRouteKind
{
    /// <summary>Organic traffic: the publisher fallback, or an integration proxy route serving a navigation.</summary>
    Organic = 0,

    /// <summary><c>/auction</c>, identify, batch-sync, page-bids: never mint (but withdrawal still applies).</summary>
    NonMinting = 1,
}
