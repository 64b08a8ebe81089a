using System.Net;
using AngleSharp.Html.Parser;
using Foreningsbro.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Account;

/// <summary>The app with Høje-Taastrup's identity provider configured: a real OpenID Connect provider on 127.0.0.1.</summary>
public sealed class SsoAppFactory : AppFactory
{
    public OidcTestProvider Provider { get; } = new();

    public override async ValueTask InitializeAsync()
    {
        await Provider.StartAsync();
        await base.InitializeAsync();
        // The provider signs its tokens with the real clock; the app's cookies and tickets follow it too.
        Clock.SetUtcNow(DateTimeOffset.UtcNow);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("SingleSignOn:Providers:0:Municipality", "169");
        builder.UseSetting("SingleSignOn:Providers:0:DisplayName", "Høje-Taastrup Kommune");
        builder.UseSetting("SingleSignOn:Providers:0:Authority", Provider.Authority);
        builder.UseSetting("SingleSignOn:Providers:0:ClientId", OidcTestProvider.ClientId);
        builder.UseSetting("SingleSignOn:Providers:0:ClientSecret", OidcTestProvider.ClientSecret);
        builder.UseSetting("SingleSignOn:Providers:0:RequireHttpsMetadata", "false");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }

    /// <summary>A browser of the site over HTTPS (so the cookies carry __Host- and Secure, as in production).</summary>
    public HttpClient CreateBrowser() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
}

