namespace TrustedServer.Privacy.Consent;

/// <summary>Where the effective consent came from.</summary>
public enum ConsentSource
{
    /// <summary>From the request's cookies and headers.</summary>
    Cookie = 0,

    /// <summary>Synthesised from publisher policy (GPC in a US state).</summary>
    PolicyDefault = 1,
}
