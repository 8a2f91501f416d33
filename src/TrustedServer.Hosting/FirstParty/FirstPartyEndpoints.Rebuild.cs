using System.Text.Json;
using TrustedServer.Core.SignedUrls;

namespace TrustedServer.Hosting.FirstParty;

/// <summary><c>/first-party/proxy-rebuild</c>: edits the query of a signed click URL and signs it again.</summary>
internal sealed partial class FirstPartyEndpoints
{
    public async Task RebuildAsync(HttpContext context)
    {
        if (signing.Signer is not { } signer)
        {
            await PlainText.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "first-party proxy not configured");
            return;
        }

        var request = context.Request;
        var isJson = HttpMethods.IsPost(request.Method) && !request.HasFormContentType;
        string? tsclick;
        string? addJson;
        string? delJson;
        if (isJson)
        {
            var body = await ReadBodyAsync(context);
            if (body is null)
            {
                return;
            }

            if (!TryReadRebuildJson(body, out tsclick, out addJson, out delJson))
            {
                await PlainText.WriteAsync(context, StatusCodes.Status400BadRequest, "invalid JSON body");
                return;
            }
        }
        else if (HttpMethods.IsPost(request.Method))
        {
            var form = await request.ReadFormAsync(context.RequestAborted);
            (tsclick, addJson, delJson) = (form["tsclick"].ToString(), form["add"].ToString(), form["del"].ToString());
        }
        else
        {
            (tsclick, addJson, delJson) = (request.Query["tsclick"].ToString(), request.Query["add"].ToString(), request.Query["del"].ToString());
        }

        var result = Rebuild(signer, tsclick, addJson, delJson);
        if (result.Error is { } error)
        {
            await PlainText.WriteAsync(context, result.Status, error);
            return;
        }

        if (!isJson)
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = result.Href;
            context.Response.Headers.CacheControl = "no-store, private";
            return;
        }

        await WriteJsonAsync(context, json =>
        {
            json.WriteString("href", result.Href);
            json.WriteString("base", result.Base);
            json.WriteStartObject("added");
            foreach (var (key, value) in result.Added)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteStartArray("removed");
            foreach (var key in result.Removed)
            {
                json.WriteStringValue(key);
            }

            json.WriteEndArray();
        });
    }

    /// <summary>The rebuild rules of the original: <c>add</c> never overwrites, neither touches the signing keys, the
    /// result is sorted by key and signed again.</summary>
    internal static RebuildResult Rebuild(FirstPartyUrlSigner signer, string? tsclick, string? addJson, string? delJson)
    {
        if (string.IsNullOrWhiteSpace(tsclick))
        {
            return RebuildResult.Fail(StatusCodes.Status400BadRequest, "missing tsclick");
        }

        var queryAt = tsclick.IndexOf('?', StringComparison.Ordinal);
        var path = queryAt < 0 ? tsclick : tsclick[..queryAt];
        if (Uri.TryCreate(path, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            path = absolute.AbsolutePath;
        }

        if (path != FirstPartyUrlSigner.ClickPath)
        {
            return RebuildResult.Fail(StatusCodes.Status400BadRequest, "tsclick must be a /first-party/click URL");
        }

        var verification = signer.Verify(queryAt < 0 ? string.Empty : tsclick[(queryAt + 1)..]);
        if (!verification.IsValid)
        {
            return RebuildResult.Fail(verification.HttpStatusCode, verification.Reason);
        }

        if (!TryParseAdd(addJson, out var add) || !TryParseDel(delJson, out var del))
        {
            return RebuildResult.Fail(StatusCodes.Status400BadRequest, "add must be a JSON object of strings and del a JSON array of strings");
        }

        var pairs = verification.Pairs.ToList();
        foreach (var key in add.Select(p => p.Key).Concat(del))
        {
            if (Reserved.Contains(key))
            {
                return RebuildResult.Fail(StatusCodes.Status400BadRequest, "tsurl, tstoken and tsexp cannot be edited");
            }
        }

        foreach (var (key, _) in add)
        {
            if (pairs.Exists(p => p.Key == key))
            {
                return RebuildResult.Fail(StatusCodes.Status400BadRequest, "add cannot overwrite an existing parameter");
            }
        }

        var removed = del.Where(key => pairs.Exists(p => p.Key == key)).Distinct().ToList();
        pairs.RemoveAll(p => del.Contains(p.Key));
        pairs.AddRange(add);
        var sorted = pairs.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var href = signer.BuildFromParts(verification.TsUrl!, sorted, FirstPartyRoute.Click);
        return new RebuildResult(StatusCodes.Status200OK, null, href, verification.TsUrl!, add, removed);
    }

    private static bool TryReadRebuildJson(byte[] body, out string? tsclick, out string? add, out string? del)
    {
        tsclick = add = del = null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            tsclick = root.TryGetProperty("tsclick", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            add = root.TryGetProperty("add", out var a) && a.ValueKind != JsonValueKind.Null ? a.GetRawText() : null;
            del = root.TryGetProperty("del", out var d) && d.ValueKind != JsonValueKind.Null ? d.GetRawText() : null;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryParseAdd(string? json, out List<KeyValuePair<string, string>> add)
    {
        add = [];
        if (string.IsNullOrWhiteSpace(json))
        {
            return true;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    return false;
                }

                add.Add(new(property.Name, property.Value.GetString()!));
            }

            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryParseDel(string? json, out List<string> del)
    {
        del = [];
        if (string.IsNullOrWhiteSpace(json))
        {
            return true;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            foreach (var item in doc.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    return false;
                }

                del.Add(item.GetString()!);
            }

            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    internal sealed record RebuildResult(
        int Status, string? Error, string Href, string Base, IReadOnlyList<KeyValuePair<string, string>> Added, IReadOnlyList<string> Removed)
    {
        public static RebuildResult Fail(int status, string error) => new(status, error, string.Empty, string.Empty, [], []);
    }
}
