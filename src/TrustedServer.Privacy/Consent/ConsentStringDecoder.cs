using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace TrustedServer.Privacy.Consent;

/// <summary>Detects a consent string's kind and decodes it to JSON (what <c>trusted-server consent decode</c> prints).</summary>
public static class ConsentStringDecoder
{
    /// <summary>Detects the kind of consent string from its shape.</summary>
    public static ConsentStringKind Detect(ReadOnlySpan<char> input)
    {
        input = input.Trim();
        if (input.StartsWith("DB", StringComparison.Ordinal))
        {
            return ConsentStringKind.Gpp;
        }

        if (input.Length == 4 && char.IsAsciiDigit(input[0]))
        {
            return ConsentStringKind.UsPrivacy;
        }

        // Version 2 in the first 6 bits makes every TCF v2 string start with 'C'.
        return input.StartsWith("C", StringComparison.Ordinal) ? ConsentStringKind.Tcf : ConsentStringKind.Unknown;
    }

    /// <summary>Decodes a TCF v2, GPP or US Privacy string (detected automatically) and renders it as indented JSON.</summary>
    /// <param name="input">The consent string.</param>
    /// <param name="json">The decoded JSON, or null on failure.</param>
    /// <param name="error">Why decoding failed, or null on success.</param>
    /// <returns>True when the string was recognised and decoded.</returns>
    public static bool TryDecodeToJson(string input, [NotNullWhen(true)] out string? json, [NotNullWhen(false)] out string? error)
    {
        json = null;
        if (input is null)
        {
            error = "no input";
            return false;
        }

        var text = input.AsSpan().Trim();
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            switch (Detect(text))
            {
                case ConsentStringKind.Tcf:
                    if (!TcfDecoder.TryDecode(text, out var tcf, out error))
                    {
                        return false;
                    }

                    ConsentJsonWriter.WriteTcf(w, tcf);
                    break;
                case ConsentStringKind.Gpp:
                    if (!GppDecoder.TryDecode(text, out var gpp, out error))
                    {
                        return false;
                    }

                    ConsentJsonWriter.WriteGpp(w, gpp);
                    break;
                case ConsentStringKind.UsPrivacy:
                    if (!UsPrivacy.TryParse(text, out var usp, out error))
                    {
                        return false;
                    }

                    ConsentJsonWriter.WriteUsPrivacy(w, usp);
                    break;
                default:
                    error = "not a TCF v2, GPP or US Privacy string";
                    return false;
            }
        }

        json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        error = null;
        return true;
    }
}
