using System.Security.Cryptography;

namespace TrustedServer.Hosting.Tsjs;

/// <summary>One built browser bundle: its file name, bytes, content hash (the <c>?v=</c> value) and entity tag.</summary>
internal sealed class TsjsBundleFile
{
    public TsjsBundleFile(string name, byte[] content)
    {
        Name = name;
        Content = content;
        Hash = Convert.ToHexStringLower(SHA256.HashData(content));
        ETag = "\"sha256-" + Hash + "\"";
    }

    /// <summary>The file name, e.g. <c>tsjs-unified.min.js</c>.</summary>
    public string Name { get; }

    /// <summary>The bundle's bytes (UTF-8 JavaScript).</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/>.</summary>
    public string Hash { get; }

    /// <summary>The strong entity tag of the bundle.</summary>
    public string ETag { get; }
}
