using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Tests.Referrals;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Outcomes;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Outcomes;

/// <summary>
/// Outcomes through the app (issue 15): who sees answers (and that every view is logged), the citizen's link
/// (answering one question per screen, a double submit, revocation, expiry, a withdrawn consent) and the API.
/// On the demo data: Anne Andersen (Høje-Taastrup) has a baseline and a 3-month WHO-5, Eva Petersen's baseline is due.
/// </summary>
public class OutcomeTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<int> CitizenId(string first, string last) =>
        app.WithDb(db => db.Citizens.Where(c => c.FirstName == first && c.LastName == last).Select(c => c.Id).SingleAsync(Ct));

    private Task<string> LinkFor(int citizenId) => app.WithDb(async db =>
    {
        var token = CitizenLinks.Add(db, citizenId, app.Clock.GetUtcNow(), "Test");
        await db.SaveChangesAsync(Ct);
        return token;
    });

    [Fact]
    public async Task The_professional_sees_the_change_and_the_view_is_logged_instructors_clubs_and_other_municipalities_do_not()
    {
        var anne = await CitizenId("Anne", "Andersen");
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var page = await pro.GetDocumentAsync($"/borgere/{anne}/maalinger");
        var who5 = page.QuerySelector("#outcomes-changes tr[data-instrument='who5']")!.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        who5[0].ShouldBe("36");
        who5[1].ShouldStartWith("56");
        who5[2].ShouldBe("+20 – bedre");
        page.QuerySelector("#outcomes-changes tr[data-instrument='ucla3'] td:last-child")!.TextContent.ShouldContain("bedre"); // 7 → 5: lower is better
        page.QuerySelector("#outcomes-chart-who5-title")!.TextContent.ShouldBe("WHO-5 Trivselsindeks");
        (await app.WithDb(db => db.AccessLog.AsNoTracking().Where(a => a.CitizenId == anne && a.View == "Målinger: svar").CountAsync(Ct))).ShouldBeGreaterThan(0);

        foreach (var email in new[] { DemoUsers.Instructor, DemoUsers.ClubContact })
        {
            var denied = await (await app.CreateClientAs(email)).GetAsync($"/borgere/{anne}/maalinger", Ct);
            denied.StatusCode.ShouldBe(HttpStatusCode.Redirect, email);
            denied.Headers.Location!.ToString().ShouldContain("/konto/ingen-adgang");
            (await (await app.CreateClientAs(email)).GetAsync($"/api/v1/citizens/{anne}/outcomes", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, email);
        }

        (await (await app.CreateClientAs(DemoUsers.FuresoeCoordinator)).GetAsync($"/borgere/{anne}/maalinger", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await app.CreateClientAs(DemoUsers.FuresoeCoordinator)).GetAsync($"/api/v1/citizens/{anne}/outcomes", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_progression_page_shows_the_scores_to_the_consultant_and_never_to_the_instructor()
    {
        var lone = await CitizenId("Lone", "Berg");
        var enrolment = await app.WithDb(db => db.Enrolments.Where(e => e.CitizenId == lone).Select(e => e.Id).FirstAsync(Ct));
        var malene = await (await app.CreateClientAs(DemoUsers.FuresoeProfessional)).GetDocumentAsync($"/forloeb/deltager/{enrolment}");
        malene.QuerySelector("#maalinger").ShouldNotBeNull();
        malene.QuerySelector("#outcomes-changes tr[data-instrument='who5']").ShouldNotBeNull();

        var ida = await (await app.CreateClientAs(DemoUsers.Instructor)).GetDocumentAsync($"/forloeb/deltager/{enrolment}");
        ida.QuerySelector("#maalinger").ShouldBeNull();
        ida.QuerySelector("main")!.TextContent.ShouldNotContain("WHO-5");

        var programme = await app.WithDb(db => db.Enrolments.Where(e => e.Id == enrolment).Select(e => e.ProgrammeId).SingleAsync(Ct));
        var evaluation = await (await app.CreateClientAs(DemoUsers.FuresoeProfessional)).GetDocumentAsync($"/forloeb/{programme}/evaluering");
        evaluation.QuerySelector("#group-change tr[data-instrument='who5'] td:last-child")!.TextContent.ShouldBe("0"); // baselines only: no change yet, n = 0
        (await (await app.CreateClientAs(DemoUsers.Instructor)).GetDocumentAsync($"/forloeb/{programme}/evaluering")).QuerySelector("#group-change").ShouldBeNull();
    }

    [Fact]
    public async Task The_citizen_answers_from_the_link_one_question_a_screen_and_a_second_submit_doubles_nothing()
    {
        var eva = await CitizenId("Eva", "Petersen");
        var token = await LinkFor(eva);
        var client = app.CreateAnonymousClient();
        var home = await client.GetAsync($"/mig/{token}", Ct);
        home.Headers.CacheControl!.NoStore.ShouldBeTrue();
        (await home.ReadDocumentAsync()).QuerySelector("#start-questionnaire").ShouldNotBeNull();

        var url = $"/mig/{token}/spoergeskema";
        var doc = await client.GetDocumentAsync(url);
        doc.QuerySelector("#progress-text")!.TextContent.ShouldBe("Spørgsmål 1 af 21");
        // No answer chosen: the same screen again with the error.
        var form = doc.FormValues("#question-form");
        var again = await (await client.PostFormAsync(url, form, new() { ["go"] = "next" })).ReadDocumentAsync();
        again.QuerySelector("#progress-text")!.TextContent.ShouldBe("Spørgsmål 1 af 21");
        again.QuerySelector(".form-error-message")!.TextContent.ShouldContain("Vælg et af svarene");

        // An answer out of the scale is refused the same way.
        var outOfRange = await (await client.PostFormAsync(url, form, new() { ["go"] = "next", ["who5-1"] = "9" })).ReadDocumentAsync();
        outOfRange.QuerySelector("#progress-text")!.TextContent.ShouldBe("Spørgsmål 1 af 21");

        Dictionary<string, string> last = [];
        for (var step = 0; step < 21; step++)
        {
            var field = doc.QuerySelector("#question-form input[type=radio]")!.GetAttribute("name")!;
            var options = doc.QuerySelectorAll($"#question-form input[name='{field}']");
            var value = options[options.Length - 1].GetAttribute("value")!; // the last option
            last = doc.FormValues("#question-form");
            last[field] = field.StartsWith("who5", StringComparison.Ordinal) ? "3" : value;
            last["go"] = "next";
            doc = await (await client.PostFormAsync(url, last)).ReadDocumentAsync();
        }

        doc.QuerySelector("#saved").ShouldNotBeNull(doc.QuerySelector("main")?.TextContent);
        var saved = await app.WithDb(db => db.QuestionnaireResponses.AsNoTracking().Where(r => r.CitizenId == eva && r.Months == 0).ToListAsync(Ct));
        saved.Count.ShouldBe(6);
        var who5 = saved.Single(r => r.Instrument == "who5");
        who5.Score.ShouldBe(60); // 5 × 3 × 4
        who5.Source.ShouldBe(ResponseSource.CitizenLink);

        // The last screen sent again (a double click, the back button): nothing doubled, the first answers stand.
        var second = await (await client.PostFormAsync(url, last, new() { ["who5-1"] = "0" })).ReadDocumentAsync();
        second.QuerySelector("#link-invalid").ShouldBeNull();
        (await app.WithDb(db => db.QuestionnaireResponses.CountAsync(r => r.CitizenId == eva, Ct))).ShouldBe(6);
        (await app.WithDb(db => db.QuestionnaireResponses.Where(r => r.CitizenId == eva && r.Instrument == "who5").Select(r => r.Score).SingleAsync(Ct))).ShouldBe(60);
        (await client.GetDocumentAsync(url)).QuerySelector("#nothing-due").ShouldNotBeNull();

        // The citizen page now shows their own answers.
        (await client.GetDocumentAsync($"/mig/{token}")).QuerySelector("#my-changes tr[data-instrument='who5']").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_revoked_an_expired_or_an_unknown_link_gets_the_same_friendly_page()
    {
        var camilla = await CitizenId("Camilla", "Nielsen");
        var revoked = await LinkFor(camilla);
        var expired = await LinkFor(camilla);
        await app.WithDb(db => db.CitizenLinks.Where(l => l.TokenHash == CitizenLinks.Hash(expired))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAtUtc, app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1)), Ct));
        var client = app.CreateAnonymousClient();
        (await client.GetDocumentAsync($"/mig/{revoked}")).QuerySelector("#link-invalid").ShouldBeNull();

        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var form = await pro.GetFormAsync($"/borgere/{camilla}/maalinger", "form[action*='handler=Revoke']");
        (await pro.PostFormAsync($"/borgere/{camilla}/maalinger?handler=Revoke", form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        string? text = null;
        foreach (var t in new[] { revoked, expired, "AAAAAAAAAAAAAAAAAAAAAA" })
        {
            var doc = await client.GetDocumentAsync($"/mig/{t}");
            doc.QuerySelector("#link-invalid").ShouldNotBeNull(t);
            doc.QuerySelector("main")!.TextContent.ShouldNotContain("Camilla");
            text ??= doc.QuerySelector("main")!.TextContent;
            doc.QuerySelector("main")!.TextContent.ShouldBe(text, "the same page whether or not the citizen exists");
            (await client.GetDocumentAsync($"/mig/{t}/spoergeskema")).QuerySelector("#link-invalid").ShouldNotBeNull();
        }
    }

    [Fact]
    public async Task A_withdrawn_consent_stops_an_open_link_at_once_and_no_questionnaire_is_sent()
    {
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var id = await pro.CreateCitizenAsync("Signe", "Samtykke", consents: ["ShareWithClub", "Reminders", "Questionnaires"]);
        var team = await app.TeamId("Stavgang for alle");
        await pro.CreateReferralAsync(id, team, visitDate: DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddDays(5)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var token = await LinkFor(id);
        var client = app.CreateAnonymousClient();
        var url = $"/mig/{token}/spoergeskema";
        var first = await client.GetDocumentAsync(url);
        var form = first.FormValues("#question-form");

        await app.WithDb(db => db.Consents.Where(c => c.CitizenId == id && c.Purpose == ConsentPurpose.Questionnaires)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.WithdrawnAtUtc, app.Clock.GetUtcNow().UtcDateTime).SetProperty(c => c.WithdrawnBy, "Test"), Ct));

        (await client.GetDocumentAsync($"/mig/{token}")).QuerySelector("#start-questionnaire").ShouldBeNull();
        (await client.GetDocumentAsync(url)).QuerySelector("#nothing-due").ShouldNotBeNull();
        // A screen posted from before the withdrawal saves nothing.
        await client.PostFormAsync(url, form, new() { ["who5-1"] = "3", ["go"] = "next" });
        (await app.WithDb(db => db.QuestionnaireResponses.CountAsync(r => r.CitizenId == id, Ct))).ShouldBe(0);

        // The button is gone without the consent; a form posted from an older page is refused.
        var measurements = await pro.GetDocumentAsync($"/borgere/{id}/maalinger");
        measurements.QuerySelector("form[action*='handler=SendQuestionnaire']").ShouldBeNull();
        measurements.QuerySelector("#no-consent").ShouldNotBeNull();
        var page = measurements.FormValues("form[action*='handler=SendLink']");
        var refused = await (await pro.PostFormAsync($"/borgere/{id}/maalinger?handler=SendQuestionnaire", page)).ReadDocumentAsync();
        refused.ErrorSummary().ShouldContain(e => e.Text.Contains("samtykke", StringComparison.Ordinal));
        (await app.WithDb(db => db.OutboxMessages.CountAsync(m => m.CitizenId == id && (m.Kind == MessageKind.QuestionnaireInvitation || m.Kind == MessageKind.QuestionnaireReminder), Ct))).ShouldBe(0);

        // Nor can a professional keep answers without the consent, by the page or the API.
        var api = await pro.PostAsJsonAsync($"/api/v1/citizens/{id}/outcomes", new { months = 0, answers = new Dictionary<string, int?[]> { ["who5"] = [3, 3, 3, 3, 3] } }, Ct);
        (await api.FieldError("consent")).ShouldContain("samtykke");
        (await app.WithDb(db => db.QuestionnaireResponses.CountAsync(r => r.CitizenId == id, Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task The_api_lists_the_instruments_reads_and_saves_answers_with_the_same_rules_and_logs_the_reads()
    {
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var instruments = await pro.GetFromJsonAsync<JsonElement>("/api/v1/instruments", Ct);
        instruments.EnumerateArray().Select(i => i.GetProperty("code").GetString()).ShouldBe(["who5", "gse", "ucla3", "health", "activity", "labour"]);

        var id = await pro.CreateCitizenAsync("Aksel", "Api", consents: ["Reminders", "Questionnaires"]);
        await pro.CreateReferralAsync(id, await app.TeamId("Stavgang for alle"), visitDate: DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddDays(5)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var url = $"/api/v1/citizens/{id}/outcomes";

        (await (await pro.PostAsJsonAsync(url, new { months = 0, answers = new Dictionary<string, int?[]> { ["who5"] = [3, 3, 9, 3, 3] } }, Ct)).FieldError("who5-3")).ShouldContain("fra 0 til 5");
        (await (await pro.PostAsJsonAsync(url, new { months = 0, answers = new Dictionary<string, int?[]> { ["who5"] = [3, 3] } }, Ct)).FieldError("who5")).ShouldContain("5 spørgsmål");
        (await (await pro.PostAsJsonAsync(url, new { months = 0, answers = new Dictionary<string, int?[]> { ["sf36"] = [3] } }, Ct)).FieldError("instrument")).ShouldContain("Ukendt");
        (await (await pro.PostAsJsonAsync(url, new { months = 4, answers = new Dictionary<string, int?[]> { ["who5"] = [3, 3, 3, 3, 3] } }, Ct)).FieldError("months")).ShouldContain("3 måneder");
        (await (await pro.PostAsJsonAsync(url, new { months = 0 }, Ct)).FieldError("answers")).ShouldNotBeEmpty();
        (await pro.GetAsync("/api/v1/citizens/abc/outcomes", Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await pro.GetAsync("/api/v1/citizens/999999/outcomes", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var body = new { months = 0, answers = new Dictionary<string, int?[]> { ["who5"] = [4, 4, 3, 3, null], ["ucla3"] = [2, 2, 3] } };
        var created = await pro.PostAsJsonAsync(url, body, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var again = await pro.PostAsJsonAsync(url, new { months = 0, answers = new Dictionary<string, int?[]> { ["who5"] = [0, 0, 0, 0, 0] } }, Ct);
        again.StatusCode.ShouldBe(HttpStatusCode.OK, "answered before: the first answer stands");

        var read = await pro.GetFromJsonAsync<JsonElement>(url, Ct);
        var responses = read.GetProperty("responses").EnumerateArray().ToList();
        responses.Count.ShouldBe(2);
        var who5 = responses.Single(r => r.GetProperty("instrument").GetString() == "who5");
        who5.GetProperty("score").ValueKind.ShouldBe(JsonValueKind.Null, "WHO-5 with an item missing is not scored");
        who5.GetProperty("answers")[4].ValueKind.ShouldBe(JsonValueKind.Null);
        who5.GetProperty("enteredBy").GetString().ShouldBe("Jonas Jobkonsulent");
        responses.Single(r => r.GetProperty("instrument").GetString() == "ucla3").GetProperty("score").GetDouble().ShouldBe(7);
        (await app.WithDb(db => db.AccessLog.AsNoTracking().Where(a => a.CitizenId == id && a.View == "API: målinger").CountAsync(Ct))).ShouldBe(1);
    }
}

/// <summary>The app with the citizen link pages' production-like limit, lowered to five a minute.</summary>
public sealed class LowLinkLimitFactory : AppFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Outcomes:LinkRequestsPerMinute", "5");
    }
}

public class CitizenLinkRateLimitTests(LowLinkLimitFactory app) : IClassFixture<LowLinkLimitFactory>
{
    [Fact]
    public async Task One_address_trying_links_is_refused_after_the_limit_and_the_refusal_says_nothing_about_a_citizen()
    {
        var client = app.CreateAnonymousClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            var response = await client.GetAsync($"/mig/{i}AAAAAAAAAAAAAAAAAAAAA", TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        statuses.Take(5).ShouldAllBe(s => s == HttpStatusCode.OK); // the friendly "link does not work" page
        statuses[5].ShouldBe(HttpStatusCode.TooManyRequests);
        // Other pages are not limited by it.
        (await client.GetAsync("/hold", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
