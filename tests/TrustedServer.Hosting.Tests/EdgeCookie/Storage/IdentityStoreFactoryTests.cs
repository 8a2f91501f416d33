using Microsoft.Extensions.Time.Testing;
using TrustedServer.Hosting.EdgeCookie.Storage;
using TrustedServer.Privacy.EdgeCookie.Storage;
using TrustedServer.Privacy.Tests.EdgeCookie.Storage;

namespace TrustedServer.Hosting.Tests.EdgeCookie.Storage;

public sealed class IdentityStoreFactoryTests
{
    private readonly FakeTimeProvider _time = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("memory")]
    [InlineData(" MEMORY ")]
    public async Task No_setting_or_memory_gives_the_in_memory_store(string? setting)
    {
        await using var store = IdentityStoreFactory.Create(setting, _time);
        Assert.IsType<InMemoryIdentityStore>(store);
    }

    [Fact]
    public async Task A_file_uri_gives_the_file_store_at_that_path()
    {
        var dir = Directory.CreateTempSubdirectory("ts-ec-factory-").FullName;
        try
        {
            var path = Path.Combine(dir, "sub", "ec.jsonl");
            await using (var store = IdentityStoreFactory.Create(new Uri(path).AbsoluteUri, _time))
            {
                Assert.IsType<FileIdentityStore>(store);
                await store.CreateOrReviveAsync(IdentityTestData.NewId(), IdentityTestData.Minimal(), TimeSpan.FromDays(1), cancellationToken: Ct);
            }

            Assert.True(File.Exists(path));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("postgres://127.0.0.1/x")]
    [InlineData("redis://")]
    [InlineData("redis://127.0.0.1:6379/notanumber")]
    [InlineData("file://")]
    public void Unsupported_settings_fail_with_a_format_error(string setting) =>
        Assert.Throws<FormatException>(() => IdentityStoreFactory.Create(setting, _time));

    [Fact]
    public void A_redis_uri_maps_host_port_credentials_and_database()
    {
        var options = RedisStoreUri.Parse("redis://ops:s%40cret@127.0.0.1:6380/3");
        Assert.Equal("127.0.0.1:6380", options.EndPoints.Single().ToString());
        Assert.Equal("ops", options.User);
        Assert.Equal("s@cret", options.Password);
        Assert.Equal(3, options.DefaultDatabase);
        Assert.False(options.Ssl);
        Assert.False(options.AbortOnConnectFail);
    }

    [Fact]
    public void A_redis_uri_defaults_the_port_and_rediss_turns_on_tls()
    {
        var options = RedisStoreUri.Parse("rediss://:pw@[::1]");
        Assert.Equal(6379, ((System.Net.IPEndPoint)options.EndPoints.Single()).Port);
        Assert.True(options.Ssl);
        Assert.Null(options.User);
        Assert.Equal("pw", options.Password);
    }

    [Fact]
    public void The_redacted_uri_never_shows_the_password()
    {
        var redacted = RedisStoreUri.Redact("redis://ops:topsecret@127.0.0.1:6379/0");
        Assert.DoesNotContain("topsecret", redacted, StringComparison.Ordinal);
        Assert.Equal("redis://ops:***@127.0.0.1:6379/0", redacted);

        var error = Assert.Throws<FormatException>(() => RedisStoreUri.Parse("redis://ops:topsecret@127.0.0.1:6379/x"));
        Assert.DoesNotContain("topsecret", error.Message, StringComparison.Ordinal);
    }
}
