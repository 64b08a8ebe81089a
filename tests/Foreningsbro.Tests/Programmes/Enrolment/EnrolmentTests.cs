using System.Net;

using AngleSharp.Dom;
using AngleSharp.Html.Dom;

using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Tests.Referrals;
using Foreningsbro.Web.Data;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Programmes;

public class EnrolmentTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_professional_enrols_a_citizen_from_the_citizen_page_in_two_steps_and_a_second_submit_changes_nothing()
    {
        var malene = await app.CreateClientAs(DemoUsers.FuresoeProfessional);
        var sundere = await app.ProgrammeId("Sundere sammen");
        var volley = await app.TeamId("Motionsvolley i Farum");
        var citizenId = await malene.CreateCitizenAsync("Frida", "Forløbsen", postalCode: "3520");

        // Step 1: the "Tilmeld" button on the citizen page.
        var page = await malene.GetDocumentAsync($"/borgere/{citizenId}");
        var link = page.QuerySelector<IHtmlAnchorElement>($"#programme-offers a[data-testid='enrol-{sundere}']")!;
        link.GetAttribute("href").ShouldBe($"/borgere/{citizenId}/forloeb/{sundere}");
        page.QuerySelector("#programme-offers")!.TextContent.ShouldNotContain("Livsstilsholdet");

        // Step 2: the form, filled in with the next session and the professional as consultant.
        var form = await malene.GetFormAsync(link.GetAttribute("href")!);
        form["Input.StartDate"].ShouldBe("2026-11-17");
        var maleneId = await app.WithDb(db => db.Users.Where(u => u.Email == DemoUsers.FuresoeProfessional).Select(u => u.Id).SingleAsync(Ct));
        form["Input.ConsultantId"].ShouldBe(maleneId);
        var changes = new Dictionary<string, string> { ["Input.NextStepTeamId"] = volley.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var sent = await malene.PostFormAsync(link.GetAttribute("href")!, form, changes);
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        sent.Headers.Location!.ToString().ShouldBe($"/borgere/{citizenId}#forloeb");

        // The same form again (a double click): still one enrolment.
        (await malene.PostFormAsync(link.GetAttribute("href")!, form, changes)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var enrolments = await app.WithDb(db => db.Enrolments.AsNoTracking().Where(e => e.CitizenId == citizenId).ToListAsync(Ct));
        enrolments.Count.ShouldBe(1);
        (enrolments[0].ProgrammeId, enrolments[0].StartDate, enrolments[0].ConsultantId, enrolments[0].NextStepTeamId).ShouldBe((sundere, new DateOnly(2026, 11, 17), maleneId, volley));

        // The citizen page lists it; the programme offers no second enrolment; the overview shows the next step.
        page = await malene.GetDocumentAsync($"/borgere/{citizenId}");
        var row = page.QuerySelector($"#enrolments tr[data-enrolment='{enrolments[0].Id}']")!.TextContent;
        row.ShouldContain("Sundere sammen");
        row.ShouldContain("Motionsvolley i Farum");
        page.QuerySelector($"#programme-offers a[data-testid='enrol-{sundere}']").ShouldBeNull();
        (await malene.GetDocumentAsync($"/forloeb/{sundere}")).QuerySelector($"#participants tr[data-enrolment='{enrolments[0].Id}']")!.TextContent.ShouldContain("Motionsvolley i Farum");

        // A new form for the same programme: already enrolled.
        var again = await malene.EnrolAsync(citizenId, sundere);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.ReadDocumentAsync()).QuerySelector("#error-summary")!.TextContent.ShouldContain("Borgeren er allerede tilmeldt »Sundere sammen«.");
    }

    [Fact]
    public async Task A_full_programme_says_so_and_a_bad_start_date_keeps_the_form()
    {
        var malene = await app.CreateClientAs(DemoUsers.FuresoeProfessional);
        var small = await malene.CreateProgrammeAsync("Lille hold", new() { ["Input.Capacity"] = "1" });
        var first = await malene.CreateCitizenAsync("Først", "Tilmeldtsen", postalCode: "3520");
        var second = await malene.CreateCitizenAsync("Anden", "Ventesen", postalCode: "3520");

        var tooEarly = await malene.EnrolAsync(first, small, new() { ["Input.StartDate"] = "2026-11-20" });
        tooEarly.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await tooEarly.ReadDocumentAsync();
        doc.FieldError("Input_StartDate").ShouldBe("Startdatoen kan ikke ligge før forløbets start (23. nov. 2026).");
        doc.InputValue("Input_StartDate").ShouldBe("2026-11-20");

        (await malene.EnrolAsync(first, small)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var full = await malene.EnrolAsync(second, small);
        full.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await full.ReadDocumentAsync()).QuerySelector("#error-summary")!.TextContent.ShouldContain("Forløbet »Lille hold« er fuldt: 1 af 1 pladser er optaget.");
        (await app.WithDb(db => db.Enrolments.CountAsync(e => e.ProgrammeId == small, Ct))).ShouldBe(1);
    }

    [Fact]
    public async Task Ending_an_enrolment_needs_a_reason_and_a_note_for_other_and_frees_the_place()
    {
        var malene = await app.CreateClientAs(DemoUsers.FuresoeProfessional);
        var sundere = await app.ProgrammeId("Sundere sammen");
        var citizenId = await malene.CreateCitizenAsync("Slut", "Afsluttesen", postalCode: "3520");
        (await malene.EnrolAsync(citizenId, sundere, new() { ["Input.StartDate"] = "2026-11-17" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var enrolmentId = await app.WithDb(db => db.Enrolments.Where(e => e.CitizenId == citizenId).Select(e => e.Id).SingleAsync(Ct));
        var url = $"/forloeb/deltager/{enrolmentId}/rediger";
        var form = await malene.GetFormAsync(url, "#end-form");
        form["End.Date"].ShouldBe("2026-11-16");

        var noReason = await malene.PostFormAsync(url + "?handler=End", form, new() { ["End.Date"] = "2026-11-30" });
        var doc = await noReason.ReadDocumentAsync();
        doc.FieldError("End_Reason").ShouldBe("Vælg hvorfor deltagelsen slutter.");
        doc.InputValue("End_Date").ShouldBe("2026-11-30");

        var otherWithoutNote = await malene.PostFormAsync(url + "?handler=End", form, new() { ["End.Date"] = "2026-11-30", ["End.Reason"] = "Other" });
        (await otherWithoutNote.ReadDocumentAsync()).FieldError("End_Note").ShouldBe("Skriv kort hvorfor deltagelsen slutter.");

        var beforeStart = await malene.PostFormAsync(url + "?handler=End", form, new() { ["End.Date"] = "2026-11-10", ["End.Reason"] = "Job" });
        (await beforeStart.ReadDocumentAsync()).FieldError("End_Date").ShouldBe("Sidste dag kan ikke ligge før startdatoen (17. nov. 2026).");

        (await malene.PostFormAsync(url + "?handler=End", form, new() { ["End.Date"] = "2026-11-30", ["End.Reason"] = "Job" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // A double click on the same form: done, not an error.
        (await malene.PostFormAsync(url + "?handler=End", form, new() { ["End.Date"] = "2026-11-30", ["End.Reason"] = "Job" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var enrolment = await app.WithDb(db => db.Enrolments.AsNoTracking().SingleAsync(e => e.Id == enrolmentId, Ct));
        (enrolment.EndDate, enrolment.EndReason).ShouldBe((new DateOnly(2026, 11, 30), EnrolmentEndReason.Job));
        var citizenPage = await malene.GetDocumentAsync($"/borgere/{citizenId}");
        citizenPage.QuerySelector($"#enrolments tr[data-enrolment='{enrolmentId}']")!.TextContent.ShouldContain("Fået job");

        // Another department's professional cannot end it.
        var hanne = await app.CreateClientAs(DemoUsers.HealthProfessional);
        (await hanne.GetAsync(url, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_fixed_length_programme_ends_by_itself_after_its_last_week()
    {
        var malene = await app.CreateClientAs(DemoUsers.FuresoeProfessional);
        var over = await malene.CreateProgrammeAsync("Sommerholdet", new() { ["Input.StartDate"] = "2026-08-03", ["Input.Weeks"] = "6" });
        var citizenId = await malene.CreateCitizenAsync("Sommer", "Deltagersen", postalCode: "3520");
        await app.WithDb(async db =>
        {
            db.Enrolments.Add(new Enrolment { ProgrammeId = over, CitizenId = citizenId, StartDate = new DateOnly(2026, 8, 3), CreatedBy = "Test", IdempotencyKey = Guid.NewGuid() });
            await db.SaveChangesAsync(Ct);
        });

        var overview = await malene.GetDocumentAsync($"/forloeb/{over}");
        overview.QuerySelector("#programme-period")!.TextContent.ShouldContain("til 13. sep. 2026 (6 uger)");
        overview.QuerySelector("#programme-period")!.TextContent.ShouldContain("Forløbet er slut.");
        overview.QuerySelector("#participants").ShouldBeNull();
        overview.QuerySelector("#ended-participants")!.TextContent.ShouldContain("Forløbet sluttede");
        var citizenPage = await malene.GetDocumentAsync($"/borgere/{citizenId}");
        citizenPage.QuerySelector("#enrolments")!.TextContent.ShouldContain("til 13. sep. 2026 (Forløbet sluttede)");
        citizenPage.QuerySelector("#programme-offers")!.TextContent.ShouldNotContain("Sommerholdet");

        var late = await malene.EnrolAsync(await malene.CreateCitizenAsync("For", "Senten", postalCode: "3520"), over);
        (await late.ReadDocumentAsync()).QuerySelector("#error-summary")!.TextContent.ShouldContain("Forløbet »Sommerholdet« sluttede 13. sep. 2026.");
    }
}
