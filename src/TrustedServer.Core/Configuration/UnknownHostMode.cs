namespace TrustedServer.Core.Configuration;

/// <summary><c>[publisher] unknown_host</c>: what a request for a host that is neither the domain nor an alias gets.</summary>
public enum UnknownHostMode
{
    /// <summary><c>421 Misdirected Request</c>, nothing forwarded (default).</summary>
    Reject = 0,

    /// <summary>Served as if it had named <c>[publisher] domain</c>: every rewritten link points there.</summary>
    Canonical = 1,
}
