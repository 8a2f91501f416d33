namespace TrustedServer.Core.Configuration;

/// <summary>The kinds of identity store <c>[ec] store</c> can name.</summary>
public enum IdentityStoreKind
{
    /// <summary>In this process only.</summary>
    Memory,

    /// <summary>A JSON-lines file on local disk.</summary>
    File,

    /// <summary>A Redis server shared between instances.</summary>
    Redis,
}
