using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Account;

/// <summary>The app as in production: coordinators and professionals who sign in with a password must use a second factor.</summary>
public class TwoFactorAppFactory : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Account:RequireTwoFactor", "true");
    }
}

public static class TwoFactorSteps
{
    /// <summary>The password step; returns the client (holding what the answer set) and where it was sent.</summary>
    public static async Task<(HttpClient Client, string Location)> PasswordStepAsync(this AppFactory app, string email, HttpClient? client = null)
    {
        client ??= app.CreateAnonymousClient();
        var form = await client.GetFormAsync("/konto/log-ind");
        var response = await client.PostFormAsync("/konto/log-ind", form, new() { ["Input.Email"] = email, ["Input.Password"] = DemoData.Password });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"password step for {email}");
        return (client, response.Headers.Location!.ToString());
    }

    /// <summary>Signs in with the password, sets up the authenticator as the user would, and returns the signed-in client, the key and the recovery codes.</summary>
    public static async Task<(HttpClient Client, string Key, List<string> Codes)> EnrolAsync(this AppFactory app, string email)
    {
        var (client, location) = await app.PasswordStepAsync(email);
        location.ShouldStartWith("/konto/totrin/opsaet");
        var page = await client.GetDocumentAsync(location);
        var key = page.QuerySelector("#authenticator-key")!.TextContent;
        var done = await client.PostFormAsync(location, page.FormValues("#enrol-form"), new() { ["Input.Code"] = Totp.Code(key) });
        done.StatusCode.ShouldBe(HttpStatusCode.OK);
        var codes = (await done.ReadDocumentAsync()).QuerySelectorAll("#recovery-codes code").Select(c => c.TextContent).ToList();
        codes.Count.ShouldBe(10);
        return (client, key, codes);
    }

    /// <summary>Sends one code on /konto/totrin (the code form, or the recovery form).</summary>
    public static async Task<HttpResponseMessage> SecondStepAsync(this HttpClient client, string location, string code, bool recovery = false, bool remember = false)
    {
        var page = await client.GetDocumentAsync(location);
        var form = page.FormValues(recovery ? "#recovery-form" : "#code-form");
        form[recovery ? "Input.RecoveryCode" : "Input.Code"] = code;
        if (remember)
        {
            form["Input.RememberDevice"] = "true";
        }

        var action = page.QuerySelector<IHtmlFormElement>(recovery ? "#recovery-form" : "#code-form")!.GetAttribute("action") ?? location;
        return await client.PostAsync(action, new FormUrlEncodedContent(form));
    }
}

