using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Auction;

/// <summary>
/// A loopback stand-in for Prebid Server, APS or a mediator: answers each POST with a scripted status, body and
/// delay (or a generated body of a given size), and records every request it got.
/// </summary>
internal sealed class FakeBidder : IAsyncDisposable
{
    private readonly OriginServer _server;

    private FakeBidder(OriginServer server, ConcurrentQueue<RecordedRequest> log)
    {
        _server = server;
        Requests = log;
    }

    public Uri Url => new(_server.Url, "/bid");

    public ConcurrentQueue<RecordedRequest> Requests { get; }

    public RecordedRequest Single => Assert.Single(Requests);

    public static async Task<FakeBidder> StartAsync(Func<RecordedRequest, FakeAnswer> script)
    {
        var log = new ConcurrentQueue<RecordedRequest>();
        var server = await OriginServer.StartAsync(async context =>
        {
            Stream body = context.Request.Body;
            if (context.Request.Headers.ContentEncoding == "gzip")
            {
                body = new GZipStream(body, CompressionMode.Decompress);
            }

            using var reader = new StreamReader(body, Encoding.UTF8);
            var text = await reader.ReadToEndAsync(context.RequestAborted);
            var recorded = new RecordedRequest(
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                text);
            log.Enqueue(recorded);
            var answer = script(recorded);
            if (answer.Delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(answer.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = "application/json";
            if (answer.GeneratedBytes is { } size)
            {
                await Bodies.WriteAsync(context.Response.Body, size, 7, context.RequestAborted);
            }
            else if (answer.Body is { } json)
            {
                await context.Response.WriteAsync(json, context.RequestAborted);
            }
        });
        return new FakeBidder(server, log);
    }

    /// <summary>An OpenRTB answer with one seat per bid.</summary>
    public static string Response(string id, params (string Imp, double Price, string Seat, string? Adm)[] bids)
    {
        var seats = new JsonArray();
        var n = 0;
        foreach (var (imp, price, seat, adm) in bids)
        {
            seats.Add(new JsonObject
            {
                ["seat"] = seat,
                ["bid"] = new JsonArray(new JsonObject { ["id"] = $"{seat}-bid-{n++}", ["impid"] = imp, ["price"] = price, ["adm"] = adm, ["w"] = 300, ["h"] = 250, ["adomain"] = new JsonArray("advertiser.example") }),
            });
        }

        return new JsonObject { ["id"] = id, ["cur"] = "USD", ["seatbid"] = seats }.ToJsonString();
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

internal sealed record FakeAnswer(int Status = 200, string? Body = null, TimeSpan Delay = default, long? GeneratedBytes = null);

internal sealed record RecordedRequest(string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonNode Json => JsonNode.Parse(Body)!;
}
