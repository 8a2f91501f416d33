using System.Text;

namespace TrustedServer.Privacy.Tests.Consent;

/// <summary>Builds base64url bit strings by hand, for hostile and edge-case inputs the reference libraries refuse to encode.</summary>
internal sealed class BitStringBuilder
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private readonly StringBuilder _bits = new();

    public int Length => _bits.Length;

    public BitStringBuilder Int(long value, int bits)
    {
        for (var i = bits - 1; i >= 0; i--)
        {
            _bits.Append(((value >> i) & 1) == 1 ? '1' : '0');
        }

        return this;
    }

    public BitStringBuilder Bool(bool value) => Int(value ? 1 : 0, 1);

    public BitStringBuilder Fibonacci(int value)
    {
        var fib = new List<int> { 1, 2 };
        while (fib[^1] + fib[^2] <= value)
        {
            fib.Add(fib[^1] + fib[^2]);
        }

        var code = new char[fib.Count];
        Array.Fill(code, '0');
        var rest = value;
        for (var i = fib.Count - 1; i >= 0; i--)
        {
            if (fib[i] <= rest)
            {
                code[i] = '1';
                rest -= fib[i];
            }
        }

        var text = new string(code).TrimEnd('0');
        _bits.Append(text).Append('1');
        return this;
    }

    /// <summary>A minimal valid TCF v2 core segment up to (not including) the vendor consents vector.</summary>
    public static BitStringBuilder TcfCoreHeader(bool purpose1 = true, bool purpose4 = true, long lastUpdatedDs = 16_000_000_000)
    {
        var b = new BitStringBuilder()
            .Int(2, 6).Int(lastUpdatedDs, 36).Int(lastUpdatedDs, 36).Int(10, 12).Int(1, 12).Int(0, 6)
            .Int('E' - 'A', 6).Int('N' - 'A', 6).Int(100, 12).Int(4, 6).Bool(true).Bool(false).Int(0, 12);
        for (var p = 1; p <= 24; p++)
        {
            b.Bool((p == 1 && purpose1) || (p == 4 && purpose4));
        }

        return b.Int(0, 24).Bool(false).Int('D' - 'A', 6).Int('E' - 'A', 6);
    }

    /// <summary>A whole valid TC string with empty vendor vectors and no restrictions.</summary>
    public static string Tcf(bool purpose1 = true, bool purpose4 = true, long lastUpdatedDs = 16_000_000_000) =>
        TcfCoreHeader(purpose1, purpose4, lastUpdatedDs).Int(0, 16).Bool(false).Int(0, 16).Bool(false).Int(0, 12).ToBase64Url();

    public string ToBase64Url()
    {
        var bits = _bits.ToString();
        if (bits.Length % 6 != 0)
        {
            bits += new string('0', 6 - (bits.Length % 6));
        }

        var sb = new StringBuilder();
        for (var i = 0; i < bits.Length; i += 6)
        {
            sb.Append(Alphabet[Convert.ToInt32(bits.Substring(i, 6), 2)]);
        }

        return sb.ToString();
    }
}