public class TwoFactorTests(TwoFactorAppFactory app) : IClassFixture<TwoFactorAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<AppUser> UserAsync(string email) => app.WithDb(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email, Ct));

    [Fact]
    public async Task A_professional_without_a_second_factor_is_sent_to_set_it_up_and_reaches_nothing_else_until_then()
    {
        var (client, location) = await app.PasswordStepAsync(DemoUsers.Professional);
        location.ShouldStartWith("/konto/totrin/opsaet");

        (await client.GetAsync("/borgere", Ct)).Headers.Location!.ToString().ShouldContain("/konto/log-ind");
        (await client.GetAsync("/api/v1/citizens", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var token = await app.TryTokenAsync(DemoUsers.Professional, DemoData.Password);
        token.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await token.Content.ReadAsStringAsync(Ct)).ShouldContain("sæt totrinsbekræftelse op");

        var page = await client.GetDocumentAsync(location);
        page.QuerySelector("#two-factor-required").ShouldNotBeNull();
        page.QuerySelector<IHtmlImageElement>("#qr-code")!.Source!.ShouldStartWith("data:image/svg+xml;base64,");
        var key = page.QuerySelector("#authenticator-key")!.TextContent;

        var wrong = await client.PostFormAsync(location, page.FormValues("#enrol-form"), new() { ["Input.Code"] = Totp.WrongCode(key) });
        var wrongDoc = await wrong.ReadDocumentAsync();
        wrongDoc.QuerySelector("#error-summary")!.TextContent.ShouldContain("Koden passer ikke.");
        wrongDoc.QuerySelector("#authenticator-key")!.TextContent.ShouldBe(key, "the same key, so the app already set up still fits");
        (await UserAsync(DemoUsers.Professional)).TwoFactorEnabled.ShouldBeFalse();

        var done = await client.PostFormAsync(location, wrongDoc.FormValues("#enrol-form"), new() { ["Input.Code"] = Totp.Code(key) });
        var doneDoc = await done.ReadDocumentAsync();
        doneDoc.QuerySelector("#two-factor-on").ShouldNotBeNull();
        doneDoc.QuerySelectorAll("#recovery-codes code").Length.ShouldBe(10);
        done.Headers.CacheControl!.NoStore.ShouldBeTrue();

        (await client.GetAsync("/borgere", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await UserAsync(DemoUsers.Professional)).TwoFactorEnabled.ShouldBeTrue();
        (await app.WithDb(db => db.AuditLog.AnyAsync(e => e.Action == "TwoFactorEnabled" && e.TargetName!.Contains(DemoUsers.Professional), Ct))).ShouldBeTrue();
    }

    [Fact]
    public async Task Password_and_authenticator_code_sign_in_and_a_wrong_code_counts_towards_lockout()
    {
        var (_, key, _) = await app.EnrolAsync(DemoUsers.HealthProfessional);

        var (client, location) = await app.PasswordStepAsync(DemoUsers.HealthProfessional);
        location.ShouldStartWith("/konto/totrin?");
        (await client.GetAsync("/borgere", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect, "the password alone opens nothing");
        // Nor can the password alone set up another authenticator in place of the user's own.
        var enrol = await client.GetAsync("/konto/totrin/opsaet", Ct);
        enrol.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        enrol.Headers.Location!.ToString().ShouldStartWith("/konto/totrin?");
        var keyBefore = await app.WithDb(db => db.UserTokens.Where(t => t.Name == "AuthenticatorKey" && db.Users.Any(u => u.Id == t.UserId && u.Email == DemoUsers.HealthProfessional)).Select(t => t.Value).SingleAsync(Ct));
        keyBefore.ShouldNotBeNull();

        var wrong = await client.SecondStepAsync(location, Totp.WrongCode(key));
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await wrong.ReadDocumentAsync()).QuerySelector("#error-summary")!.TextContent.ShouldContain("Koden er forkert eller udløbet.");
        (await UserAsync(DemoUsers.HealthProfessional)).AccessFailedCount.ShouldBe(1);
        (await app.WithDb(db => db.AuditLog.AnyAsync(e => e.Action == "TwoFactorFailed" && e.TargetName!.Contains(DemoUsers.HealthProfessional), Ct))).ShouldBeTrue();

        var right = await client.SecondStepAsync(location, Totp.Code(key));
        right.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        right.Headers.Location!.ToString().ShouldBe("/");
        (await client.GetAsync("/borgere", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await UserAsync(DemoUsers.HealthProfessional)).AccessFailedCount.ShouldBe(0);

        // The API: the code goes with the password.
        var noCode = await app.TryTokenAsync(DemoUsers.HealthProfessional, DemoData.Password);
        noCode.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noCode.Content.ReadAsStringAsync(Ct)).ShouldContain("twoFactorCode");
        var withCode = await app.CreateAnonymousClient().PostAsJsonAsync("/api/v1/auth/token", new { email = DemoUsers.HealthProfessional, password = DemoData.Password, twoFactorCode = Totp.Code(key) }, Ct);
        withCode.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_account_even_for_the_right_code()
    {
        var (_, key, _) = await app.EnrolAsync(DemoUsers.FuresoeProfessional);
        var (client, location) = await app.PasswordStepAsync(DemoUsers.FuresoeProfessional);
        for (var i = 0; i < 5; i++)
        {
            await client.SecondStepAsync(location, Totp.WrongCode(key));
        }

        var right = await client.SecondStepAsync(location, Totp.Code(key));
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await right.ReadDocumentAsync()).QuerySelector("#error-summary")!.TextContent.ShouldContain("Kontoen er låst i 15 minutter.");
        (await UserAsync(DemoUsers.FuresoeProfessional)).LockoutEnd.ShouldNotBeNull();
        (await client.GetAsync("/borgere", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_recovery_code_works_once()
    {
        var (_, _, codes) = await app.EnrolAsync(DemoUsers.FuresoeCoordinator);

        var (first, location) = await app.PasswordStepAsync(DemoUsers.FuresoeCoordinator);
        // Typed as a person might: small letters, no dash.
        var used = await first.SecondStepAsync(location, codes[0].Replace("-", "", StringComparison.Ordinal).ToLowerInvariant(), recovery: true);
        used.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await used.ReadDocumentAsync()).QuerySelector("main")?.TextContent);
        (await first.GetAsync("/borgere", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await first.GetDocumentAsync("/konto/gendannelseskoder")).QuerySelector("#codes-left")!.TextContent.ShouldContain("9 ubrugte");

        var (second, location2) = await app.PasswordStepAsync(DemoUsers.FuresoeCoordinator);
        var reused = await second.SecondStepAsync(location2, codes[0], recovery: true);
        reused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await reused.ReadDocumentAsync();
        doc.QuerySelector("#error-summary")!.TextContent.ShouldContain("Gendannelseskoden er forkert eller allerede brugt.");
        doc.QuerySelector<IHtmlInputElement>("#Input_RecoveryCode")!.Value.ShouldBe(codes[0]);
        (await second.GetAsync("/borgere", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await UserAsync(DemoUsers.FuresoeCoordinator)).AccessFailedCount.ShouldBe(1);
    }

    [Fact]
    public async Task A_remembered_device_skips_the_code_for_thirty_days_at_most()
    {
        var (client, key, _) = await app.EnrolAsync(DemoUsers.Coordinator);
        var form = await client.GetFormAsync("/borgere", "form[action='/konto/log-ud']");
        (await client.PostFormAsync("/konto/log-ud", form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var (_, location) = await app.PasswordStepAsync(DemoUsers.Coordinator, client);
        var before = app.Clock.GetUtcNow(); // the cookie's expiry comes from the app's clock
        var remembered = await client.SecondStepAsync(location, Totp.Code(key), remember: true);
        remembered.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cookie = remembered.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("Identity.TwoFactorRememberMe=", StringComparison.Ordinal));
        var expires = DateTimeOffset.Parse(cookie.Split(';').Single(p => p.Trim().StartsWith("expires=", StringComparison.OrdinalIgnoreCase)).Trim()["expires=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        expires.ShouldBeLessThanOrEqualTo(before.AddDays(30).AddMinutes(1));
        expires.ShouldBeGreaterThan(before.AddDays(29));
        cookie.ShouldContain("httponly", Case.Insensitive);

        // Next time on this device the password is enough; elsewhere the code is still asked for.
        form = await client.GetFormAsync("/borgere", "form[action='/konto/log-ud']");
        await client.PostFormAsync("/konto/log-ud", form);
        (await app.PasswordStepAsync(DemoUsers.Coordinator, client)).Location.ShouldBe("/");
        (await app.PasswordStepAsync(DemoUsers.Coordinator)).Location.ShouldStartWith("/konto/totrin?");
    }
}

/// <summary>Its own app: the coordinator's reset and the roles that need no second factor.</summary>
public class TwoFactorResetTests(TwoFactorAppFactory app) : IClassFixture<TwoFactorAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_coordinator_resets_a_users_two_factor_login_and_it_is_in_the_audit_log()
    {
        var (karin, _, _) = await app.EnrolAsync(DemoUsers.Coordinator);
        await app.EnrolAsync(DemoUsers.Professional);
        var id = await app.UserId(DemoUsers.Professional);
        (await karin.GetDocumentAsync($"/administration/brugere/{id}")).QuerySelector("#two-factor-state")!.TextContent.ShouldBe("Totrinsbekræftelse: slået til.");

        var reset = await karin.PressAsync(id, "ResetTwoFactor", "#reset-two-factor-form");
        reset.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await karin.GetDocumentAsync($"/administration/brugere/{id}");
        page.QuerySelector("#two-factor-state")!.TextContent.ShouldBe("Totrinsbekræftelse: ikke sat op.");
        page.QuerySelector("#reset-two-factor-form").ShouldBeNull();

        (await app.WithDb(db => db.UserTokens.CountAsync(t => t.UserId == id, Ct))).ShouldBe(0);
        var entry = await app.WithDb(db => db.AuditLog.SingleAsync(e => e.Action == "TwoFactorReset" && e.TargetUserId == id, Ct));
        entry.ActorName.ShouldBe("Karin Koordinator");
        (await karin.GetDocumentAsync("/administration/log")).QuerySelector("#audit-log tr[data-action=TwoFactorReset]").ShouldNotBeNull();

        // At the next login the professional sets it up again.
        (await app.PasswordStepAsync(DemoUsers.Professional)).Location.ShouldStartWith("/konto/totrin/opsaet");
    }

    [Fact]
    public async Task Another_municipalitys_coordinator_cannot_reset_it()
    {
        var (frederik, _, _) = await app.EnrolAsync(DemoUsers.FuresoeCoordinator);
        await app.EnrolAsync(DemoUsers.HealthProfessional);
        var id = await app.UserId(DemoUsers.HealthProfessional);
        var forged = await frederik.PostAsync($"/administration/brugere/{id}?handler=ResetTwoFactor",
            new FormUrlEncodedContent((await frederik.GetFormAsync("/administration/brugere", "form[action='/konto/log-ud']")).Where(kv => kv.Key == "__RequestVerificationToken")), Ct);
        forged.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.WithDb(db => db.Users.Where(u => u.Id == id).Select(u => u.TwoFactorEnabled).SingleAsync(Ct))).ShouldBeTrue();
    }

    [Fact]
    public async Task Club_contacts_and_instructors_need_no_second_factor()
    {
        (await app.PasswordStepAsync(DemoUsers.ClubContact)).Location.ShouldBe("/");
        (await app.PasswordStepAsync(DemoUsers.Instructor)).Location.ShouldBe("/");
    }
}
