using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;

using Foreningsbro.Tests.Referrals;
using Foreningsbro.Tests.Security;
using Foreningsbro.Web.Features.Account;
using Microsoft.AspNetCore.Hosting;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Infrastructure;

public static class SecurityHeaders
{
    /// <summary>The headers every answer carries, whatever its status.</summary>
    public static void ShouldHaveSecurityHeaders(HttpResponseMessage response)
    {
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["same-origin"]);
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
    }
}

/// <summary>The HTTP edges of issue 13: methods on pages, the language switch's return address, caching and security headers, cross-site API writes, a broken token body.</summary>
public partial class HttpEdgeTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    [Fact]
    public async Task Every_page_answers_put_delete_and_patch_with_405_and_the_security_headers()
    {
        var pages = (await EndpointInventory.LoadAsync(app.Services)).Where(e => e.IsPage).Select(e => e.Route).Distinct().ToList();
        pages.Count.ShouldBeGreaterThan(30);
        var client = await app.CreateCoordinatorClient();
        var wrong = new List<string>();
        foreach (var route in pages)
        {
            var url = RouteParameter().Replace(route, "1");
            foreach (var method in new[] { "PUT", "DELETE", "PATCH" })
            {
                var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent("x=1", Encoding.UTF8, "application/x-www-form-urlencoded") }, Ct);
                if (response.StatusCode != HttpStatusCode.MethodNotAllowed || !response.Content.Headers.Allow.Contains("GET") || !response.Headers.Contains("Content-Security-Policy"))
                {
                    wrong.Add($"{method} {url}: {(int)response.StatusCode}");
                }
            }
        }

        wrong.ShouldBeEmpty();
        var patch = await app.CreateAnonymousClient().SendAsync(new HttpRequestMessage(HttpMethod.Patch, "/borgere"), Ct);
        patch.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        SecurityHeaders.ShouldHaveSecurityHeaders(patch);
        (await patch.ReadDocumentAsync()).QuerySelector("h1")!.TextContent.ShouldBe("Siden kan ikke vises");
    }

    [Theory]
    [InlineData("/\\evil.example")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\/evil.example")]
    public async Task The_language_switch_sends_a_foreign_return_address_to_the_front_page(string returnUrl)
    {
        var client = app.CreateAnonymousClient();
        var token = (await client.GetDocumentAsync("/konto/log-ind")).QuerySelector("form[action='/sprog'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await client.PostAsync("/sprog?returnUrl=" + Uri.EscapeDataString(returnUrl), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "en",
            ["returnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = token,
        }), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/");
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/hold?q=stavgang", true)]
    [InlineData("/\\evil.example", false)]
    [InlineData("//evil.example", false)]
    [InlineData("/hold\n", false)]
    [InlineData("hold", false)]
    [InlineData("", false)]
    public void A_local_address_is_a_path_on_this_site(string url, bool local) =>
        AccountEndpoints.IsLocal(url).ShouldBe(local);

    [Fact]
    public async Task Api_answers_with_personal_data_are_not_stored_by_browsers_or_proxies()
    {
        var pro = await app.CreateBearerClientAs(DemoUsers.Professional);

        foreach (var url in new[] { "/api/v1/citizens", "/api/v1/referrals" })
        {
            var response = await pro.GetAsync(url, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Headers.CacheControl!.NoStore.ShouldBeTrue(url);
            SecurityHeaders.ShouldHaveSecurityHeaders(response);
        }

        // A 404 ProblemDetails from the API too.
        var missing = await pro.GetAsync("/api/v1/citizens/999999", Ct);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.Headers.CacheControl!.NoStore.ShouldBeTrue();

        // A page with a citizen's data, signed in with the cookie.
        var page = await (await app.CreateClientAs(DemoUsers.Professional)).GetAsync("/borgere", Ct);
        page.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task An_api_write_with_the_login_cookie_from_another_site_is_refused_and_nothing_is_saved()
    {
        var cookie = await app.CreateClientAs(DemoUsers.Professional);
        var before = await app.WithDb(db => db.Citizens.CountAsync(Ct));

        foreach (var (header, value) in new[] { ("Origin", "https://evil.example"), ("Origin", "null"), ("Sec-Fetch-Site", "cross-site") })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/citizens") { Content = JsonContent.Create(Api.Citizen("Krydsside")) };
            request.Headers.TryAddWithoutValidation(header, value);
            var response = await cookie.SendAsync(request, Ct);

            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{header}: {value}");
            (await response.Problem()).GetProperty("detail").GetString().ShouldBe("Forespørgslen kommer fra et andet websted. API'et ændrer kun data med et bearer-token eller fra Foreningsbros egne sider.");
            SecurityHeaders.ShouldHaveSecurityHeaders(response);
        }

        (await app.WithDb(db => db.Citizens.CountAsync(Ct))).ShouldBe(before);

        // From the site itself the cookie still works, and reading from elsewhere is not a write.
        var own = new HttpRequestMessage(HttpMethod.Post, "/api/v1/citizens") { Content = JsonContent.Create(Api.Citizen("Sammeside")) };
        own.Headers.TryAddWithoutValidation("Origin", "http://localhost");
        (await cookie.SendAsync(own, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var read = new HttpRequestMessage(HttpMethod.Get, "/api/v1/citizens");
        read.Headers.TryAddWithoutValidation("Origin", "https://evil.example");
        (await cookie.SendAsync(read, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // An integration with a bearer token (no cookie) is not a browser acting for a signed-in user.
        var bearer = await app.CreateBearerClientAs(DemoUsers.Professional);
        var integration = new HttpRequestMessage(HttpMethod.Post, "/api/v1/citizens") { Content = JsonContent.Create(Api.Citizen("Integration")) };
        integration.Headers.TryAddWithoutValidation("Origin", "https://partner.example");
        (await bearer.SendAsync(integration, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("{\"email\":")]
    [InlineData("{\"email\": \"a@b.dk\", \"password\": ")]
    [InlineData("ikke json")]
    [InlineData("[1]")]
    public async Task A_token_request_that_is_not_json_is_400_with_problem_details(string body)
    {
        var response = await app.CreateAnonymousClient().PostAsync("/api/v1/auth/token", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Problem()).GetProperty("status").GetInt32().ShouldBe(400);
    }
}

/// <summary>The app as `dotnet run` starts it (Development): minimal APIs throw on a body they cannot read instead of answering 400 themselves.</summary>
public sealed class DevelopmentAppFactory : AppFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
    }
}

public class DevelopmentBadBodyTests(DevelopmentAppFactory app) : IClassFixture<DevelopmentAppFactory>
{
    [Theory]
    [InlineData("/api/v1/auth/token", "{\"email\":")]
    [InlineData("/api/v1/citizens", "{\"firstName\":")]
    public async Task A_body_that_is_not_json_is_400_with_problem_details_under_dotnet_run_too(string url, string body)
    {
        var client = url.Contains("token", StringComparison.Ordinal) ? app.CreateAnonymousClient() : await app.CreateCoordinatorClient();

        var response = await client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Problem()).GetProperty("status").GetInt32().ShouldBe(400);
    }
}
