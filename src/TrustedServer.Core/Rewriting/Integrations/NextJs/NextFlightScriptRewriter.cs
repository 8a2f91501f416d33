using System.Text;
using TrustedServer.Core.Rewriting.Flight;
using TrustedServer.Core.Rewriting.Publisher;

namespace TrustedServer.Core.Rewriting.Integrations.NextJs;

/// <summary>
/// App Router pages carry their React Server Components payload in inline scripts,
/// <c>self.__next_f.push([1,"…"])</c>, whose strings the browser concatenates into one Flight stream. This rewriter
/// takes every inline script in place of the publisher's URL mapping: a push script's string goes through one
/// <see cref="FlightRewriter"/> per page (JavaScript-string mode, text children kept), so a row that spans several
/// scripts is held until it is complete and its length stays right; its bytes come out in the script where the row
/// ends, which the concatenation makes equivalent. Any other script gets the publisher's mapping as before.
/// </summary>
public sealed class NextFlightScriptRewriter(int maxRowBytes) : IScriptTextRewriter
{
    /// <summary>The start of a push script with a text chunk, as Next.js writes it.</summary>
    internal static ReadOnlySpan<byte> Prefix => "self.__next_f.push([1,\""u8;

    /// <inheritdoc />
    public string Selector => "script";

    /// <inheritdoc />
    public bool ReplacesUrlMapping => true;

    /// <inheritdoc />
    public IBodyTransform? Begin(PublisherDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new NextFlightScriptSession(this, document);
    }

    /// <summary>The page's Flight rewriter, shared by all its push scripts.</summary>
    internal FlightRewriter FlightFor(PublisherDocument document) =>
        ExistingFlight(document) ?? document.State(this, () => new FlightRewriter(document.Mapper, FlightEncoding.JavaScriptString, maxRowBytes, keepTextChildren: true));

    /// <summary>The page's Flight rewriter if a push script has started it, else null.</summary>
    internal FlightRewriter? ExistingFlight(PublisherDocument document) => document.ExistingState<FlightRewriter>(this);

    /// <inheritdoc />
    public string? DocumentEnd(PublisherDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.ExistingState<FlightRewriter>(this) is not { } flight)
        {
            return null;
        }

        // Only a stream that ended inside a row leaves bytes held: they are pushed as they are, so nothing is lost.
        using var held = new PooledBufferWriter(256);
        flight.Finish(held);
        flight.Dispose();
        return held.WrittenCount == 0 ? null : "<script>self.__next_f.push([1,\"" + Encoding.UTF8.GetString(held.WrittenSpan) + "\"])</script>";
    }
}
