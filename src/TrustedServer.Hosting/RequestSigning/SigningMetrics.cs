using System.Diagnostics.Metrics;
using TrustedServer.Hosting.Observability;

namespace TrustedServer.Hosting.RequestSigning;

/// <summary>
/// Request-signing instruments on the <c>TrustedServer</c> meter, created through the app's <see cref="IMeterFactory"/>
/// so that two apps in one process count apart.
/// </summary>
public sealed class SigningMetrics
{
    /// <summary>Creates the instruments.</summary>
    public SigningMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(TrustedServerMetrics.Name);
        Signatures = meter.CreateCounter<long>("ts_signatures", description: "Bid requests signed with Ed25519");
        Verifications = meter.CreateCounter<long>("ts_signature_verifications", description: "Signature verifications by result");
    }

    /// <summary><c>ts_signatures_total</c>: bid requests signed.</summary>
    public Counter<long> Signatures { get; }

    /// <summary><c>ts_signature_verifications_total{result}</c>: answers of <c>/verify-signature</c> (verified, invalid, unknown_kid, bad_request).</summary>
    public Counter<long> Verifications { get; }

    /// <summary>Counts one verification with <paramref name="result"/>.</summary>
    public void RecordVerification(string result) =>
        Verifications.Add(1, new KeyValuePair<string, object?>("result", result));
}
