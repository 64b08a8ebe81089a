using System.Net;
using System.Net.Http.Json;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Account;

/// <summary>
/// A new municipality set up from an empty database without touching it by hand: the first coordinator
/// by command, a colleague invited and signed in, their role changed and taken away, and their old
/// cookie and bearer token refused within the minute. On SQLite, and on PostgreSQL when test.sh runs it.
/// </summary>
public class FirstRunTests(EmptyAppFactory app) : IClassFixture<EmptyAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Password = "Hvidovre-koordinator-1";

    private async Task<(int Code, string Output, string Error)> Command(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AdminCommand.RunAsync(app.Services, ["admin", .. args], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_new_municipality_is_set_up_from_an_empty_database_and_a_removed_role_ends_the_old_sessions()
    {
        // No default accounts outside the demo data (the other test of this class may have made its national administrator).
        (await app.WithDb(db => db.Users.CountAsync(u => u.Email != "nanna@stat.example", Ct))).ShouldBe(0);

        // 1. The first coordinator, by command; the municipality is created from its code and name.
        var (code, output, error) = await Command("create", "--email", "kim@hvidovre.example", "--name", "Kim Koordinator", "--municipality", "167", "--municipality-name", "Hvidovre");
        code.ShouldBe(AdminCommand.Ok, error);
        output.ShouldContain("Kommunen Hvidovre (167) er oprettet.");
        output.ShouldContain(EmptyAppFactory.BaseUrl + "/konto/adgangskode?token=");
        var firstLink = AccountSteps.LinkIn(output);
        (await app.WithDb(db => db.Users.Where(u => u.Email == "kim@hvidovre.example").Select(u => u.PasswordHash).SingleAsync(Ct))).ShouldBeNull();

        // 2. Kim chooses a password through the link, which then is spent.
        var set = await app.SetPasswordAsync(firstLink, Password);
        (await set.ReadDocumentAsync()).QuerySelector("#password-set")!.TextContent.ShouldContain("Adgangskoden er gemt");
        var again = await app.CreateAnonymousClient().GetDocumentAsync(firstLink);
        again.QuerySelector("#link-problem")!.TextContent.ShouldContain("Linket er allerede brugt");
        var kim = await app.SignInAsync("kim@hvidovre.example", Password);

        // 3. A department, then a colleague invited by e-mail.
        var departments = await kim.GetFormAsync("/administration/afdelinger", "#add-department");
        (await kim.PostFormAsync("/administration/afdelinger?handler=Add", departments, new() { ["NewName"] = "Jobcenter Hvidovre", ["NewKind"] = "Jobcenter" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var departmentId = await app.WithDb(db => db.Departments.Where(d => d.Name == "Jobcenter Hvidovre").Select(d => d.Id).SingleAsync(Ct));
        var invited = await kim.InviteAsync("Jens Jobkonsulent", "jens@hvidovre.example", Roles.Professional, departmentId);
        invited.StatusCode.ShouldBe(HttpStatusCode.Redirect, await invited.Content.ReadAsStringAsync(Ct));
        var jensId = await app.UserId("jens@hvidovre.example");

        // 4. Jens sets his password from the e-mail and signs in: a professional of Hvidovre.
        var mailed = await app.LinkFromOutbox("jens@hvidovre.example", MessageKind.StaffInvitation);
        (await app.SetPasswordAsync(mailed, "Jens-hvidovre-123")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var jens = await app.SignInAsync("jens@hvidovre.example", "Jens-hvidovre-123");
        (await jens.GetAsync("/borgere", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var jensApi = await app.BearerClientAsync("jens@hvidovre.example", "Jens-hvidovre-123");
        (await jensApi.GetAsync("/api/v1/citizens", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var users = await kim.GetDocumentAsync("/administration/brugere");
        var row = users.QuerySelector($"#user-{jensId}")!;
        row.QuerySelector(".role[data-role=Professional]")!.TextContent.ShouldContain("Fagperson");
        row.QuerySelector(".role[data-role=Professional]")!.TextContent.ShouldContain("siden 16. nov. 2026");
        row.QuerySelector(".status")!.TextContent.ShouldContain("Aktiv");

        // 5. His role changes to instructor: the old token and the old cookie stop at once (issue 12).
        (await kim.ChangeAccessAsync(jensId, [Roles.Instructor])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await jensApi.GetAsync("/api/v1/citizens", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var refused = await jens.GetAsync("/borgere", Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.ToString().ShouldContain("/konto/log-ind");
        jens = await app.SignInAsync("jens@hvidovre.example", "Jens-hvidovre-123");
        (await jens.GetAsync("/borgere", Ct)).Headers.Location!.ToString().ShouldContain("/konto/ingen-adgang");
        (await jens.GetAsync("/instruktoer", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        jensApi = await app.BearerClientAsync("jens@hvidovre.example", "Jens-hvidovre-123");
        (await jensApi.GetAsync("/api/v1/programmes", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // 6. Deactivated: cookie and token refused, and he can neither sign in nor get a token.
        (await kim.PressAsync(jensId, "Deactivate", "#deactivate-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await jensApi.GetAsync("/api/v1/programmes", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await jens.GetAsync("/instruktoer", Ct)).Headers.Location!.ToString().ShouldContain("/konto/log-ind");
        var anonymous = app.CreateAnonymousClient();
        var form = await anonymous.GetFormAsync("/konto/log-ind");
        var login = await anonymous.PostFormAsync("/konto/log-ind", form, new() { ["Input.Email"] = "jens@hvidovre.example", ["Input.Password"] = "Jens-hvidovre-123" });
        (await login.ReadDocumentAsync()).QuerySelector(".alert-error")!.TextContent.ShouldContain("E-mail eller adgangskode er forkert.");
        (await app.TryTokenAsync("jens@hvidovre.example", "Jens-hvidovre-123")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // 7. The audit log tells the story, without a password or a token.
        var log = await kim.GetDocumentAsync("/administration/log");
        var text = log.QuerySelector("#audit-log")!.TextContent;
        text.ShouldContain("Inviteret som Fagperson");
        text.ShouldContain("Rolle fjernet: Fagperson");
        text.ShouldContain("Rolle givet: Instruktør");
        text.ShouldContain("Deaktiveret");
        text.ShouldContain("Afdeling oprettet: Jobcenter Hvidovre");
        text.ShouldNotContain("token=");
        text.ShouldNotContain("Jens-hvidovre-123");
    }

    [Fact]
    public async Task The_command_refuses_bad_arguments_an_email_in_use_and_an_unknown_municipality_with_exit_codes()
    {
        (await Command("create", "--email", "ikke-en-mail", "--name", "X", "--national")).Code.ShouldBe(AdminCommand.BadArguments);
        (await Command("create", "--email", "a@b.example", "--name", "X")).Error.ShouldContain("Angiv enten --national eller --municipality KODE.");
        (await Command("create", "--email", "a@b.example", "--name", "X", "--municipality", "abc")).Code.ShouldBe(AdminCommand.BadArguments);
        (await Command("fjern")).Code.ShouldBe(AdminCommand.BadArguments);
        var unknown = await Command("create", "--email", "a@b.example", "--name", "X", "--municipality", "851");
        unknown.Code.ShouldBe(AdminCommand.UnknownMunicipality);
        unknown.Error.ShouldContain("Kommunekode 851 findes ikke");

        var national = await Command("create", "--email", "nanna@stat.example", "--name", "Nanna National", "--national");
        national.Code.ShouldBe(AdminCommand.Ok, national.Error);
        var inUse = await Command("create", "--email", "NANNA@stat.example", "--name", "Nanna igen", "--national");
        inUse.Code.ShouldBe(AdminCommand.EmailInUse);
        inUse.Error.ShouldContain("bruges allerede");
        (await app.WithDb(db => db.Users.CountAsync(u => u.Email == "a@b.example", Ct))).ShouldBe(0);
        (await app.WithDb(db => db.Municipalities.CountAsync(m => m.Code == 851, Ct))).ShouldBe(0);

        // The national administrator signs in and sees the municipalities, no citizen.
        await app.SetPasswordAsync(AccountSteps.LinkIn(national.Output), "Nanna-national-1");
        var nanna = await app.SignInAsync("nanna@stat.example", "Nanna-national-1");
        (await nanna.GetAsync("/administration/kommuner", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await nanna.GetAsync("/borgere", Ct)).Headers.Location!.ToString().ShouldContain("/konto/ingen-adgang");
    }
}
