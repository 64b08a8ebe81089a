using System.Net;

using AngleSharp.Dom;

using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Programmes;

/// <summary>The participant page /forloeb/deltager/{id} and the group evaluation /forloeb/{id}/evaluering.</summary>
public class ProgressionTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Text(AngleSharp.Html.Dom.IHtmlDocument doc, string selector) =>
        doc.QuerySelector(selector)?.TextContent.Trim() ?? throw new ShouldAssertException($"nothing matches {selector}");

    [Fact]
    public async Task The_participant_page_shows_the_rate_streaks_and_averages_worked_out_from_the_records()
    {
        var p = await ProgressionProgramme.CreateAsync(app);
        var malene = await app.CreateClientAs(DemoUsers.FuresoeProfessional);

        var doc = await malene.GetDocumentAsync($"/forloeb/deltager/{p.Anna}");

        Text(doc, "h1").ShouldContain($"Anna {p.Surname}");
        // S1, S2, S4, S5 count (S3 cancelled, S6 in the future): present, present, absent, present.
        Text(doc, "[data-testid=rate]").ShouldStartWith("75 %");
        Text(doc, "[data-testid=rate]").ShouldContain("mødt til 3 af 4 registrerede træninger");
        Text(doc, "[data-testid=streak]").ShouldBe("1");
        Text(doc, "[data-testid=longest]").ShouldBe("2");
        Text(doc, "[data-testid=mood]").ShouldBe("4,0");   // (3 + 4 + 5) / 3
        Text(doc, "[data-testid=rating]").ShouldBe("4,3"); // (4 + 5 + 4) / 3

        // Per ISO week: 44 = 2 of 2, 45 = 0 of 1 (cumulative 2 of 3), 46 = 1 of 1 (cumulative 3 of 4).
        var weeks = doc.QuerySelectorAll("#weeks tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray()).ToList();
        weeks.Count.ShouldBe(3);
        weeks[0][0].ShouldStartWith("44");
        weeks[0][1..].ShouldBe(["2", "2", "100 %", "100 %"]);
        weeks[1][1..].ShouldBe(["0", "1", "0 %", "67 %"]);
        weeks[2][1..].ShouldBe(["1", "1", "100 %", "75 %"]);

        var sessions = doc.QuerySelectorAll("#sessions tbody tr").Select(r => int.Parse(r.GetAttribute("data-session")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        sessions.ShouldBe([p.Sessions[4], p.Sessions[3], p.Sessions[1], p.Sessions[0]]); // newest first; no cancelled, no future session
        Text(doc, $"#sessions tr[data-session='{p.Sessions[0]}']").ShouldContain("Godt at komme i gang.");
        Text(doc, $"#sessions tr[data-session='{p.Sessions[0]}']").ShouldContain("3 – okay (spændt)");
        Text(doc, $"#sessions tr[data-session='{p.Sessions[3]}']").ShouldContain("Udeblevet");

        var topics = doc.QuerySelectorAll("#topics li").Select(li => li.TextContent).ToList();
        topics.Count.ShouldBe(2);
        topics[0].ShouldStartWith("Søvn");
        topics[0].ShouldEndWith(": deltog");
        topics[1].ShouldStartWith("Kost");
        topics[1].ShouldEndWith("deltog ikke");

        Text(doc, "[data-testid=next-step-status]").ShouldBe("Besøgt");
        Text(doc, "#facts").ShouldContain("Uden for arbejdsmarkedet i risiko for livsstilssygdom");
        var notes = doc.QuerySelectorAll("#notes li").Select(li => li.TextContent).ToList();
        notes.Count.ShouldBe(2);
        notes[0].ShouldContain("Nyere note om Anna");
        notes[1].ShouldContain("Ældre note om Anna");
        doc.QuerySelectorAll("svg[role=img]").Length.ShouldBe(3);
    }

    [Fact]
    public async Task A_session_nobody_recorded_for_the_participant_neither_lowers_the_rate_nor_breaks_the_streak()
    {
        var p = await ProgressionProgramme.CreateAsync(app);
        var malene = await app.CreateClientAs(DemoUsers.FuresoeProfessional);

        // Cecilie: present 5/11, nothing recorded 10/11.
        var cecilie = await malene.GetDocumentAsync($"/forloeb/deltager/{p.Cecilie}");
        Text(cecilie, "[data-testid=rate]").ShouldStartWith("100 %");
        Text(cecilie, "[data-testid=streak]").ShouldBe("1");
        Text(cecilie, "#summary").ShouldContain("Ikke registreret");

        // Bent ended 6/11 (stopped coming): present, absent with notice, present.
        var bent = await malene.GetDocumentAsync($"/forloeb/deltager/{p.Bent}");
        Text(bent, "[data-testid=rate]").ShouldStartWith("67 %");
        Text(bent, "[data-testid=longest]").ShouldBe("1");
        Text(bent, "#facts").ShouldContain("Stoppet med at komme");
        bent.QuerySelectorAll("#sessions tbody tr").Length.ShouldBe(3);
    }

    [Fact]
    public async Task The_evaluation_shows_attendance_and_average_rating_per_session_and_week_and_reasons_without_names()
    {
        var p = await ProgressionProgramme.CreateAsync(app);
        var malene = await app.CreateClientAs(DemoUsers.FuresoeProfessional);

        var doc = await malene.GetDocumentAsync($"/forloeb/{p.ProgrammeId}/evaluering");

        Text(doc, "[data-testid=held]").ShouldBe("4");
        Text(doc, "[data-testid=participants]").ShouldBe("3");
        Text(doc, "[data-testid=rate]").ShouldStartWith("75 %");           // 6 of 8 records
        Text(doc, "[data-testid=rate]").ShouldContain("6 af 8 registreringer");
        Text(doc, "[data-testid=rating]").ShouldStartWith("3,7");          // (4+2+5+3+4+4) / 6 = 3.67
        Text(doc, "[data-testid=rating]").ShouldContain("6 svar");
        Text(doc, "[data-testid=mood]").ShouldBe("3,5");                   // (3+2+4+3+4+5) / 6

        string[] Row(int session) => [.. doc.QuerySelector($"#sessions tr[data-session='{session}']")!.Children.Skip(2).Select(c => c.TextContent.Trim())];
        // enrolled, present, with notice, absent, rate, mood, rating
        Row(p.Sessions[0]).ShouldBe(["2", "2", "0", "0", "100 %", "2,5", "3,0 (2 svar)"]);
        Row(p.Sessions[1]).ShouldBe(["2", "1", "1", "0", "50 %", "4,0", "5,0 (1 svar)"]);
        Row(p.Sessions[2]).ShouldBe(["Aflyst"]);
        Row(p.Sessions[3]).ShouldBe(["3", "2", "0", "1", "67 %", "3,5", "3,5 (2 svar)"]);
        Row(p.Sessions[4]).ShouldBe(["2", "1", "0", "0", "100 %", "5,0", "4,0 (1 svar)"]);
        doc.QuerySelector($"#sessions tr[data-session='{p.Sessions[5]}']").ShouldBeNull();

        var weeks = doc.QuerySelectorAll("#weeks tbody tr").Select(r => r.Children.Skip(1).Select(c => c.TextContent.Trim()).ToArray()).ToList();
        weeks.Count.ShouldBe(3);
        weeks[0].ShouldBe(["2", "75 % (3 / 4)", "3,7 (3 svar)"]);
        weeks[1].ShouldBe(["1", "67 % (2 / 3)", "3,5 (2 svar)"]);
        weeks[2].ShouldBe(["1", "100 % (1 / 1)", "4,0 (1 svar)"]);

        var reasons = doc.QuerySelectorAll("#reasons li").Select(li => li.TextContent.Trim()).ToList();
        reasons.ShouldBe(["4 af 5 Bedste gang til nu.", "4 af 5 Rart hold.", "3 af 5 Helt okay.", "4 af 5 Godt at komme i gang.", "2 af 5 For hårdt."]);
        var main = Text(doc, "main");
        foreach (var name in new[] { "Anna", "Bent", "Cecilie", p.Surname })
        {
            main.ShouldNotContain(name);
        }
    }

    [Fact]
    public async Task The_evaluation_period_can_be_narrowed_and_a_period_ending_before_it_starts_is_refused_next_to_the_field()
    {
        var p = await ProgressionProgramme.CreateAsync(app);
        var malene = await app.CreateClientAs(DemoUsers.FuresoeProfessional);

        var week45 = await malene.GetDocumentAsync($"/forloeb/{p.ProgrammeId}/evaluering?from=2026-11-02&to=2026-11-08");
        Text(week45, "[data-testid=held]").ShouldBe("1");
        Text(week45, "[data-testid=rate]").ShouldStartWith("67 %");
        week45.QuerySelectorAll("#reasons li").Length.ShouldBe(2);

        var wrong = await malene.GetDocumentAsync($"/forloeb/{p.ProgrammeId}/evaluering?from=2026-11-08&to=2026-11-02");
        Text(wrong, ".form-error .form-error-message").ShouldBe("Slutdatoen skal ligge efter startdatoen.");
        wrong.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#to")!.Value.ShouldBe("2026-11-02");
        wrong.QuerySelector("#sessions").ShouldBeNull();
    }

    [Fact]
    public async Task An_instructor_of_the_programme_sees_first_names_attendance_and_check_ins_but_no_notes_surname_or_target_group()
    {
        var p = await ProgressionProgramme.CreateAsync(app);
        var ole = await app.CreateClientAs(DemoUsers.OtherInstructor);

        var doc = await ole.GetDocumentAsync($"/forloeb/deltager/{p.Anna}");
        Text(doc, "h1").ShouldStartWith("Anna");
        Text(doc, "[data-testid=rate]").ShouldStartWith("75 %");
        Text(doc, "#sessions").ShouldContain("Bedste gang til nu.");
        var main = Text(doc, "main");
        foreach (var secret in new[] { p.Surname, "note om Anna", "Uden for arbejdsmarkedet", "Næste skridt", "Besøgt", "Malene" })
        {
            main.ShouldNotContain(secret);
        }

        doc.QuerySelector("form[action*='handler=Note']").ShouldBeNull();
        (await ole.GetDocumentAsync($"/forloeb/{p.ProgrammeId}/evaluering")).QuerySelector("#reasons").ShouldNotBeNull();

        // Posting a note anyway (a forged form) is refused and saves nothing.
        var form = await (await app.CreateClientAs(DemoUsers.FuresoeProfessional)).GetFormAsync($"/forloeb/deltager/{p.Anna}");
        var token = (await ole.GetDocumentAsync($"/forloeb/deltager/{p.Anna}")).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        var response = await ole.PostFormAsync($"/forloeb/deltager/{p.Anna}?handler=Note", form, new() { ["Input.Text"] = "Instruktørens note", ["__RequestVerificationToken"] = token ?? "" });
        response.StatusCode.ShouldNotBe(HttpStatusCode.OK);
        (await app.WithDb(db => db.ProgressNotes.CountAsync(n => n.Text == "Instruktørens note", Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task Other_departments_other_instructors_and_club_contacts_cannot_see_the_participant_or_the_evaluation()
    {
        var p = await ProgressionProgramme.CreateAsync(app);
        foreach (var email in new[] { DemoUsers.Instructor, DemoUsers.Professional, DemoUsers.HealthProfessional })
        {
            var client = await app.CreateClientAs(email);
            foreach (var url in new[] { $"/forloeb/deltager/{p.Anna}", $"/forloeb/{p.ProgrammeId}/evaluering" })
            {
                (await client.GetAsync(url, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound, $"{email} {url}");
            }
        }

        var club = await app.CreateClubContactClient();
        var denied = await club.GetAsync($"/forloeb/deltager/{p.Anna}", Ct);
        denied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        denied.Headers.Location!.ToString().ShouldContain("/konto/ingen-adgang");

        (await (await app.CreateClientAs(DemoUsers.FuresoeCoordinator)).GetDocumentAsync($"/forloeb/deltager/{p.Anna}")).QuerySelector("#notes").ShouldNotBeNull();
        (await (await app.CreateCoordinatorClient()).GetAsync($"/forloeb/deltager/{p.Anna}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound); // another municipality's
        (await app.CreateAnonymousClient().GetAsync($"/forloeb/deltager/{p.Anna}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Every_view_of_a_participant_and_of_the_evaluation_is_written_to_the_access_log()
    {
        var p = await ProgressionProgramme.CreateAsync(app);
        var malene = await app.CreateClientAs(DemoUsers.FuresoeProfessional);
        var ole = await app.CreateClientAs(DemoUsers.OtherInstructor);

        await malene.GetDocumentAsync($"/forloeb/deltager/{p.Anna}");
        await ole.GetDocumentAsync($"/forloeb/deltager/{p.Anna}");
        var rows = await app.WithDb(db => db.AccessLog.AsNoTracking().Where(a => a.CitizenId == p.AnnaCitizen).OrderBy(a => a.Id).ToListAsync(Ct));
        rows.Select(r => (r.UserName, r.View)).ShouldBe([("Malene Jobkonsulent", "Forløb: deltagerens progression"), ("Ole Instruktør", "Forløb: deltager (instruktør)")], ignoreOrder: false,
            customMessage: string.Join(", ", rows.Select(r => r.UserName + "/" + r.View)));

        await malene.GetDocumentAsync($"/forloeb/{p.ProgrammeId}/evaluering");
        var list = await app.WithDb(db => db.AccessLog.AsNoTracking().OrderByDescending(a => a.Id).FirstAsync(Ct));
        list.View.ShouldBe("Forløb: evaluering");
        list.CitizenId.ShouldBeNull();
        list.ResultCount.ShouldBe(3);
        list.Search!.ShouldContain(p.Name);
    }

    [Fact]
    public async Task A_consultant_adds_a_note_which_is_shown_first_and_an_empty_note_is_refused_next_to_the_field()
    {
        var p = await ProgressionProgramme.CreateAsync(app);
        var malene = await app.CreateClientAs(DemoUsers.FuresoeProfessional);
        var url = $"/forloeb/deltager/{p.Anna}";
        var form = await malene.GetFormAsync(url, "form[action*='handler=Note']");

        var empty = await malene.PostFormAsync($"{url}?handler=Note", form, new() { ["Input.Text"] = "   " });
        empty.StatusCode.ShouldBe(HttpStatusCode.OK);
        var errorDoc = await empty.ReadDocumentAsync();
        Text(errorDoc, ".form-error .form-error-message").ShouldBe("Skriv noten, før du gemmer.");

        var tooLong = await malene.PostFormAsync($"{url}?handler=Note", form, new() { ["Input.Text"] = new string('x', 4001) });
        var tooLongDoc = await tooLong.ReadDocumentAsync();
        Text(tooLongDoc, ".form-error .form-error-message").ShouldBe("Noten må højst være på 4000 tegn.");
        tooLongDoc.QuerySelector("#Input_Text")!.TextContent.Length.ShouldBe(4001);

        var saved = await malene.PostFormAsync($"{url}?handler=Note", form, new() { ["Input.Text"] = "Anna vil prøve volleyball på torsdag." });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // The same form sent twice (a double click) stores one note.
        await malene.PostFormAsync($"{url}?handler=Note", form, new() { ["Input.Text"] = "Anna vil prøve volleyball på torsdag." });

        var notes = await app.WithDb(db => db.ProgressNotes.AsNoTracking().Where(n => n.EnrolmentId == p.Anna).OrderByDescending(n => n.AtUtc).ToListAsync(Ct));
        notes.Count.ShouldBe(3);
        notes[0].Text.ShouldBe("Anna vil prøve volleyball på torsdag.");
        notes[0].By.ShouldBe("Malene Jobkonsulent");
        var doc = await malene.GetDocumentAsync(url);
        doc.QuerySelectorAll("#notes li")[0].TextContent.ShouldContain("Anna vil prøve volleyball på torsdag.");
    }

    [Fact]
    public async Task The_demo_programmes_pages_render_for_their_consultants()
    {
        var malene = await app.CreateClientAs(DemoUsers.FuresoeProfessional);
        var ids = await app.WithDb(db => db.Enrolments.AsNoTracking().Where(e => e.Programme.Name == "Sundere sammen" && e.Citizen.FirstName == "Sara")
            .Select(e => new { e.Id, e.ProgrammeId }).SingleAsync(Ct));
        var doc = await malene.GetDocumentAsync($"/forloeb/deltager/{ids.Id}");
        doc.QuerySelectorAll("#sessions tbody tr").Length.ShouldBeGreaterThan(10);
        Text(doc, "#notes").ShouldContain("Sara vil gerne prøve volleyball");
        var evaluation = await malene.GetDocumentAsync($"/forloeb/{ids.ProgrammeId}/evaluering");
        evaluation.QuerySelectorAll("#reasons li").Length.ShouldBeGreaterThan(10);
        evaluation.QuerySelector("#sessions")!.TextContent.ShouldContain("Aflyst");
    }
}
