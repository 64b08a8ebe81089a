using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Programmes;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Programmes;

public class ProgrammeEditingTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_professional_creates_a_fixed_length_programme_and_all_its_sessions_exist()
    {
        var malene = await app.CreateClientAs(DemoUsers.FuresoeProfessional);
        var instructor = await app.WithDb(db => db.Users.Where(u => u.Email == DemoUsers.OtherInstructor).Select(u => u.Id).SingleAsync(Ct));
        var form = await malene.GetFormAsync("/forloeb/nyt");
        var ole = form.Single(kv => kv.Key.EndsWith("].Id", StringComparison.Ordinal) && kv.Value == instructor).Key.Replace(".Id", ".Selected", StringComparison.Ordinal);
        var id = await malene.CreateProgrammeAsync("Gå og snak", new()
        {
            ["Input.Schedules[1].Weekday"] = "Wednesday",
            ["Input.Schedules[1].Start"] = "13:00",
            ["Input.Schedules[1].End"] = "14:30",
            [ole] = "true",
        });

        var saved = await app.WithDb(db => db.Programmes.AsNoTracking().Include(p => p.Instructors).Include(p => p.Department).SingleAsync(p => p.Id == id, Ct));
        saved.Department.Name.ShouldBe("Jobcenter Furesø");
        saved.Weeks.ShouldBe(4);
        saved.Instructors.Select(i => i.UserId).ShouldBe([instructor]);
        var sessions = await app.WithDb(db => db.ProgrammeSessions.Where(s => s.ProgrammeId == id).OrderBy(s => s.Date).Select(s => new { s.Date, s.Start }).ToListAsync(Ct));
        sessions.Count.ShouldBe(8);
        sessions[0].Date.ShouldBe(new DateOnly(2026, 11, 23));
        sessions[^1].Date.ShouldBe(new DateOnly(2026, 12, 16));
        sessions[^1].Start.ShouldBe(new TimeOnly(13, 0));

        var overview = await malene.GetDocumentAsync($"/forloeb/{id}");
        overview.QuerySelector("h1")!.TextContent.ShouldBe("Gå og snak");
        overview.QuerySelector("#programme-period")!.TextContent.ShouldContain("4 uger");
        overview.QuerySelector("#upcoming-sessions")!.TextContent.ShouldContain("mandag 23. nov. 2026 10.00–11.00");
        var list = await malene.GetDocumentAsync("/forloeb");
        var row = list.QuerySelector($"#programmes tr[data-programme='{id}']")!;
        row.TextContent.ShouldContain("mandag 10.00–11.00, onsdag 13.00–14.30");
        row.TextContent.ShouldContain("0 af 10");
        list.QuerySelector("#programmes")!.TextContent.ShouldContain("Sundere sammen");
        list.QuerySelector("#programmes")!.TextContent.ShouldNotContain("Livsstilsholdet");

        // Looking again generates nothing more.
        (await app.WithDb(db => SessionPlan.EnsureGeneratedAsync(db, id, AppFactory.Now, Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task Invalid_input_keeps_what_was_typed_and_says_in_danish_what_is_wrong()
    {
        var malene = await app.CreateClientAs(DemoUsers.FuresoeProfessional);
        var form = await malene.GetFormAsync("/forloeb/nyt");
        var response = await malene.PostFormAsync("/forloeb/nyt", form, new()
        {
            ["Input.Name"] = "",
            ["Input.Description"] = "Beskrivelse, der skal blive stående",
            ["Input.StartDate"] = "31-02-2027",
            ["Input.Capacity"] = "mange",
            ["Input.Weeks"] = "0",
            ["Input.Schedules[0].Weekday"] = "Tuesday",
            ["Input.Schedules[0].Start"] = "11:00",
            ["Input.Schedules[0].End"] = "10:00",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await response.ReadDocumentAsync();
        doc.FieldError("Input_Name").ShouldBe("Skriv forløbets navn.");
        doc.FieldError("Input_StartDate").ShouldBe("Skriv datoen som dd-mm-åååå, fx 05-01-2027.");
        doc.FieldError("Input_Weeks").ShouldBe("Antal uger skal være fra 1 til 104, eller tomt for løbende optag.");
        doc.FieldError("Input_VenueId").ShouldBe("Vælg et sted.");
        doc.FieldError("Input_Schedules_0__End").ShouldBe("Tidspunkt 1 skal slutte efter, at det begynder.");
        doc.ErrorSummary().Count.ShouldBeGreaterThanOrEqualTo(5);
        doc.InputValue("Input_StartDate").ShouldBe("31-02-2027");
        doc.InputValue("Input_Capacity").ShouldBe("mange");
        doc.InputValue("Input_Schedules_0__Start").ShouldBe("11:00");
        doc.TextAreaValue("Input_Description").ShouldBe("Beskrivelse, der skal blive stående");
        (await app.WithDb(db => db.Programmes.CountAsync(p => p.Description == "Beskrivelse, der skal blive stående", Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task The_create_form_sent_twice_makes_one_programme_and_a_taken_name_is_refused()
    {
        var malene = await app.CreateClientAs(DemoUsers.FuresoeProfessional);
        var form = await malene.GetFormAsync("/forloeb/nyt");
        var id = await malene.CreateProgrammeAsync("Dobbeltklik");
        var values = new Dictionary<string, string>(form)
        {
            ["Input.Name"] = "Dobbeltklik",
            ["Input.StartDate"] = "2026-11-23",
            ["Input.Capacity"] = "10",
            ["Input.Schedules[0].Weekday"] = "Monday",
            ["Input.Schedules[0].Start"] = "10:00",
            ["Input.Schedules[0].End"] = "11:00",
            ["Input.VenueId"] = (await app.WithDb(db => db.Programmes.Where(p => p.Id == id).Select(p => p.VenueId).SingleAsync(Ct))).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        var again = await malene.PostFormAsync("/forloeb/nyt", values);
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        again.Headers.Location!.ToString().ShouldBe($"/forloeb/{id}");
        (await app.WithDb(db => db.Programmes.CountAsync(p => p.Name == "Dobbeltklik", Ct))).ShouldBe(1);

        // Someone else in the department, later: the name is taken.
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var coordinator = await app.CreateClientAs(DemoUsers.FuresoeCoordinator);
        var department = await app.WithDb(db => db.Departments.Where(d => d.Name == "Jobcenter Furesø").Select(d => d.Id).SingleAsync(Ct));
        var taken = await coordinator.PostFormAsync("/forloeb/nyt", values, new()
        {
            ["Input.DepartmentId"] = department.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["__RequestVerificationToken"] = (await coordinator.GetFormAsync("/forloeb/nyt"))["__RequestVerificationToken"],
        });
        taken.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await taken.ReadDocumentAsync()).FieldError("Input_Name").ShouldBe("Der er allerede et forløb med det navn i afdelingen.");
    }

    [Fact]
    public async Task A_stale_edit_is_refused_with_a_clear_message_and_overwrites_nothing()
    {
        var malene = await app.CreateClientAs(DemoUsers.FuresoeProfessional);
        var id = await malene.CreateProgrammeAsync("Før ændringen");
        var url = $"/forloeb/{id}/rediger";
        var first = await malene.GetFormAsync(url);
        var second = await malene.GetFormAsync(url);

        (await malene.PostFormAsync(url, first, new() { ["Input.Name"] = "Den første gemte" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var response = await malene.PostFormAsync(url, second, new() { ["Input.Name"] = "Den anden ville overskrive" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await response.ReadDocumentAsync();
        doc.QuerySelector("#stale-edit")!.TextContent.ShouldContain("Forløbet er blevet ændret af en anden, mens du redigerede.");
        doc.QuerySelector("#stale-edit")!.TextContent.ShouldContain("Den første gemte");
        doc.InputValue("Input_Name").ShouldBe("Den anden ville overskrive");
        (await app.WithDb(db => db.Programmes.Where(p => p.Id == id).Select(p => p.Name).SingleAsync(Ct))).ShouldBe("Den første gemte");
    }

    [Fact]
    public async Task Changing_the_schedule_replans_future_sessions_but_keeps_the_touched_ones()
    {
        var malene = await app.CreateClientAs(DemoUsers.FuresoeProfessional);
        var id = await malene.CreateProgrammeAsync("Skifter dag");
        var withTopic = await app.WithDb(db => db.ProgrammeSessions.Where(s => s.ProgrammeId == id).OrderBy(s => s.Date).Select(s => s.Id).Skip(1).FirstAsync(Ct));
        var sessionForm = await malene.GetFormAsync($"/forloeb/traening/{withTopic}/rediger", "#session-form");
        (await malene.PostFormAsync($"/forloeb/traening/{withTopic}/rediger", sessionForm, new() { ["Input.Topic"] = "Søvn" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var url = $"/forloeb/{id}/rediger";
        var form = await malene.GetFormAsync(url);
        (await malene.PostFormAsync(url, form, new() { ["Input.Schedules[0].Weekday"] = "Tuesday" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var sessions = await app.WithDb(db => db.ProgrammeSessions.Where(s => s.ProgrammeId == id).OrderBy(s => s.Date).Select(s => new { s.Id, s.Date, s.Topic }).ToListAsync(Ct));
        sessions.Select(s => s.Date).ShouldBe([
            new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 8), new DateOnly(2026, 12, 15)]);
        sessions.Single(s => s.Date == new DateOnly(2026, 11, 30)).Id.ShouldBe(withTopic);
    }

    [Fact]
    public async Task Other_departments_and_other_roles_cannot_reach_a_programme()
    {
        var sundere = await app.ProgrammeId("Sundere sammen");
        var session = await app.WithDb(db => db.ProgrammeSessions.Where(s => s.ProgrammeId == sundere).Select(s => s.Id).FirstAsync(Ct));
        var enrolment = await app.WithDb(db => db.Enrolments.Where(e => e.ProgrammeId == sundere).Select(e => e.Id).FirstAsync(Ct));

        // A professional of another department: not found, so the programme's existence is not confirmed.
        var jonas = await app.CreateClientAs(DemoUsers.Professional);
        foreach (var url in new[] { $"/forloeb/{sundere}", $"/forloeb/{sundere}/rediger", $"/forloeb/{sundere}/traeninger", $"/forloeb/traening/{session}/rediger", $"/forloeb/deltager/{enrolment}/rediger" })
        {
            (await jonas.GetAsync(url, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        }

        (await jonas.GetDocumentAsync("/forloeb")).QuerySelector("main")!.TextContent.ShouldNotContain("Sundere sammen");

        // Posting to another department's programme changes nothing.
        var malene = await app.CreateClientAs(DemoUsers.FuresoeProfessional);
        var form = await malene.GetFormAsync($"/forloeb/{sundere}/rediger");
        var jonasToken = (await jonas.GetFormAsync("/forloeb/nyt"))["__RequestVerificationToken"];
        (await jonas.PostFormAsync($"/forloeb/{sundere}/rediger", form, new() { ["Input.Name"] = "Kapret", ["__RequestVerificationToken"] = jonasToken }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.WithDb(db => db.Programmes.Where(p => p.Id == sundere).Select(p => p.Name).SingleAsync(Ct))).ShouldBe("Sundere sammen");

        // A club contact has no programme pages at all; an instructor cannot create or edit.
        var club = await app.CreateClubContactClient();
        foreach (var url in new[] { "/forloeb", $"/forloeb/{sundere}" })
        {
            var response = await club.GetAsync(url, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, url);
            response.Headers.Location!.ToString().ShouldContain("/konto/ingen-adgang");
        }

        var ida = await app.CreateClientAs(DemoUsers.Instructor);
        foreach (var url in new[] { "/forloeb/nyt", $"/forloeb/{sundere}/rediger", $"/forloeb/traening/{session}/rediger", $"/forloeb/deltager/{enrolment}/rediger" })
        {
            (await ida.GetAsync(url, Ct)).Headers.Location!.ToString().ShouldContain("/konto/ingen-adgang", Case.Sensitive, url);
        }
    }

    [Fact]
    public async Task An_instructor_sees_first_names_only_and_no_management_links()
    {
        var sundere = await app.ProgrammeId("Sundere sammen");
        var ida = await app.CreateClientAs(DemoUsers.Instructor);

        var doc = await ida.GetDocumentAsync($"/forloeb/{sundere}");

        var participants = doc.QuerySelector("#participants")!;
        participants.TextContent.ShouldContain("Sara");
        participants.TextContent.ShouldNotContain("Nørgaard");
        participants.TextContent.ShouldNotContain("Lone"); // ended, not shown to instructors
        doc.QuerySelectorAll<IHtmlAnchorElement>("main a").ShouldNotContain(a => a.Href.Contains("/rediger", StringComparison.Ordinal));
        doc.QuerySelector("#ended-participants").ShouldBeNull();

        var malene = await app.CreateClientAs(DemoUsers.FuresoeProfessional);
        var full = await malene.GetDocumentAsync($"/forloeb/{sundere}");
        full.QuerySelector("#participants")!.TextContent.ShouldContain("Sara Nørgaard");
        var ended = full.QuerySelector("#ended-participants")!.TextContent;
        ended.ShouldContain("Lone Berg");
        ended.ShouldContain("Startet i en forening");
        full.QuerySelector("#programme-period")!.TextContent.ShouldContain("Løbende optag");
    }
}
