// The peer every proxy figure is compared with: YARP's direct forwarder with its defaults and nothing else.
using System.Net;
using Yarp.ReverseProxy.Forwarder;

var origin = Environment.GetEnvironmentVariable("ORIGIN_URL") ?? "http://127.0.0.1:8081";
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.AddHttpForwarder();
var app = builder.Build();
var invoker = new HttpMessageInvoker(new SocketsHttpHandler
{
    UseProxy = false,
    AllowAutoRedirect = false,
    AutomaticDecompression = DecompressionMethods.None,
    UseCookies = false,
    EnableMultipleHttp2Connections = true,
    ActivityHeadersPropagator = null,
    ConnectTimeout = TimeSpan.FromSeconds(5),
});
var config = new ForwarderRequestConfig { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
app.MapForwarder("/{**catch-all}", origin, config, HttpTransformer.Default, invoker);
app.Run();
