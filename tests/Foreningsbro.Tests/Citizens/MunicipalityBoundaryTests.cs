using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Tests.Programmes;
using Foreningsbro.Tests.Referrals;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Programmes;

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Foreningsbro.Tests.Citizens;

/// <summary>
/// The municipality is the boundary of personal data (issue 11, ADR 0013): Høje-Taastrup's and Furesø's
/// coordinators and professionals each see their own municipality's citizens, referrals, programmes,
/// participants, messages, access log and funnel; the national catalogue stays open to all.
/// </summary>
public class MunicipalityBoundaryTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<int> CitizenId(string first, string last) =>
        app.WithDb(db => db.Citizens.Where(c => c.FirstName == first && c.LastName == last).Select(c => c.Id).SingleAsync());

    private Task<int> DepartmentId(string name) => app.WithDb(db => db.Departments.Where(d => d.Name == name).Select(d => d.Id).SingleAsync());

    [Fact]
    public async Task The_citizens_api_gives_each_coordinator_only_their_own_municipalitys_citizens()
    {
        var hoejeTaastrup = await (await app.CreateBearerClientAs(DemoUsers.Coordinator)).GetFromJsonAsync<JsonElement>("/api/v1/citizens", Ct);
        var furesoe = await (await app.CreateBearerClientAs(DemoUsers.FuresoeCoordinator)).GetFromJsonAsync<JsonElement>("/api/v1/citizens", Ct);

        static List<(string Name, string PostalCode, string Department)> Rows(JsonElement list) =>
            [.. list.EnumerateArray().Select(c => (c.GetProperty("firstName").GetString() + " " + c.GetProperty("lastName").GetString(), c.GetProperty("postalCode").GetString()!, c.GetProperty("department").GetString()!))];

        var ht = Rows(hoejeTaastrup);
        var fu = Rows(furesoe);
        // Before issue 11 the Høje-Taastrup coordinator's list held 14 citizens with Furesø postal codes (35xx).
        TestContext.Current.TestOutputHelper?.WriteLine($"Høje-Taastrup coordinator: {ht.Count} citizens, {ht.Count(c => c.PostalCode.StartsWith("35", StringComparison.Ordinal))} with Furesø postal codes; Furesø coordinator: {fu.Count}");
        ht.Count(c => c.PostalCode.StartsWith("35", StringComparison.Ordinal)).ShouldBe(0);
        ht.ShouldNotContain(c => c.Department == "Jobcenter Furesø");
        ht.ShouldContain(c => c.Name == "Anne Andersen");
        ht.ShouldContain(c => c.Name == "Fatima Yilmaz");
        fu.ShouldContain(c => c.Name == "Hassan Ali");
        fu.ShouldAllBe(c => c.Department == "Jobcenter Furesø");
        fu.Count.ShouldBe(14);
    }

    [Fact]
    public async Task Another_municipalitys_citizen_referral_participant_and_access_log_are_not_found()
    {
        var anne = await CitizenId("Anne", "Andersen");
        var referral = await app.WithDb(db => db.Referrals.Where(r => r.CitizenId == anne).Select(r => r.Id).SingleAsync());
        var livsstil = await app.ProgrammeId("Livsstilsholdet");
        var fatima = await app.WithDb(db => db.Enrolments.Where(e => e.ProgrammeId == livsstil && e.Citizen.LastName == "Yilmaz").Select(e => e.Id).SingleAsync());
        var session = await app.WithDb(db => db.ProgrammeSessions.Where(s => s.ProgrammeId == livsstil).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync());

        var furesoe = await app.CreateClientAs(DemoUsers.FuresoeCoordinator);
        foreach (var url in new[]
        {
            $"/borgere/{anne}", $"/borgere/{anne}/adgangslog", $"/borgere/{anne}/samtale", $"/henvisninger/{referral}",
            $"/forloeb/{livsstil}", $"/forloeb/{livsstil}/rediger", $"/forloeb/{livsstil}/evaluering", $"/forloeb/deltager/{fatima}",
            $"/forloeb/deltager/{fatima}/rediger", $"/forloeb/traening/{session}/rediger", $"/api/v1/citizens/{anne}",
            $"/api/v1/programmes/{livsstil}/sessions", $"/api/v1/programmes/{livsstil}/evaluation",
        })
        {
            (await furesoe.GetAsync(url, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        }

        // A write by id is as unfound as a read, and changes nothing.
        var note = await furesoe.PostAsync($"/forloeb/deltager/{fatima}?handler=Note", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = (await furesoe.GetFormAsync("/borgere/ny"))["__RequestVerificationToken"],
            ["Input.Text"] = "Grænsen skal holde",
        }), Ct);
        note.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.WithDb(db => db.ProgressNotes.CountAsync(n => n.Text == "Grænsen skal holde"))).ShouldBe(0);

        var malene = await app.CreateBearerClientAs(DemoUsers.FuresoeProfessional);
        (await malene.GetAsync($"/api/v1/citizens/{anne}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var status = await malene.PostAsJsonAsync($"/api/v1/referrals/{referral}/status", new { status = "Closed", closingReasonId = 1, version = 0 }, Ct);
        status.StatusCode.ShouldBe(HttpStatusCode.NotFound, await status.Content.ReadAsStringAsync(Ct));

        var own = await app.CreateCoordinatorClient();
        (await own.GetAsync($"/borgere/{anne}/adgangslog", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Lists_pages_and_the_outbox_show_only_the_own_municipality()
    {
        // A referral of a Høje-Taastrup citizen puts messages in the outbox.
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var citizen = await pro.CreateCitizenAsync("Grænse", "Udbakkesen", channel: "Email", more: new() { ["Input.Email"] = "graense@example.dk" });
        await pro.ReferAsync(citizen, await app.TeamId("Stavgang for alle"));

        var furesoe = await app.CreateClientAs(DemoUsers.FuresoeCoordinator);
        var citizens = (await furesoe.GetDocumentAsync("/borgere")).QuerySelector("main")!.TextContent;
        citizens.ShouldContain("Hassan");
        citizens.ShouldNotContain("Andersen");
        citizens.ShouldNotContain("Udbakkesen");
        var programmes = (await furesoe.GetDocumentAsync("/forloeb")).QuerySelector("main")!.TextContent;
        programmes.ShouldContain("Sundere sammen");
        programmes.ShouldNotContain("Livsstilsholdet");
        (await furesoe.GetDocumentAsync("/udbakke")).QuerySelector("main")!.TextContent.ShouldNotContain("graense@example.dk");

        var hoejeTaastrup = await app.CreateCoordinatorClient();
        (await hoejeTaastrup.GetDocumentAsync("/udbakke")).QuerySelector("main")!.TextContent.ShouldContain("graense@example.dk");
        var htCitizens = (await hoejeTaastrup.GetDocumentAsync("/borgere")).QuerySelector("main")!.TextContent;
        htCitizens.ShouldContain("Andersen");
        htCitizens.ShouldNotContain("Hassan");
        (await hoejeTaastrup.GetDocumentAsync("/forloeb")).QuerySelector("main")!.TextContent.ShouldNotContain("Sundere sammen");
    }

    [Fact]
    public async Task The_funnel_counts_only_the_own_municipalitys_referrals()
    {
        var counts = await app.WithDb(async db => new
        {
            HoejeTaastrup = await db.Referrals.CountAsync(r => r.Citizen.Department.Municipality.Code == 169),
            Furesoe = await db.Referrals.CountAsync(r => r.Citizen.Department.Municipality.Code == 190),
        });
        counts.Furesoe.ShouldBeGreaterThan(0);

        async Task<int> Total(string email)
        {
            var body = await (await app.CreateBearerClientAs(email)).GetFromJsonAsync<JsonElement>("/api/v1/reports/funnel?from=2000-01-01&to=2199-12-31", Ct);
            return body.GetProperty("referrals").GetInt32();
        }

        (await Total(DemoUsers.Coordinator)).ShouldBe(counts.HoejeTaastrup);
        (await Total(DemoUsers.FuresoeCoordinator)).ShouldBe(counts.Furesoe);

        var page = (await (await app.CreateClientAs(DemoUsers.FuresoeCoordinator)).GetDocumentAsync("/rapporter/tragt?by=Department")).QuerySelector("main")!.TextContent;
        page.ShouldContain("Jobcenter Furesø");
        page.ShouldNotContain("Jobcenter Høje-Taastrup");
    }

    [Fact]
    public async Task The_national_administrator_and_a_coordinator_without_a_municipality_see_no_citizen()
    {
        var admin = await app.CreateClientAs(DemoUsers.NationalAdmin);
        var refused = await admin.GetAsync("/borgere", Ct);
        refused.Headers.Location!.ToString().ShouldContain("/konto/ingen-adgang");

        const string email = "koordinator.uden.kommune@test.foreningsbro.dk";
        await app.WithDb(async _ =>
        {
            using var scope = app.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByEmailAsync(email) is null)
            {
                var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Kommuneløs Koordinator" };
                (await users.CreateAsync(user, DemoData.Password)).Succeeded.ShouldBeTrue();
                await users.AddToRoleAsync(user, Roles.Coordinator);
            }

            return 0;
        });

        var nowhere = await app.CreateClientAs(email);
        var list = (await nowhere.GetDocumentAsync("/borgere")).QuerySelector("main")!.TextContent;
        list.ShouldNotContain("Andersen");
        list.ShouldNotContain("Hassan");
        (await nowhere.GetAsync($"/borgere/{await CitizenId("Anne", "Andersen")}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await nowhere.GetDocumentAsync("/forloeb")).QuerySelector("main")!.TextContent.ShouldNotContain("Sundere sammen");
    }

    [Fact]
    public async Task A_coordinator_creates_citizens_and_programmes_only_in_their_own_municipalitys_departments()
    {
        var furesoeJob = await DepartmentId("Jobcenter Furesø");
        var api = await app.CreateBearerClientAs(DemoUsers.Coordinator);
        var citizen = new Dictionary<string, object?>
        {
            ["firstName"] = "Forkert",
            ["lastName"] = "Kommunesen",
            ["phone"] = "30 40 50 99",
            ["birthYear"] = 1980,
            ["postalCode"] = "2630",
            ["targetGroup"] = "Other",
            ["preferredChannel"] = "Sms",
            ["departmentId"] = furesoeJob,
            ["consents"] = new[] { "Reminders" },
        };
        var response = await api.PostAsJsonAsync("/api/v1/citizens", citizen, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldError("departmentId")).ShouldBe("Vælg den afdeling, der ejer sagen.");
        (await app.WithDb(db => db.Citizens.CountAsync(c => c.LastName == "Kommunesen"))).ShouldBe(0);

        var coordinator = await app.CreateCoordinatorClient();
        var newCitizen = await coordinator.GetDocumentAsync("/borgere/ny");
        var departments = newCitizen.QuerySelectorAll("#Input_DepartmentId option").Select(o => o.TextContent.Trim()).ToList();
        departments.ShouldContain("Jobcenter Høje-Taastrup");
        departments.ShouldNotContain("Jobcenter Furesø");

        var form = await coordinator.GetFormAsync("/forloeb/nyt");
        var options = (await coordinator.GetDocumentAsync("/forloeb/nyt")).QuerySelectorAll("#Input_DepartmentId option").Select(o => o.TextContent.Trim()).ToList();
        options.ShouldNotContain("Jobcenter Furesø");
        var post = await coordinator.PostFormAsync("/forloeb/nyt", form, new()
        {
            ["Input.Name"] = "Over grænsen",
            ["Input.DepartmentId"] = furesoeJob.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Kind"] = "LifestyleGroup",
            ["Input.StartDate"] = "2026-11-23",
            ["Input.Capacity"] = "10",
        });
        post.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await post.ReadDocumentAsync()).FieldError("Input_DepartmentId").ShouldBe("Vælg en afdeling.");
        (await app.WithDb(db => db.Programmes.CountAsync(p => p.Name == "Over grænsen"))).ShouldBe(0);
    }

    [Fact]
    public async Task A_citizen_is_enrolled_only_in_a_programme_of_their_own_department()
    {
        var coordinator = await app.CreateCoordinatorClient();
        var jobcenterCitizen = await (await app.CreateClientAs(DemoUsers.Professional)).CreateCitizenAsync("Tvær", "Afdelingsen");
        var livsstil = await app.ProgrammeId("Livsstilsholdet");

        // The citizen page offers only the department's programmes.
        var page = (await coordinator.GetDocumentAsync($"/borgere/{jobcenterCitizen}")).QuerySelector("main")!.TextContent;
        page.ShouldNotContain("Livsstilsholdet");

        var url = $"/borgere/{jobcenterCitizen}/forloeb/{livsstil}";
        (await coordinator.GetDocumentAsync(url)).QuerySelector("#error-summary")!.TextContent.ShouldContain(EnrolmentCommands.OtherDepartment);
        var response = await coordinator.EnrolAsync(jobcenterCitizen, livsstil);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.ReadDocumentAsync()).QuerySelector("#error-summary")!.TextContent.ShouldContain(EnrolmentCommands.OtherDepartment);
        (await app.WithDb(db => db.Enrolments.CountAsync(e => e.CitizenId == jobcenterCitizen))).ShouldBe(0);

        // Another municipality's coordinator does not find the programme or the citizen at all.
        (await (await app.CreateClientAs(DemoUsers.FuresoeCoordinator)).GetAsync(url, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The citizen's own department's programme works as before.
        var sundhedCitizen = await (await app.CreateClientAs(DemoUsers.HealthProfessional)).CreateCitizenAsync("Samme", "Afdelingsen");
        var ok = await coordinator.EnrolAsync(sundhedCitizen, livsstil);
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ok.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_participant_enrolled_across_departments_before_the_rule_is_hidden_from_the_programmes_professionals()
    {
        var livsstil = await app.ProgrammeId("Livsstilsholdet");
        var citizen = await (await app.CreateClientAs(DemoUsers.Professional)).CreateCitizenAsync("Gammel", "Tværsen");
        var enrolment = await app.WithDb(async db =>
        {
            var programme = await db.Programmes.SingleAsync(p => p.Id == livsstil);
            var e = new Enrolment { ProgrammeId = livsstil, CitizenId = citizen, StartDate = programme.StartDate, CreatedAtUtc = AppFactory.Now.UtcDateTime, CreatedBy = "Før reglen", IdempotencyKey = Guid.NewGuid() };
            db.Enrolments.Add(e);
            e.Notes.Add(new ProgressNote { AtUtc = AppFactory.Now.UtcDateTime, By = "Før reglen", Text = "Fortrolig note om Gammel" });
            await db.SaveChangesAsync();
            return e.Id;
        });

        var health = await app.CreateClientAs(DemoUsers.HealthProfessional);
        (await health.GetAsync($"/borgere/{citizen}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await health.GetAsync($"/forloeb/deltager/{enrolment}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await health.GetAsync($"/forloeb/deltager/{enrolment}/rediger", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await health.GetDocumentAsync($"/forloeb/{livsstil}")).QuerySelector("main")!.TextContent.ShouldNotContain("Tværsen");
        var sessions = await (await app.CreateBearerClientAs(DemoUsers.HealthProfessional)).GetStringAsync($"/api/v1/programmes/{livsstil}/sessions?from=2026-11-01&to=2026-12-31", Ct);
        sessions.ShouldNotContain("Gammel");
        sessions.ShouldContain("Fatima");

        // The coordinator of the municipality, who may see the citizen, sees the participant.
        var coordinator = await app.CreateCoordinatorClient();
        (await coordinator.GetDocumentAsync($"/forloeb/deltager/{enrolment}")).QuerySelector("main")!.TextContent.ShouldContain("Fortrolig note om Gammel");
    }

    [Fact]
    public async Task Instructors_see_no_next_step_team_on_the_programme_page_as_on_the_participant_page()
    {
        var livsstil = await app.ProgrammeId("Livsstilsholdet");
        var ida = await app.CreateClientAs(DemoUsers.Instructor);
        var participants = (await ida.GetDocumentAsync($"/forloeb/{livsstil}")).QuerySelector("#participants")!;
        participants.TextContent.ShouldContain("Fatima");
        participants.TextContent.ShouldNotContain("Stavgang for alle");
        participants.QuerySelectorAll("th").Select(h => h.TextContent.Trim()).ShouldNotContain("Næste skridt");

        var fatima = await app.WithDb(db => db.Enrolments.Where(e => e.ProgrammeId == livsstil && e.Citizen.LastName == "Yilmaz").Select(e => e.Id).SingleAsync());
        // The participant page already hid it; the group visit to the team is a training, shown to both.
        (await ida.GetDocumentAsync($"/forloeb/deltager/{fatima}")).QuerySelector("#naeste-skridt").ShouldBeNull();

        var hanne = await app.CreateClientAs(DemoUsers.HealthProfessional);
        (await hanne.GetDocumentAsync($"/forloeb/{livsstil}")).QuerySelector("#participants")!.TextContent.ShouldContain("Stavgang for alle");
    }

    [Fact]
    public async Task A_coordinator_edits_only_their_own_municipalitys_catalogue_which_stays_national_for_reading_and_referring()
    {
        var motion = await app.WithDb(db => db.Clubs.Where(c => c.Name == "Taastrup Motionsforening").Select(c => c.Id).SingleAsync());
        var vaerloese = await app.WithDb(db => db.Venues.Where(v => v.Name == "Værløse Hallen").Select(v => v.Id).SingleAsync());
        var stavgang = await app.TeamId("Stavgang for alle");
        var farum = await app.TeamId("Motionsvolley i Farum");

        var furesoe = await app.CreateClientAs(DemoUsers.FuresoeCoordinator);
        (await furesoe.GetAsync($"/administration/foreninger/{motion}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await furesoe.GetAsync($"/hold/{stavgang}/rediger", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await furesoe.GetAsync($"/administration/steder/{vaerloese}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await furesoe.GetAsync($"/hold/{farum}/rediger", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var clubs = (await furesoe.GetDocumentAsync("/administration/foreninger")).QuerySelector("main")!.TextContent;
        clubs.ShouldContain("Furesø Volleyball Klub");
        clubs.ShouldNotContain("Taastrup Motionsforening");

        var hoejeTaastrup = await app.CreateCoordinatorClient();
        (await hoejeTaastrup.GetAsync($"/administration/steder/{vaerloese}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var archive = await hoejeTaastrup.PostAsync($"/administration/steder/{vaerloese}?handler=Archive", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = (await hoejeTaastrup.GetFormAsync("/borgere/ny"))["__RequestVerificationToken"],
        }), Ct);
        archive.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.WithDb(db => db.Venues.Where(v => v.Id == vaerloese).Select(v => v.Archived).SingleAsync())).ShouldBeFalse();
        var newClub = await hoejeTaastrup.GetDocumentAsync("/administration/foreninger/ny");
        newClub.QuerySelectorAll("#Input_MunicipalityId option").Select(o => o.TextContent.Trim()).ShouldNotContain("Furesø");

        // Everyone still reads the whole catalogue, and a referral across the border works.
        (await app.CreateAnonymousClient().GetAsync($"/hold/{farum}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var citizen = await pro.CreateCitizenAsync("Over", "Grænsesen");
        var referral = await pro.ReferAsync(citizen, farum);
        (await pro.GetDocumentAsync($"/henvisninger/{referral}")).QuerySelector("main")!.TextContent.ShouldContain("Motionsvolley i Farum");
        (await furesoe.GetAsync($"/henvisninger/{referral}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
