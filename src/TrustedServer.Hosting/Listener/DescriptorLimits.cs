namespace TrustedServer.Hosting.Listener;

/// <summary>The process's descriptor limit (<c>ulimit -n</c>, after raising), how many were open when the listener was
/// configured, and the client connections that fit.</summary>
internal sealed record DescriptorLimits(ulong Limit, int Open, long ConnectionCap);
