using System.Buffers;
using System.Text;

namespace TrustedServer.Core.Rewriting.Urls;

/// <summary>
/// Maps origin URLs to first-party URLs for one request, in one pass over bytes: <c>https://ORIGIN</c> and
/// <c>http://ORIGIN</c> become <c>REQUEST_SCHEME://REQUEST_HOST</c>, <c>//ORIGIN</c> stays protocol-relative, the
/// JSON-escaped <c>https:\/\/ORIGIN</c> and <c>\/\/ORIGIN</c> keep their escaping, and (in URL-bearing attribute
/// values only) a bare <c>ORIGIN</c> at the very start is mapped too. The host matches case-insensitively and only as
/// a whole authority; output is never re-scanned.
/// </summary>
public sealed class UrlMapper
{
    // Where a sampled URL ends in markup, CSS, scripts and JSON; a sample is cut at this many bytes after the host.
    private const int MaxSampleTail = 200;
    private static readonly SearchValues<byte> SampleEnd = SearchValues.Create(" \t\r\n\f\"'<>()`"u8);

    private readonly HostPattern[] _patterns;
    private readonly byte[][] _absolute;
    private readonly byte[][] _relative;
    private readonly byte[][] _absoluteEscaped;
    private readonly byte[][] _relativeEscaped;
    private readonly byte[][] _bare;
    private List<MappedUrl>? _samples;
    private int _sampleLimit;

