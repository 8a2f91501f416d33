using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Auction;

/// <summary>One provider the configuration may name: whether its section enables it, and how to build it.</summary>
/// <param name="Name">The name used in <c>[auction] providers</c> and <c>mediator</c>.</param>
/// <param name="IsEnabled">Whether the provider's own section enables it.</param>
/// <param name="IsMediator">True for a mediator (named in <c>mediator</c>), false for a bidder (named in <c>providers</c>).</param>
/// <param name="Create">Builds the provider (an <see cref="IAuctionMediator"/> when <paramref name="IsMediator"/>, else an <see cref="IAuctionProvider"/>).</param>
public sealed record AuctionProviderRegistration(string Name, Func<AuctionOptions, bool> IsEnabled, bool IsMediator, Func<AuctionProviderContext, object> Create);
