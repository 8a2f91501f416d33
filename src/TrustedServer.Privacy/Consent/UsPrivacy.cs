using System.Diagnostics.CodeAnalysis;

namespace TrustedServer.Privacy.Consent;

/// <summary>A decoded IAB US Privacy (CCPA) string such as <c>1YNN</c>.</summary>
/// <param name="Version">Specification version (1).</param>
/// <param name="NoticeGiven">Explicit notice given.</param>
/// <param name="OptOutSale">The user opted out of sale.</param>
/// <param name="LspaCovered">The transaction is covered by the LSPA.</param>
public sealed record UsPrivacy(int Version, PrivacyIndicator NoticeGiven, PrivacyIndicator OptOutSale, PrivacyIndicator LspaCovered)
{
    /// <summary>Parses a 4-character US Privacy string (version 1 only).</summary>
    public static bool TryParse(ReadOnlySpan<char> input, [NotNullWhen(true)] out UsPrivacy? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        if (input.Length != 4)
        {
            error = "US Privacy string must be 4 characters";
            return false;
        }

        if (input[0] != '1')
        {
            error = "unsupported US Privacy version";
            return false;
        }

        if (!TryFlag(input[1], out var notice) || !TryFlag(input[2], out var optOut) || !TryFlag(input[3], out var lspa))
        {
            error = "US Privacy flags must be Y, N or -";
            return false;
        }

        value = new UsPrivacy(1, notice, optOut, lspa);
        error = null;
        return true;
    }

    /// <summary>The canonical 4-character form, e.g. <c>1YYN</c>.</summary>
    public override string ToString() => string.Create(4, this, static (span, u) =>
    {
        span[0] = (char)('0' + u.Version);
        span[1] = Char(u.NoticeGiven);
        span[2] = Char(u.OptOutSale);
        span[3] = Char(u.LspaCovered);
    });

    internal static char Char(PrivacyIndicator f) => f switch
    {
        PrivacyIndicator.Yes => 'Y',
        PrivacyIndicator.No => 'N',
        _ => '-',
    };

    private static bool TryFlag(char c, out PrivacyIndicator flag)
    {
        flag = (c | 0x20) switch
        {
            'y' => PrivacyIndicator.Yes,
            'n' => PrivacyIndicator.No,
            _ => PrivacyIndicator.NotApplicable,
        };
        return c is 'Y' or 'y' or 'N' or 'n' or '-';
    }
}
