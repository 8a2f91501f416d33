using System.Globalization;
using System.Text;
using TrustedServer.Core.Auction;
using TrustedServer.Core.Auction.OpenRtb;

namespace TrustedServer.Hosting.Auction;

/// <summary>
/// What an auction did, kept as a request feature by <c>POST /auction</c> so that the request's one log line reports
/// it: providers called (with their outcome), winners and time. The strings are built only when the line is written.
/// </summary>
internal sealed class AuctionLogEntry
{
    private readonly AuctionResult? _result;
    private readonly BidResponse? _document;

    private AuctionLogEntry(string auctionId, string outcome, AuctionResult? result, BidResponse? document)
    {
        AuctionId = auctionId;
        Outcome = outcome;
        _result = result;
        _document = document;
    }

    /// <summary>The auction's id (the answer's <c>id</c>).</summary>
    public string AuctionId { get; }

    /// <summary><c>bid</c>, <c>no_bid</c>, or why it did not run: <c>no_consent</c>, <c>disabled</c>, <c>error</c>.</summary>
    public string Outcome { get; }

    /// <summary>True when the providers were called.</summary>
    public bool Ran => _result is not null;

    /// <summary>Total bids received.</summary>
    public int Bids => _result?.TotalBids ?? 0;

    /// <summary>The auction's wall time in ms.</summary>
    public double TimeMs => _result is null ? 0 : Math.Round(_result.TimeMs, 1);

    public static AuctionLogEntry Completed(string auctionId, AuctionResult result, BidResponse document) =>
        new(auctionId, document.Seatbid is { Count: > 0 } ? "bid" : "no_bid", result, document);

    public static AuctionLogEntry NotRun(string auctionId, string outcome) => new(auctionId, outcome, null, null);

    /// <summary><c>name:outcome</c> per provider (and the mediator), comma-separated.</summary>
    public string Providers()
    {
        if (_result is null)
        {
            return "none";
        }

        var text = new StringBuilder();
        foreach (var provider in _result.Providers)
        {
            Append(text, provider);
        }

        if (_result.Mediator is { } mediator)
        {
            Append(text, mediator);
        }

        return text.Length == 0 ? "none" : text.ToString();
    }

    /// <summary><c>slot=seat@price</c> (the price when the bid has a clear one) per winning slot, comma-separated.</summary>
    public string Winners()
    {
        if (_document?.Seatbid is not { Count: > 0 } seats)
        {
            return "none";
        }

        var text = new StringBuilder();
        foreach (var seat in seats)
        {
            if (seat.Bid is not { Count: > 0 } bids)
            {
                continue;
            }

            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(bids[0].Impid).Append('=').Append(seat.Seat);
            if (bids[0].Price is { } price)
            {
                text.Append('@').Append(price.ToString("0.00##", CultureInfo.InvariantCulture));
            }
        }

        return text.Length == 0 ? "none" : text.ToString();
    }

    private static void Append(StringBuilder text, ProviderReport provider)
    {
        if (text.Length > 0)
        {
            text.Append(',');
        }

        text.Append(provider.Name).Append(':').Append(AuctionTelemetry.Label(provider.Outcome));
    }
}
