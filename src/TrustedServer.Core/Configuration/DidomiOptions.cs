namespace TrustedServer.Core.Configuration;

/// <summary><c>[integrations.didomi]</c>: the Didomi CMP's SDK and API served first-party under <see cref="ProxyPath"/>.</summary>
public sealed record DidomiOptions
{
    /// <summary>The default <c>proxy_path</c>.</summary>
    public const string DefaultProxyPath = "/integrations/didomi/consent";

    /// <summary>The default <c>sdk_origin</c>.</summary>
    public static readonly Uri DefaultSdkOrigin = new("https://sdk.privacy-center.org/");

    /// <summary>The default <c>api_origin</c>.</summary>
    public static readonly Uri DefaultApiOrigin = new("https://api.privacy-center.org/");

    /// <summary><c>enabled</c>.</summary>
    public bool Enabled { get; init; }

    /// <summary><c>proxy_path</c>, normalised: a leading <c>/</c>, no trailing one (<c>/integrations/didomi/consent</c>).</summary>
    public string ProxyPath { get; init; } = DefaultProxyPath;

    /// <summary><c>sdk_origin</c>: where the SDK (<c>loader.js</c> and its chunks) comes from.</summary>
    public Uri SdkOrigin { get; init; } = DefaultSdkOrigin;

    /// <summary><c>api_origin</c>: where <c>{proxy_path}/api/*</c> goes.</summary>
    public Uri ApiOrigin { get; init; } = DefaultApiOrigin;
}
