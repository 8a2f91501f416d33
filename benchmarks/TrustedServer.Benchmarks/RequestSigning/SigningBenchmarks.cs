using BenchmarkDotNet.Attributes;
using TrustedServer.Core.RequestSigning;

namespace TrustedServer.Benchmarks.RequestSigning;

/// <summary>
/// Ed25519 signatures and verifications per second on one thread: the bare signature over a prepared payload (its
/// only allocation is the base64url string), a whole bid-request signature (payload bytes and record included), and
/// a verification through the key ring as <c>/verify-signature</c> does it. Per second = 1e9 / Mean in ns. Run with
/// <c>dotnet run -c Release -- --filter '*SigningBenchmarks*' --job short --inProcess</c>.
/// </summary>
[MemoryDiagnoser]
public class SigningBenchmarks
{
    private SigningKey _key = null!;
    private RequestSigner _signer = null!;
    private KeyRing _ring = null!;
    private byte[] _payload = null!;
    private string _signature = null!;

    [GlobalSetup]
    public void Setup()
    {
        var store = new InMemoryKeyStore();
        _ring = new KeyRing(store, "benchmark-passphrase-0123456789");
        var rotation = new KeyRotation(_ring, TimeProvider.System) { CostOfNewStore = (8, 1) };
        var result = rotation.RotateAsync("bench-key").GetAwaiter().GetResult();
        _signer = new RequestSigner(_ring, TimeProvider.System);
        _key = _ring.Current.SigningKey ?? throw new InvalidOperationException(result.Error);
        _payload = SigningPayload.Build("bench-key", "www.example.com", "https", "7f3c2a9e-1b4d-4e8f-9a6c-2d5e8f1a3b7c", 1_711_929_600_123);
        _signature = _key.Sign(_payload);
    }

    [GlobalCleanup]
    public void Cleanup() => _ring.Dispose();

    [Benchmark]
    public string SignPayload() => _key.Sign(_payload);

    [Benchmark]
    public SignedRequest? SignBidRequest() => _signer.Sign("7f3c2a9e-1b4d-4e8f-9a6c-2d5e8f1a3b7c", "www.example.com");

    [Benchmark]
    public VerificationOutcome Verify() => _signer.Verify(_payload, _signature, "bench-key");

    [Benchmark]
    public byte[] BuildPayload() => SigningPayload.Build("bench-key", "www.example.com", "https", "7f3c2a9e-1b4d-4e8f-9a6c-2d5e8f1a3b7c", 1_711_929_600_123);
}