/// <summary>
/// Single sign-on end to end (issue 12): the app sends the browser to the provider, the provider posts the code
/// back, the app redeems it with its secret and PKCE, validates the identity token and lets in only an invited,
/// active account of the provider's municipality. A wrong audience, an expired token and an unknown person are refused.
/// </summary>
public class SingleSignOnTests(SsoAppFactory app) : IClassFixture<SsoAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Clicks "Log ind med Høje-Taastrup Kommune" and follows the browser through the provider and back; the app's last answer.</summary>
    private async Task<HttpResponseMessage> SignInThroughProviderAsync(HttpClient browser, string? returnUrl = null)
    {
        var start = await browser.GetAsync("/konto/sso/169" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)), Ct);
        start.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var authorize = start.Headers.Location!;
        authorize.GetLeftPart(UriPartial.Authority).ShouldBe(app.Provider.Authority.TrimEnd('/'));
        authorize.Query.ShouldContain("code_challenge_method=S256");
        authorize.Query.ShouldContain("response_type=code");

        // At the provider (another site): it answers with a form that posts the code back to the app.
        using var providerBrowser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var page = await providerBrowser.GetAsync(authorize, Ct);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var form = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync(Ct)).QuerySelector("form")!;
        var action = new Uri(form.GetAttribute("action")!);
        action.GetLeftPart(UriPartial.Authority).ShouldBe("https://localhost");
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => KeyValuePair.Create(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""));
        fields.Select(f => f.Key).ShouldContain("code");

        var callback = await browser.PostAsync(action.PathAndQuery, new FormUrlEncodedContent(fields), Ct);
        if (callback.StatusCode == HttpStatusCode.Redirect && callback.Headers.Location!.OriginalString.StartsWith("/konto/sso/svar", StringComparison.Ordinal))
        {
            return await browser.GetAsync(callback.Headers.Location, Ct);
        }

        return callback;
    }

    private Task<int> UserCount() => app.WithDb(db => db.Users.CountAsync(Ct));

    private Task<List<string>> AuditDetails(string action) =>
        app.WithDb(db => db.AuditLog.Where(e => e.Action == action).OrderBy(e => e.Id).Select(e => e.Details).ToListAsync(Ct));

    private static async Task ShouldBeAnonymous(HttpClient browser)
    {
        var page = await browser.GetAsync("/borgere", Ct);
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.AbsolutePath.ShouldBe("/konto/log-ind");
    }

    private static async Task<string> RefusalOn(HttpClient browser, HttpResponseMessage answer, string reason)
    {
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        answer.Headers.Location!.OriginalString.ShouldBe("/konto/log-ind?sso=" + reason);
        var login = await browser.GetAsync(answer.Headers.Location, Ct);
        return (await login.ReadDocumentAsync()).QuerySelector(".alert-error, [role=alert], .error-summary")?.TextContent ?? (await login.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_login_page_offers_the_municipality_s_own_login()
    {
        var doc = await (await app.CreateBrowser().GetAsync("/konto/log-ind?returnUrl=%2Fborgere", Ct)).ReadDocumentAsync();

        var link = doc.QuerySelector("#single-sign-on a")!;
        link.TextContent.ShouldBe("Log ind med Høje-Taastrup Kommune");
        link.GetAttribute("href").ShouldBe("/konto/sso/169?returnUrl=%2Fborgere");
    }

    [Fact]
    public async Task An_invited_coordinator_signs_in_through_the_provider_and_is_bound_to_its_subject()
    {
        var users = await UserCount();
        app.Provider.Fault = ProviderFault.None;
        app.Provider.NextUser = ("entra-oid-karin", DemoUsers.Coordinator.ToUpperInvariant());
        var browser = app.CreateBrowser();

        var answer = await SignInThroughProviderAsync(browser, returnUrl: "/borgere");

        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        answer.Headers.Location!.OriginalString.ShouldBe("/borgere");
        var citizens = await browser.GetAsync("/borgere", Ct);
        citizens.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await citizens.ReadDocumentAsync()).QuerySelector("h1")!.TextContent.ShouldBe("Borgere");
        (await UserCount()).ShouldBe(users);
        (await AuditDetails("LoginSucceeded")).ShouldContain(d => d.StartsWith("Logget ind via Høje-Taastrup Kommune (single sign-on)", StringComparison.Ordinal));
        (await app.WithDb(db => db.UserLogins.SingleAsync(l => l.ProviderKey == "entra-oid-karin", Ct))).LoginProvider.ShouldBe("sso-169");

        // The next time the subject decides, whatever e-mail the provider sends along.
        app.Provider.NextUser = ("entra-oid-karin", "karin.ny@htk.dk");
        var again = app.CreateBrowser();
        (await SignInThroughProviderAsync(again)).Headers.Location!.OriginalString.ShouldBe("/");
        (await again.GetAsync("/borgere", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Logging out ends the session as for a password login.
        var logoutPage = await (await again.GetAsync("/", Ct)).ReadDocumentAsync();
        var token = logoutPage.QuerySelector("form[action='/konto/log-ud'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        (await again.PostAsync("/konto/log-ud", new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", token)]), Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await ShouldBeAnonymous(again);
    }

    [Fact]
    public async Task Another_subject_with_an_already_bound_e_mail_is_refused()
    {
        app.Provider.Fault = ProviderFault.None;
        app.Provider.NextUser = ("entra-oid-ib", DemoUsers.Professional);
        (await SignInThroughProviderAsync(app.CreateBrowser())).Headers.Location!.OriginalString.ShouldBe("/");

        // Someone else at the provider who now carries Ib's e-mail is not Ib.
        app.Provider.NextUser = ("entra-oid-someone-else", DemoUsers.Professional);
        var browser = app.CreateBrowser();
        (await RefusalOn(browser, await SignInThroughProviderAsync(browser), "ukendt")).ShouldContain("Du har ingen bruger i Foreningsbro i den kommune");
        await ShouldBeAnonymous(browser);
    }

    [Fact]
    public async Task An_unknown_person_is_refused_and_no_account_is_made()
    {
        var users = await UserCount();
        app.Provider.Fault = ProviderFault.None;
        app.Provider.NextUser = ("entra-oid-stranger", "ukendt.medarbejder@htk.dk");
        var browser = app.CreateBrowser();

        var text = await RefusalOn(browser, await SignInThroughProviderAsync(browser), "ukendt");

        text.ShouldContain("Du har ingen bruger i Foreningsbro i den kommune. Bed kommunens koordinator om en invitation.");
        await ShouldBeAnonymous(browser);
        (await UserCount()).ShouldBe(users);
        (await app.WithDb(db => db.UserLogins.CountAsync(l => l.ProviderKey == "entra-oid-stranger", Ct))).ShouldBe(0);
        (await AuditDetails("LoginFailed")).ShouldContain(d => d.Contains("ukendt.medarbejder@htk.dk", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_user_of_another_municipality_and_a_national_administrator_are_refused_by_this_municipality_s_provider()
    {
        app.Provider.Fault = ProviderFault.None;
        foreach (var email in new[] { DemoUsers.FuresoeCoordinator, DemoUsers.NationalAdmin })
        {
            app.Provider.NextUser = ("entra-oid-" + email, email);
            var browser = app.CreateBrowser();
            (await RefusalOn(browser, await SignInThroughProviderAsync(browser), "ukendt")).ShouldContain("Du har ingen bruger");
            await ShouldBeAnonymous(browser);
        }
    }

    [Fact]
    public async Task A_deactivated_user_is_refused()
    {
        await app.WithDb(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == DemoUsers.HealthProfessional, Ct);
            user.DeactivatedAtUtc = DateTime.UtcNow;
            await db.SaveChangesAsync(Ct);
        });
        app.Provider.Fault = ProviderFault.None;
        app.Provider.NextUser = ("entra-oid-sundhed", DemoUsers.HealthProfessional);
        var browser = app.CreateBrowser();

        (await RefusalOn(browser, await SignInThroughProviderAsync(browser), "ukendt")).ShouldContain("Du har ingen bruger");
        await ShouldBeAnonymous(browser);
    }

    [Theory]
    [InlineData(ProviderFault.WrongAudience)]
    [InlineData(ProviderFault.Expired)]
    public async Task A_token_made_out_to_another_client_or_expired_is_refused_with_a_danish_message(ProviderFault fault)
    {
        app.Provider.Fault = fault;
        app.Provider.NextUser = ("entra-oid-karin", DemoUsers.Coordinator);
        var browser = app.CreateBrowser();
        var failures = (await AuditDetails("LoginFailed")).Count;

        var text = await RefusalOn(browser, await SignInThroughProviderAsync(browser), "fejl");

        text.ShouldContain("Log ind via kommunen mislykkedes. Prøv igen, eller log ind med e-mail og adgangskode.");
        await ShouldBeAnonymous(browser);
        var audit = await AuditDetails("LoginFailed");
        audit.Count.ShouldBe(failures + 1);
        audit[^1].ShouldStartWith("Log ind via Høje-Taastrup Kommune afvist:");
        app.Provider.Fault = ProviderFault.None;
    }

    [Fact]
    public async Task A_municipality_without_single_sign_on_is_404_and_a_forged_callback_lets_nobody_in()
    {
        var browser = app.CreateBrowser();
        (await browser.GetAsync("/konto/sso/190", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Straight to the return address without the external cookie: back to the login page, signed in as nobody.
        var answer = await browser.GetAsync("/konto/sso/svar", Ct);
        answer.Headers.Location!.OriginalString.ShouldBe("/konto/log-ind?sso=fejl");
        await ShouldBeAnonymous(browser);

        // A code posted to the callback without the correlation cookie of a started login: refused, no 500.
        var forged = await app.CreateBrowser().PostAsync("/konto/sso/169/retur",
            new FormUrlEncodedContent([KeyValuePair.Create("code", "abc"), KeyValuePair.Create("state", "xyz")]), Ct);
        forged.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        forged.Headers.Location!.OriginalString.ShouldBe("/konto/log-ind?sso=fejl");
    }
}
