using System.Text.RegularExpressions;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Cli;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Cli;

/// <summary>
/// <c>config validate</c> must refuse everything <c>serve</c> refuses, with the same words: every binder error (each
/// value rule written in the binders, and a wrong type for every key they accept) goes through both commands.
/// </summary>
public sealed partial class ValidateServeParityTests : IDisposable
{
    private const string Publisher = "[publisher]\ndomain = \"www.example.com\"\norigin_url = \"http://127.0.0.1:9\"\n";

    private readonly string _directory = Directory.CreateTempSubdirectory("ts-parity-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>One invalid file per value rule, with the key its error must name.</summary>
    private static readonly (string Key, string Toml)[] ValueCases =
    [
        ("publisher", "[proxy]\n"),
        ("server.tls_certificate", Publisher + "[server]\ntls_certificate = \"/nonexistent/cert.pem\"\ntls_private_key = \"/nonexistent/key.pem\"\n"),
        ("server.tls_certificate", Publisher + "[server]\ntls_private_key = \"/nonexistent/key.pem\"\n"),
        ("server.tls_private_key", Publisher + "[server]\ntls_certificate = \"/nonexistent/cert.pem\"\n"),
        ("server.shutdown_timeout_ms", Publisher + "[server]\nshutdown_timeout_ms = 3600001\n"),
        ("publisher.domain", "[publisher]\ndomain = \"www example com\"\norigin_url = \"http://127.0.0.1:9\"\n"),
        ("publisher.origin_url", "[publisher]\ndomain = \"www.example.com\"\norigin_url = \"ftp://origin.example.com\"\n"),
        ("publisher.origin_url", "[publisher]\ndomain = \"www.example.com\"\norigin_url = \"https://origin.example.com/path\"\n"),
        ("publisher.origin_host_header", Publisher + "origin_host_header = \"a/b\"\n"),
        ("publisher.aliases", Publisher + "aliases = [\"https://shop.example.com\"]\n"),
        ("publisher.unknown_host", Publisher + "unknown_host = \"redirect\"\n"),
        ("server.admin_urls", Publisher + "[server]\nadmin_urls = [\"https://127.0.0.1:9090\"]\n"),
        ("server.metrics_token", Publisher + "[server]\nmetrics_token = \"short\"\n"),
        ("publisher.proxy_secret", Publisher + "proxy_secret = \"...\"\n"),
        ("publisher.proxy_secret", Publisher + "proxy_secret = \"abc\"\n"),
        ("proxy.trusted_proxies", Publisher + "[proxy]\ntrusted_proxies = [\"not-an-address\"]\n"),
        ("proxy.allowed_ports", Publisher + "[proxy]\nallowed_ports = [0]\n"),
        ("response_headers.Bad Header", Publisher + "[response_headers]\n\"Bad Header\" = \"x\"\n"),
        ("ec.passphrase", Publisher + "[ec]\nenabled = true\n"),
        ("ec.passphrase", Publisher + "[ec]\nenabled = true\npassphrase = \"a long random secret\"\n"),
        ("ec.store", Publisher + "[ec]\nstore = \"memcached://x\"\n"),
        ("ec.store", Publisher + "[ec]\nstore = \"\"\n"),
        ("ec.cookie_domain", Publisher + "[ec]\ncookie_domain = \".other.test\"\n"),
        ("ec.cookie_path", Publisher + "[ec]\ncookie_path = \"no-slash\"\n"),
        ("ec.cookie_same_site", Publisher + "[ec]\ncookie_same_site = \"sometimes\"\n"),
        ("ec.admin_username", Publisher + "[ec]\nadmin_username = \"a:b\"\nadmin_password = \"k3P9-vQ2x-77aZ-mmT4\"\n"),
        ("ec.admin_password", Publisher + "[ec]\nadmin_username = \"ops\"\nadmin_password = \"short\"\n"),
        ("ec.partners[0].source_domain", Publisher + "[[ec.partners]]\nname = \"A\"\nsource_domain = \"a/b\"\napi_token = \"Zr8qL2vN6pX0wB4m\"\n"),
        ("ec.partners[0].api_token", Publisher + "[[ec.partners]]\nname = \"A\"\nsource_domain = \"a.example\"\napi_token = \"a-long-random-bearer-token\"\n"),
        ("ec.partners[0].batch_rate_limit", Publisher + "[[ec.partners]]\nname = \"A\"\nsource_domain = \"a.example\"\napi_token = \"Zr8qL2vN6pX0wB4m\"\nbatch_rate_limit = 0\n"),
        ("ec.partners[0].openrtb_atype", Publisher + "[[ec.partners]]\nname = \"A\"\nsource_domain = \"a.example\"\napi_token = \"Zr8qL2vN6pX0wB4m\"\nopenrtb_atype = 0\n"),
        ("consent.mode", Publisher + "[consent]\nmode = \"loud\"\n"),
        ("consent.gdpr.applies_in", Publisher + "[consent.gdpr]\napplies_in = [\"Germany\"]\n"),
        ("consent.conflict_resolution.mode", Publisher + "[consent.conflict_resolution]\nmode = \"loudest\"\n"),
        ("rewrite.hosts", Publisher + "[rewrite]\nhosts = [\"static.example.com=no-slash\"]\n"),
        ("geo.database", Publisher + "[geo]\ndatabase = \"/nonexistent/GeoLite2-City.mmdb\"\n"),
        ("logging.level", Publisher + "[logging]\nlevel = \"loud\"\n"),
        ("logging.format", Publisher + "[logging]\nformat = \"xml\"\n"),
        ("telemetry.otlp_endpoint", Publisher + "[telemetry]\notlp_endpoint = \"ftp://collector\"\n"),
        ("auction.providers", Publisher + "[auction]\nenabled = true\nproviders = [\"nosuch\"]\n"),
        ("auction.mediator", Publisher + "[auction]\nenabled = true\nproviders = [\"prebid\"]\nmediator = \"nosuch\"\n"),
        ("integrations.prebid.bid_param_zone_overrides", Publisher + "[integrations.prebid]\nbid_param_zone_overrides = { kargo = 1 }\n"),
        ("integrations.prebid.bid_param_override_rules", Publisher + "[integrations.prebid]\nbid_param_override_rules = 1\n"),
        ("integrations.prebid.bid_param_override_rules[0].set", Publisher + "[[integrations.prebid.bid_param_override_rules]]\nwhen = { bidder = \"kargo\" }\n"),
        ("integrations.aps.account_id", Publisher + "[integrations.aps]\nenabled = true\n"),
        ("integrations.aps.pub_id", Publisher + "[integrations.aps]\naccount_id = \"a\"\npub_id = \"b\"\n"),
        ("integrations.aps.pub_id", Publisher + "[integrations.aps]\npub_id = -1\n"),
        ("integrations.prebid.consent_forwarding", Publisher + "[integrations.prebid]\nconsent_forwarding = \"cookies\"\n"),
        ("integrations.aps.inventory_page_origin", Publisher + "[integrations.aps]\ninventory_domain = \"publisher.example\"\ninventory_page_origin = \"http://www.publisher.example:81/p\"\n"),
        ("integrations.aps.runner_url", Publisher + "[integrations.aps]\nrunner_url = \"http://client.aps.example/prebid-creative.js\"\n"),
        ("integrations.adserver_mock.price_floor", Publisher + "[integrations.adserver_mock]\nprice_floor = -1\n"),
        ("integrations.prebid.script_patterns", Publisher + "[integrations.prebid]\nscript_patterns = [\"*\"]\n"),
        ("integrations.prebid.external_bundle_url", Publisher + "[integrations.prebid]\nexternal_bundle_url = \"http://cdn.example.com/prebid.js\"\n"),
        ("integrations.prebid.external_bundle_sha256", Publisher + "[integrations.prebid]\nexternal_bundle_sha256 = \"abc\"\n"),
        ("integrations.prebid.external_bundle_sri", Publisher + "[integrations.prebid]\nexternal_bundle_sri = \"md5-abc\"\n"),
        ("integrations.prebid.excluded_gam_ad_unit_path_suffixes", Publisher + "[integrations.prebid]\nexcluded_gam_ad_unit_path_suffixes = [\"/\"]\n"),
        ("integrations.google_tag_manager.container_id", Publisher + "[integrations.google_tag_manager]\nenabled = true\n"),
        ("integrations.google_tag_manager.container_id", Publisher + "[integrations.google_tag_manager]\ncontainer_id = \"GTM-<script>\"\n"),
        ("integrations.google_tag_manager.max_beacon_body_size", Publisher + "[integrations.google_tag_manager]\nmax_beacon_body_size = 10\n"),
        ("integrations.nextjs.rewrite_attributes", Publisher + "[integrations.nextjs]\nrewrite_attributes = [\"a b\"]\n"),
        ("integrations.nextjs.max_combined_payload_bytes", Publisher + "[integrations.nextjs]\nmax_combined_payload_bytes = 10\n"),
        ("integrations.datadome.server_side_key", Publisher + "[integrations.datadome]\nenabled = true\nenable_protection = true\n"),
        ("integrations.datadome.server_side_key", Publisher + "[integrations.datadome]\nserver_side_key = \"short\"\n"),
        ("integrations.datadome.protection_test_bypass_secret", Publisher + "[integrations.datadome]\nprotection_test_bypass_secret = \"...\"\n"),
        ("integrations.datadome.client_side_tag_url", Publisher + "[integrations.datadome]\nclient_side_tag_url = \"//cdn.example.com/tags.js\"\n"),
        ("integrations.datadome.client_side_configuration", Publisher + "[integrations.datadome]\nclient_side_configuration = { a = [1] }\n"),
        ("integrations.datadome.protection_exclusion_rules[0].type", Publisher + "[[integrations.datadome.protection_exclusion_rules]]\nid = \"a\"\ntype = \"glob\"\n"),
        ("integrations.datadome.protection_exclusion_rules[1].id", Publisher + "[[integrations.datadome.protection_exclusion_rules]]\nid = \"a\"\ntype = \"path_exact\"\npaths = [\"/a\"]\n[[integrations.datadome.protection_exclusion_rules]]\nid = \"a\"\ntype = \"path_exact\"\npaths = [\"/b\"]\n"),
        ("integrations.datadome.protection_exclusion_rules[0].patterns", Publisher + "[[integrations.datadome.protection_exclusion_rules]]\nid = \"a\"\ntype = \"path_regex\"\npatterns = [\"^(a+)+$\"]\n"),
        ("integrations.permutive.workspace_id", Publisher + "[integrations.permutive]\nenabled = true\norganization_id = \"myorg\"\n"),
        ("integrations.lockr.app_id", Publisher + "[integrations.lockr]\napp_id = \"a b\"\n"),
        ("integrations.gpt.cache_ttl_seconds", Publisher + "[integrations.gpt]\ncache_ttl_seconds = 100000\n"),
        ("integrations.didomi.proxy_path", Publisher + "[integrations.didomi]\nproxy_path = \"/_ts/consent\"\n"),
        ("integrations.sourcepoint.auth_cookie_name", Publisher + "[integrations.sourcepoint]\nauth_cookie_name = \"a b\"\n"),
        ("integrations.gpt.script_url", Publisher + "[integrations.gpt]\nscript_url = \"ftp://x/gpt.js\"\n"),
        ("proxy.asset_routes[0].prefix", Publisher + "[[proxy.asset_routes]]\nprefix = \"assets\"\norigin_url = \"https://cdn.example.com\"\n"),
        ("proxy.asset_routes[1].prefix", Publisher + "[[proxy.asset_routes]]\nprefix = \"/a/\"\norigin_url = \"https://cdn.example.com\"\n[[proxy.asset_routes]]\nprefix = \"/a/\"\norigin_url = \"https://cdn.example.com\"\n"),
        ("proxy.asset_routes[0].origin_url", Publisher + "[[proxy.asset_routes]]\nprefix = \"/a/\"\norigin_url = \"https://cdn.example.com/path\"\n"),
        ("proxy.asset_routes[0].path_pattern", Publisher + "[[proxy.asset_routes]]\nprefix = \"/a/\"\norigin_url = \"https://cdn.example.com\"\npath_pattern = \"(\"\ntarget_path = \"/x\"\n"),
        ("proxy.asset_routes[0].target_path", Publisher + "[[proxy.asset_routes]]\nprefix = \"/a/\"\norigin_url = \"https://cdn.example.com\"\npath_pattern = \"^/a/(.*)$\"\ntarget_path = \"x/$1\"\n"),
        ("proxy.asset_routes[0].origin_query", Publisher + "[[proxy.asset_routes]]\nprefix = \"/a/\"\norigin_url = \"https://cdn.example.com\"\norigin_query = \"keep\"\n"),
        ("proxy.asset_routes[0].auth", Publisher + "[[proxy.asset_routes]]\nprefix = \"/a/\"\norigin_url = \"https://cdn.example.com\"\nauth = { type = \"s3_sigv4\" }\n"),
        ("request_signing.key_store", Publisher + "[request_signing]\nkey_store = \"memcached://x\"\n"),
        ("request_signing.key_prefix", Publisher + "[request_signing]\nkey_prefix = \"has space\"\n"),
        ("handlers[0].path", Publisher + "[[handlers]]\npath = \"(a)\\\\1\"\nusername = \"ops\"\npassword = \"Zr8qL2vN6pX0wB4m\"\n"),
        ("handlers[0].username", Publisher + "[[handlers]]\npath = \"^/_ts/admin\"\nusername = \"a:b\"\npassword = \"Zr8qL2vN6pX0wB4m\"\n"),
        ("handlers[0].password", Publisher + "[[handlers]]\npath = \"^/_ts/admin\"\nusername = \"ops\"\npassword = \"short\"\n"),
        ("creative_opportunities.price_granularity", Publisher + "[creative_opportunities]\nprice_granularity = \"fine\"\n"),
        ("creative_opportunities.section_segment", Publisher + "[creative_opportunities]\nsection_segment = -1\n"),
        ("creative_opportunities.section_root", Publisher + "[creative_opportunities]\nsection_root = \"a b\"\n"),
        ("creative_opportunities.gam_network_id", Publisher + "[[creative_opportunities.slot]]\nid = \"a\"\npage_patterns = [\"/\"]\nformats = [{ width = 1, height = 1 }]\n"),
        ("creative_opportunities.slot[0].id", Publisher + "[[creative_opportunities.slot]]\nid = \"\"\ngam_unit_path = \"/x\"\npage_patterns = [\"/\"]\nformats = [{ width = 1, height = 1 }]\n"),
        ("creative_opportunities.slot[0].gam_unit_path", Publisher + "[[creative_opportunities.slot]]\nid = \"a\"\ngam_unit_path = \"/{zone}\"\npage_patterns = [\"/\"]\nformats = [{ width = 1, height = 1 }]\n"),
        ("creative_opportunities.slot[0].div_id", Publisher + "[[creative_opportunities.slot]]\nid = \"a\"\ngam_unit_path = \"/x\"\npage_patterns = [\"/\"]\nformats = [{ width = 1, height = 1 }]\ndiv_id = \"\"\n"),
        ("creative_opportunities.slot[0].page_patterns", Publisher + "[[creative_opportunities.slot]]\nid = \"a\"\ngam_unit_path = \"/x\"\npage_patterns = [\"news\"]\nformats = [{ width = 1, height = 1 }]\n"),
        ("creative_opportunities.slot[0].formats", Publisher + "[[creative_opportunities.slot]]\nid = \"a\"\ngam_unit_path = \"/x\"\npage_patterns = [\"/\"]\nformats = [{ width = 0, height = 1 }]\n"),
        ("creative_opportunities.slot[0].floor_price", Publisher + "[[creative_opportunities.slot]]\nid = \"a\"\ngam_unit_path = \"/x\"\npage_patterns = [\"/\"]\nformats = [{ width = 1, height = 1 }]\nfloor_price = -1\n"),
        ("creative_opportunities.slot[0].targeting", Publisher + "[[creative_opportunities.slot]]\nid = \"a\"\ngam_unit_path = \"/x\"\npage_patterns = [\"/\"]\nformats = [{ width = 1, height = 1 }]\ntargeting = { pos = 1 }\n"),
        ("creative_opportunities.slot[0].providers", Publisher + "[[creative_opportunities.slot]]\nid = \"a\"\ngam_unit_path = \"/x\"\npage_patterns = [\"/\"]\nformats = [{ width = 1, height = 1 }]\nproviders = [\"nosuch\"]\n"),
        ("debug.auction_html_comment_options.verbosity", Publisher + "[debug.auction_html_comment_options]\nverbosity = \"loud\"\n"),
        ("debug.auction_html_comment_options.format", Publisher + "[debug.auction_html_comment_options]\nformat = \"yaml\"\n"),
        ("nosuchsection", Publisher + "[nosuchsection]\nx = 1\n"),
        ("publisher.nosuchkey", Publisher + "nosuchkey = 1\n"),
        ("toplevel", "toplevel = 1\n" + Publisher),
        ("(syntax)", Publisher + "cookie_domain = \".example.com\n"),
    ];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (key, toml) in ValueCases)
        {
            data.Add(key, toml);
        }

