using System.Net;

namespace TrustedServer.Hosting.Observability;

/// <summary>Wraps the origin's content so every reader (YARP's copy, our streaming) is counted; headers are copied.</summary>
internal sealed class CountingContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly ByteCounter _counter;

    public CountingContent(HttpContent inner, ByteCounter counter)
    {
        _inner = inner;
        _counter = counter;
        // The raw values, as the origin sent them: enumerating the validated view would parse every header and format
        // it back (dates, lengths, media types) on every response.
        foreach (var header in inner.Headers.NonValidated)
        {
            foreach (var value in header.Value)
            {
                Headers.TryAddWithoutValidation(header.Key, value);
            }
        }
    }

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        new CountingStream(await _inner.ReadAsStreamAsync(cancellationToken), _counter, leaveOpen: false);

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using var source = await CreateContentReadStreamAsync(cancellationToken);
        await source.CopyToAsync(stream, cancellationToken);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
