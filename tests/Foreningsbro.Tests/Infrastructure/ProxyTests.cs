using System.Net;
using System.Net.Http.Json;
using Foreningsbro.Tests.Account;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Foreningsbro.Tests.Infrastructure;

/// <summary>
/// The app as production runs it behind the municipality's proxy at 10.0.0.1 (Proxy:KnownProxies). An in-process
/// server has no TCP peer, so a startup filter takes the peer's address from the test-only X-Test-Peer header
/// before anything else runs; the nginx test (NginxTests) does the same with real sockets.
/// </summary>
public class ProxiedAppFactory : AppFactory
{
    public const string PublicBaseUrl = "https://foreningsbro.kommune.example";
    public const string Proxy = "10.0.0.1";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("PublicBaseUrl", PublicBaseUrl);
        builder.UseSetting("Proxy:KnownProxies", Proxy);
        builder.UseSetting("DataProtection:AllowUnencryptedKeys", "true");
        builder.UseSetting("Api:TokenRequestsPerMinute", "3");
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, PeerFromTestHeader>());
    }

    private sealed class PeerFromTestHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((ctx, nextMiddleware) =>
            {
                if (IPAddress.TryParse(ctx.Request.Headers["X-Test-Peer"].ToString(), out var peer))
                {
                    ctx.Connection.RemoteIpAddress = peer;
                }

                return nextMiddleware(ctx);
            });
            next(app);
        };
    }
}

public class ProxyTests(ProxiedAppFactory app) : IClassFixture<ProxiedAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpRequestMessage Get(string path, string peer, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Test-Peer", peer);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return request;
    }

    [Fact]
    public async Task Behind_the_known_proxy_the_login_redirect_uses_the_public_https_address_and_hsts_is_sent()
    {
        var response = await app.CreateAnonymousClient().SendAsync(Get("/borgere", ProxiedAppFactory.Proxy,
            ("X-Forwarded-For", "198.51.100.20"), ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "foreningsbro.kommune.example")), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldStartWith("https://foreningsbro.kommune.example/konto/log-ind");
        response.Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=");
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_that_is_not_a_proxy_are_ignored()
    {
        var response = await app.CreateAnonymousClient().SendAsync(Get("/borgere", "198.51.100.66",
            ("X-Forwarded-For", "10.9.9.9"), ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "evil.example")), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldStartWith("http://localhost/konto/log-ind");
        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
    }

    [Fact]
    public async Task Over_https_the_cookies_carry_the_host_prefix_and_secure_and_unprefixed_cookies_are_ignored()
    {
        var client = app.CreateClient(new() { BaseAddress = new Uri("https://foreningsbro.kommune.example"), AllowAutoRedirect = false });
        var loginPage = await client.GetAsync("/konto/log-ind", Ct);
        var antiforgery = loginPage.Headers.GetValues("Set-Cookie").Single(c => c.Contains("Antiforgery", StringComparison.Ordinal));
        antiforgery.ShouldStartWith("__Host-");
        antiforgery.ShouldContain("secure", Case.Insensitive);
        antiforgery.ShouldContain("httponly", Case.Insensitive);
        antiforgery.ShouldContain("samesite=strict", Case.Insensitive);

        var form = (await loginPage.ReadDocumentAsync()).FormValues();
        var login = await client.PostFormAsync("/konto/log-ind", form, new() { ["Input.Email"] = DemoUsers.Coordinator, ["Input.Password"] = Foreningsbro.Web.Data.DemoData.Password });
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-foreningsbro=", StringComparison.Ordinal));
        cookie.ShouldContain("path=/");
        cookie.ShouldContain("secure", Case.Insensitive);
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=lax", Case.Insensitive);
        cookie.ShouldNotContain("domain=", Case.Insensitive);
        (await client.GetAsync("/borgere", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The same login cookie without the prefix (as a neighbouring subdomain or plain HTTP could set it) counts for nothing over HTTPS.
        var value = cookie.Split(';')[0]["__Host-".Length..];
        var anonymous = app.CreateClient(new() { BaseAddress = new Uri("https://foreningsbro.kommune.example"), AllowAutoRedirect = false, HandleCookies = false });
        using var tossed = new HttpRequestMessage(HttpMethod.Get, "/borgere");
        tossed.Headers.Add("Cookie", value);
        var refused = await anonymous.SendAsync(tossed, Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.ToString().ShouldContain("/konto/log-ind");
        using var prefixed = new HttpRequestMessage(HttpMethod.Get, "/borgere");
        prefixed.Headers.Add("Cookie", "__Host-" + value);
        (await anonymous.SendAsync(prefixed, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_token_limit_counts_each_client_behind_the_proxy_and_its_429_says_when_to_retry()
    {
        async Task<HttpResponseMessage> Token(string peer, string? forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token") { Content = JsonContent.Create(new { email = "ingen@example.dk", password = "forkert-kode-123" }) };
            request.Headers.Add("X-Test-Peer", peer);
            if (forwardedFor is not null)
            {
                request.Headers.Add("X-Forwarded-For", forwardedFor);
            }

            return await app.CreateAnonymousClient().SendAsync(request, Ct);
        }

        for (var i = 0; i < 3; i++)
        {
            (await Token(ProxiedAppFactory.Proxy, "203.0.113.5")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var limited = await Token(ProxiedAppFactory.Proxy, "203.0.113.5");
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);
        (await limited.Content.ReadAsStringAsync(Ct)).ShouldContain("For mange forsøg");

        // Another client behind the same proxy has its own allowance; a client that puts its own
        // X-Forwarded-For before the proxy's entry is still counted by the entry the proxy wrote.
        (await Token(ProxiedAppFactory.Proxy, "203.0.113.6")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Token(ProxiedAppFactory.Proxy, "203.0.113.6, 203.0.113.5")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        // A peer that is no proxy cannot pick a fresh address by claiming one: it is counted as itself.
        for (var i = 0; i < 3; i++)
        {
            (await Token("198.51.100.7", $"192.0.2.{i}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await Token("198.51.100.7", "192.0.2.99")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }
}

/// <summary>Outside Development and the tests, the app refuses to start without a public address or with unencrypted keys.</summary>
public class ProductionStartTests
{
    private sealed class Production(Dictionary<string, string?> settings) : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }

    private static async Task<string> StartFailure(Dictionary<string, string?> settings)
    {
        await using var app = new Production(settings);
        var e = Should.Throw<Exception>(() => app.Server);
        while (e.InnerException is not null && e is not InvalidOperationException)
        {
            e = e.InnerException;
        }

        return e.Message;
    }

    [Fact]
    public async Task Without_PublicBaseUrl_production_refuses_to_start_and_says_why()
    {
        var message = await StartFailure(new() { ["DataProtection:AllowUnencryptedKeys"] = "true" });
        message.ShouldContain("PublicBaseUrl must be set");
        message.ShouldContain("Host header");
    }

    [Fact]
    public async Task Without_a_key_certificate_production_refuses_to_start_unless_told_it_may()
    {
        var message = await StartFailure(new() { ["PublicBaseUrl"] = "https://foreningsbro.kommune.example" });
        message.ShouldContain("DataProtection:CertificatePath is not set");
    }

    [Fact]
    public async Task A_forwarded_header_setting_that_is_not_an_address_stops_the_start()
    {
        var message = await StartFailure(new() { ["PublicBaseUrl"] = "https://foreningsbro.kommune.example", ["DataProtection:AllowUnencryptedKeys"] = "true", ["Proxy:KnownProxies"] = "proxy.kommune.dk" });
        message.ShouldContain("'proxy.kommune.dk' is not an IP address");
    }
}
