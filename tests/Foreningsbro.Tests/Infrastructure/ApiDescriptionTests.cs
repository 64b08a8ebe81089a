using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Foreningsbro.Tests.Infrastructure;

/// <summary>
/// Issue 17, item 6: the OpenAPI description lists the API and only the API, says for every operation who may
/// call it, and has a reference page. `./test.sh` lints the same document with @redocly/cli: this test writes it
/// to FORENINGSBRO_OPENAPI_OUT when that is set.
/// </summary>
public partial class ApiDescriptionTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string[] PublicPaths = ["/api/openreferral", "/api/openactive", "/api/v1/teams", "/api/v1/clubs"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Text, JsonElement Root)> Document()
    {
        var text = await app.CreateAnonymousClient().GetStringAsync("/openapi/v1.json", Ct);
        return (text, JsonDocument.Parse(text).RootElement);
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement root) =>
        root.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => (p.Name, m.Name, m.Value)));

    [Fact]
    public async Task The_UI_form_posts_are_not_in_the_description_and_every_path_is_an_api()
    {
        var (text, root) = await Document();
        var paths = root.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldNotContain("/sprog");
        paths.ShouldNotContain("/konto/log-ud");
        paths.Where(p => !p.StartsWith("/api/v1/", StringComparison.Ordinal) && !p.StartsWith("/api/openreferral", StringComparison.Ordinal) && !p.StartsWith("/api/openactive/", StringComparison.Ordinal)).ShouldBeEmpty();
        paths.Count.ShouldBeGreaterThan(20);
        root.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()!).Where(u => u.EndsWith('/')).ShouldBeEmpty();

        if (Environment.GetEnvironmentVariable("FORENINGSBRO_OPENAPI_OUT") is { Length: > 0 } file)
        {
            await File.WriteAllTextAsync(file, text, Ct);
        }
    }

    [Fact]
    public async Task Every_operation_says_who_may_call_it_and_the_secured_ones_describe_401_and_403()
    {
        var (_, root) = await Document();
        var schemes = root.GetProperty("components").GetProperty("securitySchemes");
        schemes.GetProperty("bearer").GetProperty("scheme").GetString().ShouldBe("bearer");
        schemes.GetProperty("cookie").GetProperty("in").GetString().ShouldBe("cookie");
        schemes.GetProperty("cookie").GetProperty("name").GetString().ShouldBe("foreningsbro");

        foreach (var (path, method, operation) in Operations(root))
        {
            var where = $"{method.ToUpperInvariant()} {path}";
            operation.TryGetProperty("operationId", out _).ShouldBeTrue(where);
            operation.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace(where);
            var security = operation.GetProperty("security").EnumerateArray().ToList();
            security.ShouldNotBeEmpty(where);
            var responses = operation.GetProperty("responses");
            // Getting a token needs none; ending one (DELETE) needs the token itself.
            var isPublic = PublicPaths.Any(p => path.StartsWith(p, StringComparison.Ordinal)) || (path == "/api/v1/auth/token" && method == "post");
            if (isPublic)
            {
                security.ShouldHaveSingleItem(where).EnumerateObject().ShouldBeEmpty(where + ": needs no sign-in");
                responses.TryGetProperty("403", out _).ShouldBeFalse(where);
            }
            else
            {
                security.Select(s => s.EnumerateObject().Single().Name).ShouldBe(["bearer", "cookie"], where);
                responses.GetProperty("401").GetProperty("content").GetProperty("application/problem+json").ValueKind.ShouldBe(JsonValueKind.Object, where);
                responses.TryGetProperty("403", out _).ShouldBeTrue(where);
            }
        }

        var token = root.GetProperty("paths").GetProperty("/api/v1/auth/token").GetProperty("post").GetProperty("responses");
        token.TryGetProperty("200", out _).ShouldBeTrue();
        token.TryGetProperty("401", out _).ShouldBeTrue();
        token.TryGetProperty("429", out _).ShouldBeTrue("the token endpoint is rate limited");
        root.GetProperty("tags").EnumerateArray().Where(t => !t.TryGetProperty("description", out var d) || string.IsNullOrWhiteSpace(d.GetString()))
            .Select(t => t.GetProperty("name").GetString()).ShouldBeEmpty("every tag is described");
    }

    [Fact]
    public async Task The_secured_operations_answer_401_to_an_anonymous_caller_as_described()
    {
        var response = await app.CreateAnonymousClient().GetAsync("/api/v1/citizens", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task The_reference_page_is_public_and_only_its_own_scripts_run()
    {
        var client = app.CreateAnonymousClient();
        var response = await client.GetAsync("/api-dokumentation/", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("<title>Foreningsbro API</title>");
        html.ShouldContain("openapi/v1.json");
        html.ShouldNotContain("fonts.scalar.com");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = Nonce().Match(csp).Groups[1].Value;
        nonce.ShouldNotBeNullOrEmpty(csp);
        Regex.Count(html, "<script").ShouldBe(Regex.Count(html, $"<script[^>]*nonce=\"{Regex.Escape(nonce)}\""), "every script carries the nonce");

        var again = await client.GetAsync("/api-dokumentation/", Ct);
        Nonce().Match(again.Headers.GetValues("Content-Security-Policy").Single()).Groups[1].Value.ShouldNotBe(nonce, "a new nonce per request");

        var script = await client.GetAsync("/api-dokumentation/scalar.js", Ct);
        script.StatusCode.ShouldBe(HttpStatusCode.OK, "Scalar's script is served by the app itself, not a CDN");

        // Other pages keep the strict policy.
        var front = await client.GetAsync("/", Ct);
        front.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self';");
    }

    [GeneratedRegex("script-src 'self' 'nonce-([^']+)'")]
    private static partial Regex Nonce();
}
