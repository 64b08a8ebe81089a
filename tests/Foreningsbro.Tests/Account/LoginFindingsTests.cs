using System.Diagnostics;
using System.Net;
using AngleSharp.Dom;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Foreningsbro.Tests.Account;

/// <summary>The security review's findings on the login form (issue 12), each shown to be closed.</summary>
public class LoginFindingsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Message, TimeSpan Took)> TryLoginAsync(string email, string password)
    {
        var client = app.CreateAnonymousClient();
        var form = await client.GetFormAsync("/konto/log-ind");
        var clock = Stopwatch.StartNew();
        var response = await client.PostFormAsync("/konto/log-ind", form, new() { ["Input.Email"] = email, ["Input.Password"] = password });
        clock.Stop();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{email} was let in");
        var doc = await response.ReadDocumentAsync();
        return (doc.QuerySelector("#error-summary")!.TextContent.Trim(), clock.Elapsed);
    }

    [Fact]
    public async Task An_unknown_email_a_wrong_password_and_a_locked_account_get_the_same_words()
    {
        var unknown = await TryLoginAsync("ingen.her@example.dk", "forkert-kode-123");
        var wrong = await TryLoginAsync(DemoUsers.HealthProfessional, "forkert-kode-123");
        for (var i = 0; i < 5; i++)
        {
            await TryLoginAsync(DemoUsers.OtherInstructor, "forkert-kode-123");
        }

        var locked = await TryLoginAsync(DemoUsers.OtherInstructor, DemoData.Password);

        unknown.Message.ShouldContain("E-mail eller adgangskode er forkert.");
        wrong.Message.ShouldBe(unknown.Message);
        locked.Message.ShouldBe(unknown.Message);
        locked.Message.ShouldNotContain("Kontoen er låst");
        (await app.WithDb(db => db.Users.Where(u => u.Email == DemoUsers.OtherInstructor).Select(u => u.LockoutEnd).SingleAsync(Ct))).ShouldNotBeNull();
    }

    [Fact]
    public async Task An_unknown_email_takes_as_long_as_a_wrong_password_for_a_real_account()
    {
        // Before: 2–8 ms for an unknown e-mail, 277–401 ms for a real account (the PBKDF2 hash).
        await TryLoginAsync("opvarmning@example.dk", "forkert-kode-123");
        var real = new List<double>();
        var unknown = new List<double>();
        var deactivated = new List<double>();
        await app.WithDb(db => db.Users.Where(u => u.Email == DemoUsers.OtherClubContact)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DeactivatedAtUtc, AppFactory.Now.UtcDateTime), Ct));
        for (var i = 0; i < 4; i++)
        {
            real.Add((await TryLoginAsync(DemoUsers.FuresoeCoordinator, "forkert-kode-" + i)).Took.TotalMilliseconds);
            unknown.Add((await TryLoginAsync($"ukendt{i}@example.dk", "forkert-kode-" + i)).Took.TotalMilliseconds);
            deactivated.Add((await TryLoginAsync(DemoUsers.OtherClubContact, DemoData.Password)).Took.TotalMilliseconds);
        }

        var realMedian = Median(real);
        TestContext.Current.TestOutputHelper?.WriteLine($"median ms: real account {realMedian:F0}, unknown {Median(unknown):F0}, deactivated {Median(deactivated):F0}");
        Median(unknown).ShouldBeGreaterThan(realMedian * 0.5, $"unknown {string.Join(", ", unknown)} vs real {string.Join(", ", real)}");
        Median(deactivated).ShouldBeGreaterThan(realMedian * 0.5, $"deactivated {string.Join(", ", deactivated)} vs real {string.Join(", ", real)}");
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    [Fact]
    public async Task Every_login_attempt_is_in_the_audit_log_without_the_password()
    {
        await TryLoginAsync("fremmed@example.dk", "hemmelig-fremmed-1");
        await TryLoginAsync(DemoUsers.ClubContact, "hemmelig-forkert-2");
        await app.SignInAsync(DemoUsers.ClubContact, DemoData.Password);

        var rows = await app.WithDb(db => db.AuditLog.AsNoTracking().OrderBy(e => e.Id).ToListAsync(Ct));
        rows.ShouldContain(e => e.Action == "LoginFailed" && e.Details.Contains("fremmed@example.dk") && e.ActorUserId == null);
        var clubContactId = await app.UserId(DemoUsers.ClubContact);
        rows.ShouldContain(e => e.Action == "LoginFailed" && e.TargetUserId == clubContactId && e.Details.StartsWith("Forkert adgangskode"));
        rows.ShouldContain(e => e.Action == "LoginSucceeded" && e.TargetUserId == clubContactId);
        rows.ShouldAllBe(e => !e.Details.Contains("hemmelig") && !e.Details.Contains(DemoData.Password));

        // The coordinator sees her municipality's sign-ins apart from the administrative changes.
        var karin = await app.CreateCoordinatorClient();
        var signIns = await karin.GetDocumentAsync("/administration/log?vis=log-ind");
        signIns.QuerySelectorAll("#audit-log tr[data-action=LoginFailed]").ShouldNotBeEmpty();
        var changes = await karin.GetDocumentAsync("/administration/log");
        changes.QuerySelectorAll("#audit-log tr[data-action=LoginSucceeded]").ShouldBeEmpty();
    }

    [Fact]
    public async Task Logging_out_needs_the_forms_anti_forgery_token()
    {
        var client = await app.CreateClientAs(DemoUsers.Professional);
        var forged = await client.PostAsync("/konto/log-ud", new FormUrlEncodedContent([]), Ct);
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await forged.ReadDocumentAsync()).QuerySelector("h1")!.TextContent.ShouldBe("Forespørgslen kunne ikke forstås");
        (await client.GetAsync("/borgere", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, "a forged logout must not end the session");

        var page = await client.GetDocumentAsync("/borgere");
        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("form[action='/konto/log-ud'] input[name=__RequestVerificationToken]")!.Value;
        var real = await client.PostAsync("/konto/log-ud", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), Ct);
        real.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetAsync("/borgere", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}