        // A number below 1 for every key the binders require to be positive, and a value of the wrong type for every
        // key they accept: the keys come from running the binders, so a new key is covered without editing this list.
        foreach (var (section, key) in ConfigLoader.KnownKeys())
        {
            var header = section == "publisher"
                ? string.Concat(Publisher.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => !line.StartsWith(key + " ", StringComparison.Ordinal)).Select(line => line + "\n"))
                : Publisher + $"[{section}]\n";
            if (PositiveKeys.Value.Contains(key))
            {
                data.Add($"{section}.{key}", header + $"{key} = 0\n");
            }

            data.Add($"{section}.{key}", header + (TableKeys.Contains(key) ? $"{key} = 1\n" : $"{key} = {{ wrong = \"type\" }}\n"));
        }

        return data;
    }

    // Keys whose value is itself a table of scalars: for them a table is the right type and a number the wrong one.
    private static readonly HashSet<string> TableKeys = ["client_side_configuration"];

    private static readonly Lazy<HashSet<string>> PositiveKeys = new(() => [.. BinderKeys(PositiveCall())]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Validate_and_serve_refuse_the_same_file_with_the_same_error(string key, string toml)
    {
        var file = Path.Combine(_directory, "ts.toml");
        await File.WriteAllTextAsync(file, toml, TestContext.Current.CancellationToken);

        var validate = await RunAsync(["config", "validate", file]);
        var serve = await RunAsync(["serve", "--config", file, "--urls", "http://127.0.0.1:0"]);

        Assert.Equal(1, validate.Code);
        Assert.Contains($" {key}: ", validate.Err, StringComparison.Ordinal);
        Assert.Equal(1, serve.Code);
        Assert.Equal(validate.Err, serve.Err);
        Assert.DoesNotContain("   at ", serve.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_value_rule_in_the_binders_has_a_case()
    {
        var covered = ValueCases.Select(c => c.Key[(c.Key.LastIndexOf('.') + 1)..]).ToHashSet(StringComparer.Ordinal);
        var ruleKeys = BinderKeys(ErrorCall()).Concat(BinderKeys(SecretCall())).Distinct().ToList();

        Assert.True(ruleKeys.Count >= 20, "the binder sources were not found: " + string.Join(", ", ruleKeys));
        Assert.All(ruleKeys, key => Assert.True(covered.Contains(key) || PositiveKeys.Value.Contains(key), $"no case for the rule on \"{key}\""));
    }

    private static IEnumerable<string> BinderKeys(Regex call) =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src", "TrustedServer.Core"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => call.Matches(File.ReadAllText(path)))
            .Select(m => m.Groups[1].Value);

    private static async Task<(int Code, string Err)> RunAsync(string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        // A file that serve accepted would run until cancelled: the test then fails on the exit code.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var code = await CommandLine.RunAsync(args, stdout, stderr, timeout.Token);
        return (code, stderr.ToString());
    }

    [GeneratedRegex(@"\b\w+\.Error\(""([a-z_]+)""")]
    private static partial Regex ErrorCall();

    [GeneratedRegex(@"\bSecret\(\w+, ""([a-z_]+)""")]
    private static partial Regex SecretCall();

    [GeneratedRegex(@"\bPositive\(\w+, ""([a-z_]+)""")]
    private static partial Regex PositiveCall();
}
