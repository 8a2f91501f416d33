using TrustedServer.Core.Auction;

namespace TrustedServer.Hosting.Tests.AdSlots;

/// <summary>A provider with a bug: it throws an exception no provider is expected to throw, before or after awaiting.</summary>
internal sealed class ThrowingProvider(bool synchronously, string name = "prebid") : IAuctionProvider
{
    private int _calls;

    public string Name => name;

    public TimeSpan Timeout => TimeSpan.FromSeconds(2);

    public int Calls => Volatile.Read(ref _calls);

    public Task<ProviderResult> RequestBidsAsync(AuctionRequest request, TimeSpan budget, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (synchronously)
        {
            throw new KeyNotFoundException("a provider bug");
        }

        return ThrowLaterAsync(cancellationToken);
    }

    private static async Task<ProviderResult> ThrowLaterAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(20, cancellationToken);
        throw new ArgumentOutOfRangeException(nameof(cancellationToken), "a provider bug");
    }
}
