using System.Text;
using Microsoft.AspNetCore.Http;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.EdgeCookie;

/// <summary>Options, requests and consent strings for the Edge Cookie tests.</summary>
internal static class IdentityHarness
{
    public const string Domain = "www.example.com";
    public const string CountryHeader = "x-geo-country";
    public const string RegionHeader = "x-geo-region";
    public const string TokenA = "partner-a-token-0123456789";
    public const string TokenB = "partner-b-token-0123456789";
    public const string AdminUser = "ops";
    public const string AdminPassword = "admin-password-42";
    public const string BrowserUa = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

    public static EcPartnerOptions Partner(string name, string token, int rate = 60) => new()
    {
        Name = name,
        SourceDomain = name + ".example.net",
        ApiTokenSha256 = EcPartnerOptions.HashToken(token),
        BatchRateLimit = rate,
    };

    public static TrustedServerOptions Options(Uri origin, string store = "memory", IReadOnlyList<EcPartnerOptions>? partners = null) =>
        TestOptions.For(origin, p => p with { Domain = Domain }) with
        {
            Ec = new EcOptions
            {
                Enabled = true,
                Passphrase = "test-passphrase-for-ec",
                Store = store,
                AdminUsername = AdminUser,
                AdminPassword = AdminPassword,
                Partners = partners ?? [Partner("a", TokenA), Partner("b", TokenB, rate: 2)],
            },
            Geo = new GeoOptions { CountryHeader = CountryHeader, RegionHeader = RegionHeader },
        };

    /// <summary>An origin with an HTML page (Stream), an image (PassThrough) and everything else a 404 page (Buffered).</summary>
    public static Task<OriginServer> StartOriginAsync() => OriginServer.StartAsync(async context =>
    {
        switch (context.Request.Path.Value)
        {
            case "/page.html":
                context.Response.ContentType = "text/html; charset=utf-8";
                context.Response.Headers["x-ts-eids"] = "leak";
                await context.Response.WriteAsync("<html><body><a href=\"/x\">x</a></body></html>");
                break;
            case "/img.png":
                context.Response.ContentType = "image/png";
                await context.Response.Body.WriteAsync(new byte[] { 0x89, 0x50, 0x4E, 0x47 });
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><body>not found</body></html>");
                break;
        }
    });

    /// <summary>A browser navigation from <paramref name="country"/> carrying <paramref name="cookies"/>.</summary>
    public static HttpRequestMessage Navigation(string path, string? country = "DE", string? cookies = null, string? region = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Dest", "document");
        request.Headers.TryAddWithoutValidation("User-Agent", BrowserUa);
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml");
        if (country is not null)
        {
            request.Headers.TryAddWithoutValidation(CountryHeader, country);
        }

        if (region is not null)
        {
            request.Headers.TryAddWithoutValidation(RegionHeader, region);
        }

        if (cookies is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookies);
        }

        return request;
    }

    /// <summary>The <c>ts-ec</c> Set-Cookie header of a response, or null.</summary>
    public static string? EcSetCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.FirstOrDefault(v => v.StartsWith("ts-ec=", StringComparison.Ordinal)) : null;

    /// <summary>The ID in a <c>ts-ec=ID; …</c> Set-Cookie value.</summary>
    public static string IdOf(string setCookie) => setCookie["ts-ec=".Length..setCookie.IndexOf(';', StringComparison.Ordinal)];

    /// <summary>A valid TCF v2 core string, last updated now, with purpose 1 (and 4) consented or not.</summary>
    public static string TcString(bool purpose1)
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

        Int(2, 6);
        Int(ds, 36);
        Int(ds, 36);
        Int(10, 12);
        Int(1, 12);
        Int(0, 6);
        Int('E' - 'A', 6);
        Int('N' - 'A', 6);
        Int(100, 12);
        Int(4, 6);
        Int(1, 1);
        Int(0, 1);
        Int(0, 12);
        for (var p = 1; p <= 24; p++)
        {
            Int((p == 1 && purpose1) || p == 4 ? 1 : 0, 1);
        }

        Int(0, 24);
        Int(0, 1);
        Int('D' - 'A', 6);
        Int('E' - 'A', 6);
        Int(0, 16);
        Int(0, 1);
        Int(0, 16);
        Int(0, 1);
        Int(0, 12);
        while (bits.Length % 6 != 0)
        {
            bits.Append('0');
        }

        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var text = bits.ToString();
        var result = new StringBuilder();
        for (var i = 0; i < text.Length; i += 6)
        {
            result.Append(Alphabet[Convert.ToInt32(text.Substring(i, 6), 2)]);
        }

        return result.ToString();
    }
}
