namespace TrustedServer.Core.Rewriting.Compression;

/// <summary>A <c>Content-Encoding</c> this server can decode and re-encode.</summary>
public enum ContentCoding
{
    /// <summary>No coding (absent header or <c>identity</c>).</summary>
    Identity,

    /// <summary><c>gzip</c>, possibly multi-member.</summary>
    Gzip,

    /// <summary><c>deflate</c>: zlib-wrapped as HTTP specifies, raw deflate accepted on input.</summary>
    Deflate,

    /// <summary><c>br</c>.</summary>
    Brotli,
}
