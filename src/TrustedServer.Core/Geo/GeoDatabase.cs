using System.Diagnostics.CodeAnalysis;
using System.Net;
using MaxMind.Db;

namespace TrustedServer.Core.Geo;

/// <summary>
/// A MaxMind DB file in the GeoIP2/GeoLite2 City or Country layout (<c>country.iso_code</c>,
/// <c>subdivisions[0].iso_code</c>), memory-mapped once and shared by every request: the reader is thread-safe and
/// opening it is the expensive part. Lookups never throw; an address the file does not cover has no location.
/// </summary>
public sealed class GeoDatabase : IDisposable
{
    // MaxMind products in the same format that carry no country: accepting one would silently make every visitor unknown.
    // Combined products such as GeoIP2-City-ISP-Org do carry countries.
    private static readonly string[] NonLocationTypes = ["ASN", "ISP", "Domain", "Connection-Type", "Anonymous-IP", "IP-Risk"];
    private static readonly string[] LocationTypes = ["City", "Country", "Enterprise"];

    private readonly Reader _reader;

    private GeoDatabase(Reader reader) => _reader = reader;

    /// <summary>The file's <c>database_type</c>, e.g. <c>GeoLite2-City</c>.</summary>
    public string DatabaseType => _reader.Metadata.DatabaseType;

    /// <summary>Opens <paramref name="path"/>; on failure <paramref name="problem"/> says what is wrong, for a config error.</summary>
    public static bool TryOpen(string path, [NotNullWhen(true)] out GeoDatabase? database, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(path);
        database = null;
        if (!File.Exists(path))
        {
            problem = $"file \"{path}\" does not exist";
            return false;
        }

        Reader? reader = null;
        try
        {
            reader = new Reader(path, FileAccessMode.MemoryMapped);
            var ipVersion = reader.Metadata.IPVersion;
            if (ipVersion is not (4 or 6))
            {
                reader.Dispose();
                problem = $"\"{path}\" has ip_version {ipVersion}; a MaxMind DB has 4 or 6";
                return false;
            }

            var type = reader.Metadata.DatabaseType;
            if (Array.Exists(NonLocationTypes, t => type.Contains(t, StringComparison.OrdinalIgnoreCase))
                && !Array.Exists(LocationTypes, t => type.Contains(t, StringComparison.OrdinalIgnoreCase)))
            {
                reader.Dispose();
                problem = $"\"{path}\" is a {type} database, which has no countries; use a City or Country database";
                return false;
            }

            database = new GeoDatabase(reader);
            problem = null;
            return true;
        }
        catch (Exception ex) when (ex is InvalidDatabaseException or DeserializationException or IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or NotSupportedException or OverflowException or IndexOutOfRangeException)
        {
            reader?.Dispose();
            problem = $"\"{path}\" is not a valid MaxMind DB (.mmdb) file: {ex.Message}";
            return false;
        }
    }

    /// <summary>Opens <paramref name="path"/> at startup.</summary>
    /// <exception cref="InvalidOperationException">The file is missing or not a valid MaxMind DB; the message names <c>geo.database</c>.</exception>
    public static GeoDatabase Open(string path) =>
        TryOpen(path, out var database, out var problem) ? database : throw new InvalidOperationException("geo.database: " + problem);

    /// <summary>The country (and first subdivision) of <paramref name="address"/>, or null when the file has no country for it.</summary>
    public GeoLocation? Lookup(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        CityRecord? record;
        try
        {
            record = _reader.Find<CityRecord>(address);
        }
        catch (Exception ex) when (ex is InvalidDatabaseException or DeserializationException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            // An IPv6 address in an IPv4-only file, or a corrupt record: unknown, which the consent rules fail closed on.
            return null;
        }

        var country = record?.Country?.IsoCode;
        if (string.IsNullOrWhiteSpace(country))
        {
            return null;
        }

        var region = record!.Subdivisions is [{ IsoCode: { Length: > 0 } code }, ..] ? code : null;
        return new GeoLocation(country, region);
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();

    /// <summary>The part of a GeoIP2 City/Country record the consent rules need.</summary>
    internal sealed class CityRecord
    {
        [MapKey("country")]
        public NamedRecord? Country { get; init; }

        [MapKey("subdivisions")]
        public List<NamedRecord>? Subdivisions { get; init; }
    }

    /// <summary>A country or subdivision entry.</summary>
    internal sealed class NamedRecord
    {
        [MapKey("iso_code")]
        public string? IsoCode { get; init; }
    }
}