/// <summary>An app with the real login limit and a test header that stands in for the client's address.</summary>
public class LoginLimitAppFactory : AppFactory
{
    public const string ClientHeader = "X-Test-Client";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Account:LoginAttemptsPerMinute", "5");
        builder.ConfigureServices(s => s.AddTransient<IStartupFilter, FakeClientAddress>());
    }

    private sealed class FakeClientAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((ctx, nextMiddleware) =>
            {
                if (IPAddress.TryParse(ctx.Request.Headers[ClientHeader], out var address))
                {
                    ctx.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(ctx);
            });
            next(app);
        };
    }
}

public class LoginRateLimitTests(LoginLimitAppFactory app) : IClassFixture<LoginLimitAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient ClientFrom(string address)
    {
        var client = app.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add(LoginLimitAppFactory.ClientHeader, address);
        return client;
    }

    [Fact]
    public async Task The_sixth_login_attempt_in_a_minute_from_one_address_is_refused_and_other_addresses_are_not()
    {
        var guesser = ClientFrom("203.0.113.7");
        var form = await guesser.GetFormAsync("/konto/log-ind");
        for (var i = 0; i < 5; i++)
        {
            (await guesser.PostFormAsync("/konto/log-ind", form, new() { ["Input.Email"] = $"gaet{i}@example.dk", ["Input.Password"] = "forkert-kode-123" }))
                .StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var sixth = await guesser.PostFormAsync("/konto/log-ind", form, new() { ["Input.Email"] = DemoUsers.Coordinator, ["Input.Password"] = DemoData.Password });
        sixth.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await sixth.ReadDocumentAsync()).QuerySelector("h1")!.TextContent.ShouldBe("For mange forsøg");
        (await guesser.GetAsync("/konto/log-ind", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, "the form itself still opens");

        var colleague = ClientFrom("198.51.100.20");
        var theirForm = await colleague.GetFormAsync("/konto/log-ind");
        (await colleague.PostFormAsync("/konto/log-ind", theirForm, new() { ["Input.Email"] = DemoUsers.Coordinator, ["Input.Password"] = DemoData.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
