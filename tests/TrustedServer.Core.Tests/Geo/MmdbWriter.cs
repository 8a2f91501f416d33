using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TrustedServer.Core.Tests.Geo;

/// <summary>
/// A minimal MaxMind DB (format 2.0) writer for tests, since no writer package is available offline: a binary search
/// tree with 24-bit records over IPv6 (IPv4 networks live under <c>::/96</c>, where readers look them up) or, with
/// <c>ipVersion</c> 4, over IPv4 only; a 16-byte separator; the data section (maps, arrays, UTF-8 strings and unsigned
/// integers; no pointers); and the metadata.
/// </summary>
internal sealed class MmdbWriter(int ipVersion = 6)
{
    private static readonly byte[] MetadataMarker = [0xAB, 0xCD, 0xEF, .. "MaxMind.com"u8];

    private readonly TrieNode _root = new();

    /// <summary>Maps <paramref name="network"/> (<c>192.0.2.0/24</c>, <c>2001:db8::/32</c>, or a single address) to <paramref name="data"/>.</summary>
    public MmdbWriter Add(string network, object data)
    {
        var slash = network.IndexOf('/', StringComparison.Ordinal);
        var address = IPAddress.Parse(slash < 0 ? network : network[..slash]);
        var v4 = address.AddressFamily == AddressFamily.InterNetwork;
        var prefix = slash < 0 ? (v4 ? 32 : 128) : int.Parse(network[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        if (ipVersion == 4 && !v4)
        {
            throw new ArgumentException("an IPv4 database holds IPv4 networks only", nameof(network));
        }

        var bytes = new byte[16];
        var offset = v4 && ipVersion == 6 ? 12 : 0;
        address.GetAddressBytes().CopyTo(bytes, offset);
        var bits = (offset * 8) + prefix;

        var node = _root;
        for (var i = 0; i < bits; i++)
        {
            var bit = (bytes[i / 8] >> (7 - (i % 8))) & 1;
            if (i == bits - 1)
            {
                node.Children[bit] = new Leaf(data);
                break;
            }

            node = node.Children[bit] switch
            {
                TrieNode next => next,
                null => (TrieNode)(node.Children[bit] = new TrieNode()),
                _ => throw new InvalidOperationException($"{network} lies inside a network already mapped"),
            };
        }

        return this;
    }

    /// <summary>A GeoIP2 City-shaped record: <c>country.iso_code</c> and, when given, <c>subdivisions[0].iso_code</c>.</summary>
    public static Dictionary<string, object> City(string country, string? subdivision = null)
    {
        var record = new Dictionary<string, object>
        {
            ["country"] = new Dictionary<string, object> { ["iso_code"] = country, ["names"] = new Dictionary<string, object> { ["en"] = country } },
        };
        if (subdivision is not null)
        {
            record["subdivisions"] = new List<object> { new Dictionary<string, object> { ["iso_code"] = subdivision } };
        }

        return record;
    }

    /// <summary>The whole file.</summary>
    public byte[] Build(string databaseType = "GeoIP2-City")
    {
        // Number the nodes breadth-first; the root must be node 0.
        var nodes = new List<TrieNode>();
        var ids = new Dictionary<TrieNode, int>(ReferenceEqualityComparer.Instance);
        var queue = new Queue<TrieNode>([_root]);
        while (queue.TryDequeue(out var node))
        {
            ids[node] = nodes.Count;
            nodes.Add(node);
            foreach (var child in node.Children)
            {
                if (child is TrieNode n)
                {
                    queue.Enqueue(n);
                }
            }
        }

        var data = new MemoryStream();
        var offsets = new Dictionary<Leaf, long>(ReferenceEqualityComparer.Instance);
        var nodeCount = nodes.Count;
        var tree = new byte[nodeCount * 6];
        for (var i = 0; i < nodeCount; i++)
        {
            for (var side = 0; side < 2; side++)
            {
                long record = nodes[i].Children[side] switch
                {
                    TrieNode n => ids[n],
                    Leaf leaf => nodeCount + 16 + Offset(leaf),
                    _ => nodeCount,
                };
                if (record >= 1 << 24)
                {
                    throw new InvalidOperationException("too large for 24-bit records");
                }

                var at = (i * 6) + (side * 3);
                tree[at] = (byte)(record >> 16);
                tree[at + 1] = (byte)(record >> 8);
                tree[at + 2] = (byte)record;
            }
        }

        long Offset(Leaf leaf)
        {
            if (!offsets.TryGetValue(leaf, out var offset))
            {
                offset = data.Length;
                Encode(data, leaf.Data);
                offsets[leaf] = offset;
            }

            return offset;
        }

        var file = new MemoryStream();
        file.Write(tree);
        file.Write(new byte[16]);
        data.Position = 0;
        data.CopyTo(file);
        file.Write(MetadataMarker);
        Encode(file, new Dictionary<string, object>
        {
            ["binary_format_major_version"] = (ushort)2,
            ["binary_format_minor_version"] = (ushort)0,
            ["build_epoch"] = (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["database_type"] = databaseType,
            ["description"] = new Dictionary<string, object> { ["en"] = "Trusted Server test database" },
            ["ip_version"] = (ushort)ipVersion,
            ["languages"] = new List<object> { "en" },
            ["node_count"] = (uint)nodeCount,
            ["record_size"] = (ushort)24,
        });
        return file.ToArray();
    }

    /// <summary>Writes the file to a fresh temporary path and returns it; the caller deletes it.</summary>
    public string WriteTempFile(string databaseType = "GeoIP2-City")
    {
        var path = Path.Combine(Path.GetTempPath(), "ts-geo-" + Guid.NewGuid().ToString("N") + ".mmdb");
        File.WriteAllBytes(path, Build(databaseType));
        return path;
    }

    private static void Encode(Stream output, object value)
    {
        switch (value)
        {
            case string text:
                var utf8 = Encoding.UTF8.GetBytes(text);
                Control(output, 2, utf8.Length);
                output.Write(utf8);
                break;
            case IDictionary<string, object> map:
                Control(output, 7, map.Count);
                foreach (var (key, item) in map)
                {
                    Encode(output, key);
                    Encode(output, item);
                }

                break;
            case IList<object> array:
                Control(output, 11, array.Count);
                foreach (var item in array)
                {
                    Encode(output, item);
                }

                break;
            case ushort u16:
                Unsigned(output, 5, u16);
                break;
            case uint u32:
                Unsigned(output, 6, u32);
                break;
            case ulong u64:
                Unsigned(output, 9, u64);
                break;
            default:
                throw new NotSupportedException(value.GetType().Name);
        }
    }

    private static void Unsigned(Stream output, int type, ulong value)
    {
        var length = 0;
        for (var v = value; v != 0; v >>= 8)
        {
            length++;
        }

        Control(output, type, length);
        for (var i = length - 1; i >= 0; i--)
        {
            output.WriteByte((byte)(value >> (i * 8)));
        }
    }

    // Control byte: three type bits (0 = extended, type in the next byte as type - 7) and five size bits, where 29, 30
    // and 31 mean the size continues in one, two or three more bytes.
    private static void Control(Stream output, int type, int size)
    {
        var (sizeBits, extra) = size switch
        {
            < 29 => (size, Array.Empty<byte>()),
            < 285 => (29, [(byte)(size - 29)]),
            < 65_821 => (30, [(byte)((size - 285) >> 8), (byte)(size - 285)]),
            _ => (31, new[] { (byte)((size - 65_821) >> 16), (byte)((size - 65_821) >> 8), (byte)(size - 65_821) }),
        };
        output.WriteByte((byte)(((type <= 7 ? type : 0) << 5) | sizeBits));
        if (type > 7)
        {
            output.WriteByte((byte)(type - 7));
        }

        output.Write(extra);
    }

    private sealed class TrieNode
    {
        public object?[] Children { get; } = new object?[2];
    }

    private sealed record Leaf(object Data);
}