    /// <summary>Creates the mapper for one request.</summary>
    /// <param name="settings">The compiled configuration.</param>
    /// <param name="requestScheme"><c>http</c> or <c>https</c>: the scheme the client used.</param>
    /// <param name="requestHost">The request host with its port if any (ASCII, as in the <c>Host</c> header).</param>
    /// <exception cref="ArgumentException">The scheme is not http(s) or the host is empty or not ASCII.</exception>
    public UrlMapper(UrlMapperSettings settings, string requestScheme, string requestHost)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var forms = settings.FormsFor(requestScheme, requestHost);
        Settings = settings;
        RequestScheme = forms.Scheme;
        RequestHost = forms.Host;
        _patterns = settings.Patterns;
        _absolute = forms.Absolute;
        _relative = forms.Relative;
        _absoluteEscaped = forms.AbsoluteEscaped;
        _relativeEscaped = forms.RelativeEscaped;
        _bare = forms.Bare;
    }

    /// <summary>The compiled configuration.</summary>
    public UrlMapperSettings Settings { get; }

    /// <summary>The request scheme, lower case.</summary>
    public string RequestScheme { get; }

    /// <summary>The request host with its port.</summary>
    public string RequestHost { get; }

    /// <summary>
    /// Maps one whole attribute value. Absolute, protocol-relative and escaped forms are mapped anywhere in it; when
    /// <paramref name="urlBearing"/> a bare origin host at the very start is mapped too. Writes the mapped value to
    /// <paramref name="output"/> and returns true only when something changed; otherwise writes nothing and
    /// allocates nothing.
    /// </summary>
    public bool TryMapAttributeValue(ReadOnlySpan<byte> value, bool urlBearing, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!urlBearing && value.IndexOfAny(UrlSyntax.Triggers) < 0)
        {
            return false;
        }

        var lastMatchEnd = -1;
        var emitted = Scan(value, 0, ref lastMatchEnd, final: true, bareAtStart: urlBearing, output, out _, out var matches);
        if (matches == 0)
        {
            return false;
        }

        output.Write(value[emitted..]);
        return true;
    }

    /// <summary>String form of <see cref="TryMapAttributeValue"/>: returns <paramref name="value"/> itself when nothing changes.</summary>
    public string MapAttributeValue(string value, bool urlBearing)
    {
        ArgumentNullException.ThrowIfNull(value);
        return MapString(value, urlBearing);
    }

    /// <summary>
    /// Maps every absolute, protocol-relative and escaped form in a whole text (a header value, a small document);
    /// the bare form is not mapped. Returns <paramref name="text"/> itself when nothing changes. Non-ASCII characters
    /// are carried through unchanged.
    /// </summary>
    public string MapText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return MapString(text, bareAtStart: false);
    }

    /// <summary>How many URLs this mapper has mapped so far (for metrics and <c>explain</c>).</summary>
    public long MappedCount { get; private set; }

    /// <summary>The first distinct URLs mapped, once <see cref="KeepSamples"/> asked for them; empty otherwise.</summary>
    public IReadOnlyList<MappedUrl> Samples => (IReadOnlyList<MappedUrl>?)_samples ?? [];

    /// <summary>
    /// Keeps the first <paramref name="limit"/> distinct mappings (the URL as the origin wrote it and its first-party
    /// form) for <c>explain</c>. Off by default: the normal path keeps nothing.
    /// </summary>
    public void KeepSamples(int limit)
    {
        _sampleLimit = limit;
        _samples ??= [];
    }

    /// <summary>Creates a streaming transform for CSS, JavaScript, JSON, XML and text bodies.</summary>
    public UrlRewriteTransform CreateTransform() => new(this);

    /// <summary>
    /// Scans <paramref name="buffer"/> from <paramref name="start"/> (bytes before it are already emitted context,
    /// used only to look behind). Writes everything up to the last match to <paramref name="output"/> and returns
    /// that position; <paramref name="safeEnd"/> is how far the caller may copy unchanged, the rest must wait for
    /// more input unless <paramref name="final"/>. <paramref name="lastMatchEnd"/> carries where the previous match
    /// ended (in buffer coordinates) across calls.
    /// </summary>
    internal int Scan(
        ReadOnlySpan<byte> buffer,
        int start,
        ref int lastMatchEnd,
        bool final,
        bool bareAtStart,
        IBufferWriter<byte> output,
        out int safeEnd,
        out int matches)
    {
        matches = 0;
        var emitted = start;
        var i = start;
        if (bareAtStart && start == 0)
        {
            for (var k = 0; k < _patterns.Length; k++)
            {
                if (UrlSyntax.MatchAuthority(buffer, 0, _patterns[k], final, out var end) == MatchOutcome.Match)
                {
                    if (_samples is not null)
                    {
                        Sample(buffer, 0, end, _bare[k]);
                    }

                    output.Write(_bare[k]);
                    emitted = i = lastMatchEnd = end;
                    matches++;
                    break;
                }
            }
        }

        var candidates = new SeparatorCandidates(buffer);
        while (i < buffer.Length)
        {
            var p = candidates.Next(i);
            if (p < 0)
            {
                break;
            }

            var outcome = MatchAt(buffer, p, lastMatchEnd, final, out var matchStart, out var matchEnd, out var replacement);
            if (outcome == MatchOutcome.NeedMore)
            {
                safeEnd = Math.Max(emitted, p - UrlSyntax.SchemeLookback);
                MappedCount += matches;
                return emitted;
            }

            if (outcome == MatchOutcome.Match && matchStart >= emitted)
            {
                if (_samples is not null)
                {
                    Sample(buffer, matchStart, matchEnd, replacement);
                }

                output.Write(buffer[emitted..matchStart]);
                output.Write(replacement);
                emitted = i = lastMatchEnd = matchEnd;
                matches++;
                continue;
            }

            i = p + 1;
        }

        safeEnd = final ? buffer.Length : Math.Max(emitted, buffer.Length - UrlSyntax.SchemeLookback);
        MappedCount += matches;
        return emitted;
    }

    private MatchOutcome MatchAt(
        ReadOnlySpan<byte> buffer,
        int p,
        int lastMatchEnd,
        bool final,
        out int matchStart,
        out int matchEnd,
        out ReadOnlySpan<byte> replacement)
    {
        matchStart = matchEnd = 0;
        replacement = default;
        var escaped = buffer[p] == (byte)'\\';
        var outcome = UrlSyntax.MatchExact(buffer, p, escaped ? UrlSyntax.EscapedSeparator : UrlSyntax.Separator, final, out var authority);
        if (outcome != MatchOutcome.Match)
        {
            return outcome;
        }

        // Right after a mapped authority, "//" is a path, not another authority.
        if (p == lastMatchEnd)
        {
            return MatchOutcome.NoMatch;
        }

        var schemeLength = UrlSyntax.SchemeBefore(buffer, p, Math.Max(0, lastMatchEnd));
        if (schemeLength < 0)
        {
            return MatchOutcome.NoMatch;
        }

        for (var k = 0; k < _patterns.Length; k++)
        {
            outcome = UrlSyntax.MatchAuthority(buffer, authority, _patterns[k], final, out var end);
            if (outcome == MatchOutcome.NeedMore)
            {
                return outcome;
            }

            if (outcome == MatchOutcome.Match)
            {
                matchStart = p - schemeLength;
                matchEnd = end;
                replacement = (schemeLength > 0, escaped) switch
                {
                    (true, false) => _absolute[k],
                    (true, true) => _absoluteEscaped[k],
                    (false, false) => _relative[k],
                    (false, true) => _relativeEscaped[k],
                };
                return outcome;
            }
        }

        return MatchOutcome.NoMatch;
    }

    /// <summary>Records one mapping: the matched origin prefix and the rest of its URL, up to a delimiter or the buffer's end.</summary>
    private void Sample(ReadOnlySpan<byte> buffer, int matchStart, int matchEnd, ReadOnlySpan<byte> replacement)
    {
        if (_samples is null || _samples.Count >= _sampleLimit)
        {
            return;
        }

        var rest = buffer[matchEnd..];
        var end = rest.IndexOfAny(SampleEnd);
        rest = rest[..Math.Min(end < 0 ? rest.Length : end, MaxSampleTail)];
        var tail = Encoding.UTF8.GetString(rest);
        var sample = new MappedUrl(Encoding.UTF8.GetString(buffer[matchStart..matchEnd]) + tail, Encoding.UTF8.GetString(replacement) + tail);
        if (!_samples.Contains(sample))
        {
            _samples.Add(sample);
        }
    }

    private string MapString(string value, bool bareAtStart)
    {
        if (!bareAtStart && value.AsSpan().IndexOfAny('/', '\\') < 0)
        {
            return value;
        }

        // Latin-1 maps chars below 256 to bytes one to one; anything above is replaced by '?', which cannot be part of
        // a match, and is restored from the original afterwards only if nothing changed.
        var bytes = Encoding.Latin1.GetBytes(value);
        var output = new ArrayBufferWriter<byte>(bytes.Length + 32);
        var lastMatchEnd = -1;
        var emitted = Scan(bytes, 0, ref lastMatchEnd, final: true, bareAtStart, output, out _, out var matches);
        if (matches == 0)
        {
            return value;
        }

        if (!Latin1Safe(value))
        {
            return MapWide(value, bareAtStart);
        }

        output.Write(bytes.AsSpan(emitted));
        return Encoding.Latin1.GetString(output.WrittenSpan);
    }

    // A value with characters above U+00FF: map it as UTF-8 so those characters survive.
    private string MapWide(string value, bool bareAtStart)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var output = new ArrayBufferWriter<byte>(bytes.Length + 32);
        var lastMatchEnd = -1;
        var emitted = Scan(bytes, 0, ref lastMatchEnd, final: true, bareAtStart, output, out _, out _);
        output.Write(bytes.AsSpan(emitted));
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static bool Latin1Safe(string value)
    {
        foreach (var c in value)
        {
            if (c > '\u00FF')
            {
                return false;
            }
        }

        return true;
    }
}
