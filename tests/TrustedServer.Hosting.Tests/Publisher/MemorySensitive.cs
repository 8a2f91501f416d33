namespace TrustedServer.Hosting.Tests.Publisher;

/// <summary>Tests that measure the process's managed heap run alone, so other tests' allocations do not count.</summary>
[CollectionDefinition(nameof(MemorySensitive), DisableParallelization = true)]
public sealed class MemorySensitive;
