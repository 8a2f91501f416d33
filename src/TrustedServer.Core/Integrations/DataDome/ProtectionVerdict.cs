namespace TrustedServer.Core.Integrations.DataDome;

/// <summary>What a Protection API answer means.</summary>
public enum ProtectionVerdict
{
    /// <summary>200 confirmed by <c>X-DataDomeResponse</c>: go on, with the enrichment headers.</summary>
    Allow,

    /// <summary>301, 302, 401 or 403 confirmed by <c>X-DataDomeResponse</c>: answer with DataDome's response.</summary>
    Challenge,

    /// <summary>Anything else (an unconfirmed or unexpected status): go on as if DataDome were not there.</summary>
    FailOpen,
}
