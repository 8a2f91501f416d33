namespace TrustedServer.Hosting.Tests.Observability;

/// <summary>The <c>TrustedServer</c> meter is process-wide: counter checks run alone so no other test adds to them.</summary>
[CollectionDefinition(nameof(Serial), DisableParallelization = true)]
public sealed class Serial;
