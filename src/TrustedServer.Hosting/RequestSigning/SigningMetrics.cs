using System.Diagnostics.Metrics;
using TrustedServer.Hosting.Observability;

namespace TrustedServer.Hosting.RequestSigning;

/// <summary>Request-signing instruments on the <c>TrustedServer</c> meter.</summary>
public static class SigningMetrics
{
    private static readonly Meter Meter = new(TrustedServerMetrics.Name);

    /// <summary><c>ts_signatures_total</c>: bid requests signed.</summary>
    public static Counter<long> Signatures { get; } = Meter.CreateCounter<long>("ts_signatures", description: "Bid requests signed with Ed25519");

    /// <summary><c>ts_signature_verifications_total{result}</c>: answers of <c>/verify-signature</c> (verified, invalid, unknown_kid, bad_request).</summary>
    public static Counter<long> Verifications { get; } = Meter.CreateCounter<long>("ts_signature_verifications", description: "Signature verifications by result");

    /// <summary>Counts one verification with <paramref name="result"/>.</summary>
    public static void RecordVerification(string result) =>
        Verifications.Add(1, new KeyValuePair<string, object?>("result", result));
}
