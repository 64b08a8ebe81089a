using System.Net;
using AngleSharp.Dom;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Account;

/// <summary>The coordinator's and the national administrator's pages on the demo data: bad input refused in Danish, nothing changed.</summary>
public class UserAdministrationTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<int> DepartmentId(string name) => app.WithDb(db => db.Departments.Where(d => d.Name == name).Select(d => d.Id).SingleAsync(Ct));

    private Task<int> Count<T>(Func<AppDbContext, IQueryable<T>> set) => app.WithDb(db => set(db).CountAsync(Ct));

    [Fact]
    public async Task An_email_already_in_use_is_refused_and_what_was_typed_is_kept()
    {
        var karin = await app.CreateCoordinatorClient();
        var before = await Count(db => db.Users);
        var response = await karin.InviteAsync("Jonas igen", DemoUsers.Professional.ToUpperInvariant(), Roles.Professional, await DepartmentId("Jobcenter Høje-Taastrup"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await response.ReadDocumentAsync();
        doc.QuerySelector("#error-summary")!.TextContent.ShouldContain("E-mailen bruges allerede af en anden konto.");
        doc.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Name")!.Value.ShouldBe("Jonas igen");
        doc.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#role-Professional")!.IsChecked.ShouldBeTrue();
        (await Count(db => db.Users)).ShouldBe(before);
    }

    [Fact]
    public async Task An_invitation_to_a_department_or_club_of_another_municipality_is_refused()
    {
        var karin = await app.CreateCoordinatorClient();
        var before = await Count(db => db.Users);
        var response = await karin.InviteAsync("Fie Fremmed", "fie@example.dk", Roles.Professional, await DepartmentId("Jobcenter Furesø"));
        (await response.ReadDocumentAsync()).QuerySelector("#error-summary")!.TextContent.ShouldContain("Afdelingen hører ikke til kommunen.");

        var furesoeClub = await app.WithDb(db => db.Clubs.Where(c => c.Municipality.Code == 190).Select(c => c.Id).FirstAsync(Ct));
        response = await karin.InviteAsync("Fie Fremmed", "fie@example.dk", Roles.ClubContact, clubId: furesoeClub);
        (await response.ReadDocumentAsync()).QuerySelector("#error-summary")!.TextContent.ShouldContain("Foreningen hører ikke til kommunen.");
        (await Count(db => db.Users)).ShouldBe(before);
        (await Count(db => db.OutboxMessages.Where(m => m.To == "fie@example.dk"))).ShouldBe(0);

        // The form offers only the coordinator's own municipality's departments.
        var form = await karin.GetDocumentAsync("/administration/brugere/inviter");
        form.QuerySelector("#Input_Access_DepartmentId")!.TextContent.ShouldNotContain("Furesø");
    }

    [Fact]
    public async Task A_coordinator_cannot_see_or_change_another_municipalitys_users()
    {
        var karin = await app.CreateCoordinatorClient();
        var malene = await app.UserId(DemoUsers.FuresoeProfessional);
        (await karin.GetAsync($"/administration/brugere/{malene}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var own = await karin.GetFormAsync($"/administration/brugere/{await app.UserId(DemoUsers.HealthProfessional)}", "#deactivate-form");
        (await karin.PostFormAsync($"/administration/brugere/{malene}?handler=Deactivate", own)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.WithDb(db => db.Users.Where(u => u.Id == malene).Select(u => u.DeactivatedAtUtc).SingleAsync(Ct))).ShouldBeNull();
        (await karin.GetDocumentAsync("/administration/brugere")).QuerySelector("#users")!.TextContent.ShouldNotContain(DemoUsers.FuresoeProfessional);
    }

    [Fact]
    public async Task The_last_coordinator_keeps_the_role_and_nobody_deactivates_themselves()
    {
        var frederik = await app.CreateClientAs(DemoUsers.FuresoeCoordinator);
        var id = await app.UserId(DemoUsers.FuresoeCoordinator);
        var response = await frederik.ChangeAccessAsync(id, [Roles.Professional], await DepartmentId("Jobcenter Furesø"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.ReadDocumentAsync()).QuerySelector("#error-summary")!.TextContent.ShouldContain("Kommunen skal have mindst én aktiv koordinator.");

        response = await frederik.PressAsync(id, "Deactivate", "#deactivate-form");
        (await response.ReadDocumentAsync()).QuerySelector("#error-summary")!.TextContent.ShouldContain("Du kan ikke deaktivere dig selv.");
        var roles = await app.WithDb(db => db.UserRoles.Where(r => r.UserId == id).CountAsync(Ct));
        roles.ShouldBe(1);
        (await app.WithDb(db => db.Users.Where(u => u.Id == id).Select(u => u.DeactivatedAtUtc).SingleAsync(Ct))).ShouldBeNull();
    }

    [Fact]
    public async Task An_expired_invitation_is_refused_and_sets_no_password()
    {
        var karin = await app.CreateCoordinatorClient();
        (await karin.InviteAsync("Ulla Udløbet", "ulla@example.dk", Roles.Professional, await DepartmentId("Sundhedscenter Høje-Taastrup"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var link = await app.LinkFromOutbox("ulla@example.dk", MessageKind.StaffInvitation);
        var visitor = app.CreateAnonymousClient();
        var form = await visitor.GetFormAsync(link);
        await app.WithDb(db => db.AccountLinks.Where(l => l.User.Email == "ulla@example.dk").ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAtUtc, app.Clock.GetUtcNow().UtcDateTime.AddSeconds(-1)), Ct));

        var response = await visitor.PostFormAsync(link, form, new() { ["Input.Password"] = "Ulla-udloebet-1", ["Input.Confirm"] = "Ulla-udloebet-1" });
        (await response.ReadDocumentAsync()).QuerySelector("#link-problem")!.TextContent.ShouldContain("Linket er udløbet.");
        (await app.WithDb(db => db.Users.Where(u => u.Email == "ulla@example.dk").Select(u => u.PasswordHash).SingleAsync(Ct))).ShouldBeNull();

        // A new invitation from the coordinator works, and the old link stays dead.
        (await karin.PressAsync(await app.UserId("ulla@example.dk"), "Reinvite", "#reinvite-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var fresh = await app.LinkFromOutbox("ulla@example.dk", MessageKind.StaffInvitation);
        fresh.ShouldNotBe(link);
        (await (await app.SetPasswordAsync(fresh, "Ulla-udloebet-1")).ReadDocumentAsync()).QuerySelector("#password-set").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_reset_link_works_once_and_the_answer_is_the_same_for_an_unknown_email()
    {
        async Task<string> Ask(string email)
        {
            var client = app.CreateAnonymousClient();
            var form = await client.GetFormAsync("/konto/glemt-adgangskode");
            var response = await client.PostFormAsync("/konto/glemt-adgangskode", form, new() { ["Input.Email"] = email });
            return (await response.ReadDocumentAsync()).QuerySelector("#reset-sent")!.TextContent.Replace(email, "", StringComparison.Ordinal);
        }

        (await app.CreateAnonymousClient().GetDocumentAsync("/konto/log-ind")).QuerySelector("#forgot-password")!.TextContent.ShouldBe("Glemt adgangskode?");
        var known = await Ask(DemoUsers.OtherClubContact);
        var unknown = await Ask("ingen@example.dk");
        unknown.ShouldBe(known);
        (await Count(db => db.OutboxMessages.Where(m => m.To == "ingen@example.dk"))).ShouldBe(0);

        var link = await app.LinkFromOutbox(DemoUsers.OtherClubContact, MessageKind.PasswordReset);
        var second = app.CreateAnonymousClient();
        var twice = await second.GetFormAsync(link);
        (await app.SetPasswordAsync(link, "Ny-kode-forening2")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var reused = await second.PostFormAsync(link, twice, new() { ["Input.Password"] = "Tredje-kode-123", ["Input.Confirm"] = "Tredje-kode-123" });
        (await reused.ReadDocumentAsync()).QuerySelector("#link-problem")!.TextContent.ShouldContain("Linket er allerede brugt.");
        await app.SignInAsync(DemoUsers.OtherClubContact, "Ny-kode-forening2");

        // The outbox never shows the link.
        var outbox = await (await app.CreateCoordinatorClient()).GetAsync("/udbakke", Ct);
        (await outbox.Content.ReadAsStringAsync(Ct)).ShouldNotContain("token=");
    }

    [Fact]
    public async Task A_weak_or_mistyped_password_is_refused_in_danish_and_the_link_stays_usable()
    {
        var karin = await app.CreateCoordinatorClient();
        (await karin.InviteAsync("Vera Vikar", "vera@example.dk", Roles.Professional, await DepartmentId("Jobcenter Høje-Taastrup"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var link = await app.LinkFromOutbox("vera@example.dk", MessageKind.StaffInvitation);
        var client = app.CreateAnonymousClient();
        var form = await client.GetFormAsync(link);
        var weak = await client.PostFormAsync(link, form, new() { ["Input.Password"] = "kort", ["Input.Confirm"] = "kort" });
        (await weak.ReadDocumentAsync()).QuerySelector("#error-summary")!.TextContent.ShouldContain("Adgangskoden skal være mindst 12 tegn.");
        var mistyped = await client.PostFormAsync(link, form, new() { ["Input.Password"] = "Vera-vikar-123", ["Input.Confirm"] = "Vera-vikar-124" });
        (await mistyped.ReadDocumentAsync()).QuerySelector("#error-summary")!.TextContent.ShouldContain("De to adgangskoder er ikke ens.");
        (await (await app.SetPasswordAsync(link, "Vera-vikar-123")).ReadDocumentAsync()).QuerySelector("#password-set").ShouldNotBeNull();
        (await app.CreateAnonymousClient().GetDocumentAsync("/konto/adgangskode?token=noget-andet")).QuerySelector("#link-problem")!.TextContent.ShouldContain("Linket er ikke gyldigt.");
    }

    [Fact]
    public async Task The_national_administrator_creates_a_municipality_and_invites_its_first_coordinator()
    {
        var nanna = await app.CreateClientAs(DemoUsers.NationalAdmin);
        var form = await nanna.GetFormAsync("/administration/kommuner");
        var clash = await nanna.PostFormAsync("/administration/kommuner", form, new() { ["Input.Name"] = "Ballerup", ["Input.Code"] = "169" });
        var doc = await clash.ReadDocumentAsync();
        doc.QuerySelector("#error-summary")!.TextContent.ShouldContain("Kommunekoden 169 bruges allerede af Høje-Taastrup.");
        doc.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Name")!.Value.ShouldBe("Ballerup");
        (await Count(db => db.Municipalities.Where(m => m.Name == "Ballerup"))).ShouldBe(0);

        var created = await nanna.PostFormAsync("/administration/kommuner", form, new() { ["Input.Name"] = "Ballerup", ["Input.Code"] = "151" });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var path = created.Headers.Location!.ToString();
        var invite = await nanna.GetFormAsync(path, "#invite-coordinator-form");
        var invited = await nanna.PostFormAsync(path + "?handler=Invite", invite, new() { ["Invite.Name"] = "Bo Ballerup", ["Invite.Email"] = "bo@ballerup.example" });
        invited.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await invited.ReadDocumentAsync()).QuerySelector("main")?.TextContent);
        (await nanna.GetDocumentAsync(path)).QuerySelector("#coordinators")!.TextContent.ShouldContain("Bo Ballerup");
        await app.SetPasswordAsync(await app.LinkFromOutbox("bo@ballerup.example", MessageKind.StaffInvitation), "Bo-ballerup-123");
        var bo = await app.SignInAsync("bo@ballerup.example", "Bo-ballerup-123");
        (await bo.GetDocumentAsync("/administration/brugere")).QuerySelector("h1")!.TextContent.ShouldContain("Ballerup");

        // Karin sees her own municipality's log, not Ballerup's; Nanna sees all.
        var karinsLog = await (await app.CreateCoordinatorClient()).GetAsync("/administration/log", Ct);
        (await karinsLog.Content.ReadAsStringAsync(Ct)).ShouldNotContain("Bo Ballerup");
        (await nanna.GetDocumentAsync("/administration/log")).QuerySelector("#audit-log")!.TextContent.ShouldContain("Kommune oprettet: Ballerup (151)");
        (await (await app.CreateCoordinatorClient()).GetAsync("/administration/kommuner", Ct)).Headers.Location!.ToString().ShouldContain("/konto/ingen-adgang");
    }
}
