using System.Text;
using System.Text.Json.Nodes;

namespace TrustedServer.Core.Auction.Providers.Aps;

/// <summary>
/// APS's HTTP exchange in Prebid Server's <c>debug.httpcalls</c> shape, for <c>[integrations.aps] debug</c>:
/// <c>{"debug":{"httpcalls":{"aps":[{uri, requestbody, requestheaders, status, responsebody, responseheaders}]}}}</c>.
/// Bodies are strings, header values arrays. An answer too large to read leaves <c>responsebody</c> out.
/// </summary>
internal static class ApsDebugCall
{
    public static JsonObject Metadata(Uri endpoint, ReadOnlySpan<byte> requestBody, ProviderHttpExchange exchange)
    {
        var call = new JsonObject
        {
            ["uri"] = endpoint.ToString(),
            ["requestbody"] = Encoding.UTF8.GetString(requestBody),
            ["requestheaders"] = Headers(exchange.RequestHeaders),
            ["status"] = exchange.Status,
        };
        if (exchange.Body is { } body)
        {
            call["responsebody"] = Encoding.UTF8.GetString(body);
        }

        call["responseheaders"] = Headers(exchange.ResponseHeaders);
        return new JsonObject { ["debug"] = new JsonObject { ["httpcalls"] = new JsonObject { ["aps"] = new JsonArray(call) } } };
    }

    /// <summary>The parser's own metadata (drop counts) with the debug exchange beside it.</summary>
    public static JsonObject Merge(JsonObject? metadata, JsonObject debug)
    {
        if (metadata is null)
        {
            return debug;
        }

        foreach (var (name, value) in debug.ToList())
        {
            debug.Remove(name);
            metadata[name] = value;
        }

        return metadata;
    }

    private static JsonObject Headers(IReadOnlyDictionary<string, string[]> headers)
    {
        var result = new JsonObject();
        foreach (var (name, values) in headers.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            result[name] = new JsonArray([.. values.Select(v => (JsonNode?)v)]);
        }

        return result;
    }
}
