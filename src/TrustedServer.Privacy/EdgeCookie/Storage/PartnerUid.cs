using System.Text;

namespace TrustedServer.Privacy.EdgeCookie.Storage;

/// <summary>A partner's user ID for an identity.</summary>
/// <param name="Uid">The partner's ID, at most <see cref="MaxBytes"/> UTF-8 bytes.</param>
public sealed record PartnerUid(string Uid)
{
    /// <summary>The longest UID accepted, in UTF-8 bytes.</summary>
    public const int MaxBytes = 512;

    /// <summary>Whether <paramref name="uid"/> is non-empty and within <see cref="MaxBytes"/>.</summary>
    public static bool IsValid(string? uid) =>
        !string.IsNullOrEmpty(uid) && uid.Length <= MaxBytes && Encoding.UTF8.GetByteCount(uid) <= MaxBytes;
}
