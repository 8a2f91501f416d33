namespace TrustedServer.Hosting.Observability;

/// <summary>A running byte count shared by a counting stream and its reader.</summary>
internal sealed class ByteCounter
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Add(int bytes) => Interlocked.Add(ref _count, bytes);
}
