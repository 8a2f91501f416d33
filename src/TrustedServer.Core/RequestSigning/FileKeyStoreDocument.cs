using System.Text.Json.Serialization;

namespace TrustedServer.Core.RequestSigning;

/// <summary>The JSON of a file key store: <c>{"revision":n,"entries":{…}}</c>.</summary>
internal sealed record FileKeyStoreDocument
{
    [JsonPropertyName("revision")]
    public long Revision { get; init; }

    [JsonPropertyName("entries")]
    public Dictionary<string, string> Entries { get; init; } = [];
}
