using System.Text;

namespace TrustedServer.Browser.Tests.Infrastructure;

/// <summary>TCF v2 consent strings as a CMP would leave them in <c>euconsent-v2</c>.</summary>
internal static class ConsentStrings
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>A valid TCF v2 core string, last updated now, with purpose 1 (storage) consented or not, and purpose 4.</summary>
    public static string Tcf(bool purpose1)
    {
        var ds = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 100;
        var bits = new StringBuilder();
        void Int(long value, int n)
        {
            for (var i = n - 1; i >= 0; i--)
            {
                bits.Append(((value >> i) & 1) == 1 ? '1' : '0');
            }
        }

        Int(2, 6); // version
        Int(ds, 36); // created
        Int(ds, 36); // last updated
        Int(10, 12); // CMP id
        Int(1, 12); // CMP version
        Int(0, 6); // consent screen
        Int('E' - 'A', 6); // consent language "EN"
        Int('N' - 'A', 6);
        Int(100, 12); // vendor list version
        Int(4, 6); // policy version
        Int(1, 1); // service specific
        Int(0, 1); // non-standard stacks
        Int(0, 12); // special feature opt-ins
        for (var p = 1; p <= 24; p++)
        {
            Int((p == 1 && purpose1) || p == 4 ? 1 : 0, 1);
        }

        Int(0, 24); // legitimate interests
        Int(0, 1); // no purpose one treatment
        Int('D' - 'A', 6); // publisher country "DE"
        Int('E' - 'A', 6);
        Int(0, 16); // vendor consents: max id 0
        Int(0, 1);
        Int(0, 16); // vendor legitimate interests: max id 0
        Int(0, 1);
        Int(0, 12); // publisher restrictions
        while (bits.Length % 6 != 0)
        {
            bits.Append('0');
        }

        var text = bits.ToString();
        var result = new StringBuilder(text.Length / 6);
        for (var i = 0; i < text.Length; i += 6)
        {
            result.Append(Alphabet[Convert.ToInt32(text.Substring(i, 6), 2)]);
        }

        return result.ToString();
    }
}
