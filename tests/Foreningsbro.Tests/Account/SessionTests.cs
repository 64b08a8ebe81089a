using System.Net;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Foreningsbro.Tests.Account;

/// <summary>
/// Sessions that really end (issue 12, the security review's first finding): an old login cookie or bearer
/// token, replayed as an attacker who copied it would, is refused on the very next request after logout,
/// lockout, deactivation, a new security stamp or the loss of every role — on a page (a redirect to the
/// login form) and on the API (401) alike.
/// </summary>
public class SessionTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cookie_replayed_after_logout_is_sent_to_the_login_form()
    {
        var user = await app.NewProfessionalAsync("logud");
        var (client, cookie) = await app.SignInKeepingCookieAsync(user);
        (await Replay(cookie, "/borgere")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Replay(cookie, "/api/v1/citizens")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var form = (await client.GetDocumentAsync("/borgere")).FormValues("form.log-off");
        (await client.PostFormAsync("/konto/log-ud", form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await ShouldBeSignedOut(cookie);
        (await app.Sessions(user)).ShouldBe(0);
    }

    [Fact]
    public async Task A_token_ended_by_its_holder_is_refused_and_other_sessions_go_on()
    {
        var user = await app.NewProfessionalAsync("tokenslut");
        var (_, cookie) = await app.SignInKeepingCookieAsync(user);
        var api = await app.BearerClientAsync(user, DemoData.Password);
        (await api.GetAsync("/api/v1/citizens", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await api.DeleteAsync("/api/v1/auth/token", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await api.GetAsync("/api/v1/citizens", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Replay(cookie, "/borgere")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_lockout_ends_the_cookie_and_the_token_at_once_and_they_stay_ended_when_it_is_lifted()
    {
        var user = await app.NewProfessionalAsync("laast");
        var (_, cookie) = await app.SignInKeepingCookieAsync(user);
        var api = await app.BearerClientAsync(user, DemoData.Password);

        var attacker = app.CreateAnonymousClient();
        var form = await attacker.GetFormAsync("/konto/log-ind");
        for (var i = 0; i < 5; i++)
        {
            await attacker.PostFormAsync("/konto/log-ind", form, new() { ["Input.Email"] = user, ["Input.Password"] = "forkert-kode-123" });
        }

        (await app.WithDb(db => db.Users.Where(u => u.Email == user).Select(u => u.LockoutEnd).SingleAsync(Ct))).ShouldNotBeNull();
        await ShouldBeSignedOut(cookie, api);

        (await app.Sessions(user)).ShouldBe(0);

        // The lockout is lifted (Identity counts it on the real clock, so the test lifts it by hand): the old
        // cookie and token have not come back, and a new login works.
        await app.WithUsers(async users => await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(user))!, null));
        await ShouldBeSignedOut(cookie, api);
        (await app.SignInKeepingCookieAsync(user)).Cookie.ShouldNotBe(cookie);
    }

    [Fact]
    public async Task Deactivation_ends_the_cookie_and_the_token_at_once()
    {
        var user = await app.NewProfessionalAsync("deaktiveret");
        var (_, cookie) = await app.SignInKeepingCookieAsync(user);
        var api = await app.BearerClientAsync(user, DemoData.Password);
        (await api.GetAsync("/api/v1/citizens", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var karin = await app.CreateCoordinatorClient();
        (await karin.PressAsync(await app.UserId(user), "Deactivate", "#deactivate-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await ShouldBeSignedOut(cookie, api);
        (await app.Sessions(user)).ShouldBe(0);
    }

    [Fact]
    public async Task A_new_security_stamp_ends_the_cookie_and_the_token_at_once_even_when_set_outside_the_administration()
    {
        var user = await app.NewProfessionalAsync("stempel");
        var (_, cookie) = await app.SignInKeepingCookieAsync(user);
        var api = await app.BearerClientAsync(user, DemoData.Password);

        // As a password reset or an operator's script would: the session rows are left, the stamp check ends them.
        await app.WithUsers(async users => await users.UpdateSecurityStampAsync((await users.FindByEmailAsync(user))!));

        await ShouldBeSignedOut(cookie, api);
    }

    [Fact]
    public async Task Losing_every_role_ends_the_cookie_and_the_token_at_once()
    {
        var user = await app.NewProfessionalAsync("ingenroller");
        var (_, cookie) = await app.SignInKeepingCookieAsync(user);
        var api = await app.BearerClientAsync(user, DemoData.Password);

        // The coordinator's form refuses "no role" ("Vælg mindst én rolle"), so the roles go as a script would
        // take them: without a new security stamp. The session check counts the roles.
        await app.WithUsers(async users =>
        {
            var u = (await users.FindByEmailAsync(user))!;
            await users.RemoveFromRolesAsync(u, await users.GetRolesAsync(u));
        });

        await ShouldBeSignedOut(cookie, api);
    }

    [Fact]
    public async Task A_role_changed_by_the_coordinator_ends_the_cookie_and_the_token_at_once()
    {
        var user = await app.NewProfessionalAsync("rolleskift");
        var (_, cookie) = await app.SignInKeepingCookieAsync(user);
        var api = await app.BearerClientAsync(user, DemoData.Password);

        var karin = await app.CreateCoordinatorClient();
        (await karin.ChangeAccessAsync(await app.UserId(user), [Roles.Instructor])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await ShouldBeSignedOut(cookie, api);
    }

    [Fact]
    public async Task A_login_cookie_without_a_server_side_session_is_refused()
    {
        // A cookie as this app signed them before issue 12 (or as anyone holding the keys could make one):
        // right user, right stamp and roles, but no session id. It is refused, not trusted.
        var user = await app.NewProfessionalAsync("udensession");
        var principal = await app.WithUsers(async users =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>();
            return await factory.CreateAsync((await users.FindByEmailAsync(user))!);
        });
        principal.HasClaim(c => c.Type == Foreningsbro.Web.Infrastructure.AppClaims.SessionId).ShouldBeFalse();
        var options = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { ExpiresUtc = app.Clock.GetUtcNow().AddHours(1) }, IdentityConstants.ApplicationScheme);
        var cookie = $"{Foreningsbro.Web.Infrastructure.Security.LoginCookie}={options.TicketDataFormat.Protect(ticket)}";

        await ShouldBeSignedOut(cookie);
    }

    private async Task<HttpResponseMessage> Replay(string cookie, string path, HttpMethod? method = null)
    {
        var client = app.CreateAnonymousClient();
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request, Ct);
    }

    /// <summary>What the holder of the old cookie (and token) sees: the login form for a page, 401 from the API.</summary>
    private async Task ShouldBeSignedOut(string cookie, HttpClient? api = null)
    {
        var page = await Replay(cookie, "/borgere");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/konto/log-ind");
        (await Replay(cookie, "/api/v1/citizens")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        if (api is not null)
        {
            var response = await api.GetAsync("/api/v1/citizens", Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await response.Content.ReadAsStringAsync(Ct)).ShouldNotContain("firstName", Case.Insensitive);
        }
    }
}

/// <summary>Idle and absolute expiry on the fake clock (a class of its own: it moves its app's clock by hours).</summary>
public class SessionExpiryTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_session_ends_after_30_minutes_without_a_request_and_lives_on_while_used()
    {
        var user = await app.NewProfessionalAsync("tomgang");
        var (client, _) = await app.SignInKeepingCookieAsync(user);
        var api = await app.BearerClientAsync(user, DemoData.Password);

        for (var i = 0; i < 3; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(29));
            (await client.GetAsync("/borgere", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, $"after {(i + 1) * 29} minutes of use");
        }

        (await api.GetAsync("/api/v1/citizens", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the token was idle for 87 minutes");
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        var page = await client.GetAsync("/borgere", Ct);
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/konto/log-ind");
    }

    [Fact]
    public async Task A_session_in_use_ends_12_hours_after_login()
    {
        var user = await app.NewProfessionalAsync("tolvtimer");
        var (client, _) = await app.SignInKeepingCookieAsync(user);
        for (var minutes = 20; minutes < 12 * 60; minutes += 20)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            (await client.GetAsync("/borgere", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, $"after {minutes} minutes");
        }

        app.Clock.Advance(TimeSpan.FromMinutes(20)); // 12 h since login
        var page = await client.GetAsync("/borgere", Ct);
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/konto/log-ind");
        var again = (await app.SignInKeepingCookieAsync(user)).Client;
        (await again.GetAsync("/borgere", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

public static class SessionSteps
{
    /// <summary>A fresh professional of Jobcenter Høje-Taastrup with the demo password, so a test may lock or deactivate them.</summary>
    public static Task<string> NewProfessionalAsync(this AppFactory app, string name) => app.WithUsers(async users =>
    {
        var email = $"{name}-{Guid.NewGuid():N}"[..30] + "@example.dk";
        var colleague = (await users.FindByEmailAsync(DemoUsers.Professional))!;
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            MunicipalityId = colleague.MunicipalityId,
            DepartmentId = colleague.DepartmentId,
        };
        (await users.CreateAsync(user, DemoData.Password)).Succeeded.ShouldBeTrue();
        (await users.AddToRoleAsync(user, Roles.Professional)).Succeeded.ShouldBeTrue();
        return email;
    });

    public static async Task<T> WithUsers<T>(this AppFactory app, Func<UserManager<AppUser>, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());
    }

    public static Task WithUsers(this AppFactory app, Func<UserManager<AppUser>, Task> work) => app.WithUsers(async u =>
    {
        await work(u);
        return true;
    });

    public static Task<int> Sessions(this AppFactory app, string email) =>
        app.WithDb(db => db.UserSessions.CountAsync(s => s.User.Email == email));

    /// <summary>Signs in through the login form; returns the client and its Cookie header, to replay as a thief would.</summary>
    public static async Task<(HttpClient Client, string Cookie)> SignInKeepingCookieAsync(this AppFactory app, string email)
    {
        var cookies = new System.Net.CookieContainer();
        var client = app.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));
        var form = await client.GetFormAsync("/konto/log-ind");
        var response = await client.PostFormAsync("/konto/log-ind", form, new() { ["Input.Email"] = email, ["Input.Password"] = DemoData.Password });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"login as {email} failed");
        var login = cookies.GetCookies(new Uri("http://localhost"))[Foreningsbro.Web.Infrastructure.Security.LoginCookie];
        login.ShouldNotBeNull();
        return (client, $"{login.Name}={login.Value}");
    }
}
