using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Foreningsbro.Tests.Referrals;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Infrastructure;

/// <summary>
/// Issue 14, finding 7: a page form refused by the anti-forgery check (the token missing, expired or
/// someone else's) is shown again, status 400 as HTML, with what was typed and a Danish message saying
/// what to do; nothing is saved, and the form shown again can be sent. Before: the bare error page
/// ("Forespørgslen kunne ikke forstås") and every typed value gone.
/// </summary>
public class RejectedFormTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Message = "Formularen var udløbet, så intet er gemt. Tjek felterne, og send igen.";

    /// <summary>The token: left out, garbled, or valid but issued to another (anonymous) visitor — as after a new login.</summary>
    public static TheoryData<string> Tokens => ["missing", "garbled", "another visitor's"];

    private async Task<Dictionary<string, string>> WithToken(Dictionary<string, string> form, string token)
    {
        var values = new Dictionary<string, string>(form);
        switch (token)
        {
            case "missing":
                values.Remove("__RequestVerificationToken");
                break;
            case "garbled":
                values["__RequestVerificationToken"] = "CfDJ8" + new string('x', 40);
                break;
            default:
                values["__RequestVerificationToken"] = (await app.CreateAnonymousClient().GetFormAsync("/konto/log-ind"))["__RequestVerificationToken"];
                break;
        }

        return values;
    }

    private static async Task<IHtmlDocument> RejectedPage(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        return await response.ReadDocumentAsync();
    }

    private static string[] Checked(IHtmlDocument doc, string name) =>
        [.. doc.QuerySelectorAll<IHtmlInputElement>($"main form input[name='{name}']").Where(i => i.IsChecked).Select(i => i.Value)];

    [Theory]
    [MemberData(nameof(Tokens))]
    public async Task A_refused_new_citizen_form_is_shown_again_with_what_was_typed_and_saves_nothing(string token)
    {
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var form = await WithToken(await pro.GetFormAsync("/borgere/ny"), token);
        var (last, phone) = token switch { "missing" => ("Udløbsen", "20 30 40 11"), "garbled" => ("Forvansksen", "20 30 40 12"), _ => ("Fremmedsen", "20 30 40 13") };

        var response = await pro.PostFormAsync("/borgere/ny", form, new()
        {
            ["Input.FirstName"] = "Tove",
            ["Input.LastName"] = last,
            ["Input.Phone"] = phone,
            ["Input.BirthYear"] = "1961",
            ["Input.PostalCode"] = "2630",
            ["Input.TargetGroup"] = "ChronicIllnessWeakAttachment",
            ["Input.PreferredChannel"] = "Sms",
            ["Input.ConsentMethod"] = "Written",
            ["Input.Consents"] = "Reminders",
        });

        var doc = await RejectedPage(response);
        doc.QuerySelector("h1")!.TextContent.ShouldBe("Opret borger");
        doc.QuerySelector("#error-summary")!.TextContent.ShouldContain(Message);
        doc.InputValue("Input_FirstName").ShouldBe("Tove");
        doc.InputValue("Input_LastName").ShouldBe(last);
        doc.InputValue("Input_Phone").ShouldBe(phone);
        doc.InputValue("Input_BirthYear").ShouldBe("1961");
        doc.InputValue("Input_PostalCode").ShouldBe("2630");
        Checked(doc, "Input.TargetGroup").ShouldBe(["ChronicIllnessWeakAttachment"]);
        Checked(doc, "Input.PreferredChannel").ShouldBe(["Sms"]);
        Checked(doc, "Input.ConsentMethod").ShouldBe(["Written"]);
        Checked(doc, "Input.Consents").ShouldBe(["Reminders"]);
        doc.ErrorSummary().ShouldBeEmpty("the one message has no field to link to: every field was filled in");
        (await app.WithDb(db => db.Citizens.CountAsync(c => c.LastName == last, Ct))).ShouldBe(0);

        // The form shown again carries a fresh token: sending it creates the citizen, once.
        var again = await pro.PostFormAsync("/borgere/ny", doc.FormValues());
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await again.ReadDocumentAsync()).QuerySelector("main")?.TextContent);
        (await app.WithDb(db => db.Citizens.CountAsync(c => c.LastName == last, Ct))).ShouldBe(1);
    }

    [Fact]
    public async Task A_refused_referral_keeps_the_needs_typed_and_refers_no_one()
    {
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var citizen = await pro.CreateCitizenAsync("Ulla", "Udløbet");
        var url = $"/borgere/{citizen}/henvis/{await app.TeamId("Stavgang for alle")}";
        var form = await WithToken(await pro.GetFormAsync(url, "#referral-form"), "garbled");

        var response = await pro.PostFormAsync(url, form, new() { ["Input.NeedsForClub"] = "Har brug for en stol ved siden af", ["Input.VisitMode"] = "WithBuddy" });

        var doc = await RejectedPage(response);
        doc.QuerySelector("#error-summary")!.TextContent.ShouldContain(Message);
        doc.QuerySelector<IHtmlTextAreaElement>("#Input_NeedsForClub")!.Value.ShouldBe("Har brug for en stol ved siden af");
        doc.QuerySelector<IHtmlInputElement>("#referral-form input[name='Input.VisitMode'][value=WithBuddy]")!.IsChecked.ShouldBeTrue();
        (await app.WithDb(db => db.Referrals.CountAsync(r => r.CitizenId == citizen, Ct))).ShouldBe(0);
        (await app.WithDb(db => db.OutboxMessages.CountAsync(m => m.CitizenId == citizen, Ct))).ShouldBe(0);

        var again = await pro.PostFormAsync(url, doc.FormValues("#referral-form"));
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDb(db => db.Referrals.CountAsync(r => r.CitizenId == citizen, Ct))).ShouldBe(1);
    }

    [Fact]
    public async Task A_refused_team_edit_keeps_the_new_title_and_changes_nothing()
    {
        var coordinator = await app.CreateCoordinatorClient();
        var id = await app.TeamId("Stavgang for alle");
        var url = $"/hold/{id}/rediger";
        var form = await WithToken(await coordinator.GetFormAsync(url, "#team-form"), "another visitor's");
        var before = await app.WithDb(db => db.Teams.AsNoTracking().SingleAsync(t => t.Id == id, Ct));

        var response = await coordinator.PostFormAsync(url, form, new() { ["Input.Title"] = "Stavgang for alle (ny tekst)" });

        var doc = await RejectedPage(response);
        doc.QuerySelector("#error-summary")!.TextContent.ShouldContain(Message);
        doc.InputValue("Input_Title").ShouldBe("Stavgang for alle (ny tekst)");
        var after = await app.WithDb(db => db.Teams.AsNoTracking().SingleAsync(t => t.Id == id, Ct));
        after.Title.ShouldBe(before.Title);
        after.Version.ShouldBe(before.Version);
    }

    [Fact]
    public async Task A_form_that_cannot_be_read_is_refused_in_danish_and_shows_what_is_saved()
    {
        var coordinator = await app.CreateCoordinatorClient();
        var id = await app.TeamId("Stavgang for alle");
        var url = $"/hold/{id}/rediger";
        var form = await coordinator.GetFormAsync(url, "#team-form");
        var before = await app.WithDb(db => db.Teams.AsNoTracking().SingleAsync(t => t.Id == id, Ct));

        // A valid token, but a NUL in a value: the form reader refuses %00, so the whole body is unreadable.
        var response = await coordinator.PostFormAsync(url, form, new() { ["Input.Title"] = "Stav\0gang" });

        var doc = await RejectedPage(response);
        doc.QuerySelector("#error-summary")!.TextContent.ShouldContain("Formularen kunne ikke læses, så intet er gemt. Tjek felterne, og send igen.");
        doc.Body!.TextContent.ShouldNotContain("Failed to read");
        doc.Body.TextContent.ShouldNotContain(Message);
        doc.InputValue("Input_Title").ShouldBe(before.Title, "nothing was read, so the page shows what is saved");
        (await app.WithDb(db => db.Teams.AsNoTracking().SingleAsync(t => t.Id == id, Ct))).Version.ShouldBe(before.Version);
    }

    [Fact]
    public async Task A_refused_login_keeps_the_email_and_not_the_password()
    {
        var anonymous = app.CreateAnonymousClient();
        var form = await WithToken(await anonymous.GetFormAsync("/konto/log-ind"), "missing");

        var response = await anonymous.PostFormAsync("/konto/log-ind", form, new() { ["Input.Email"] = DemoUsers.Professional, ["Input.Password"] = "hemmeligt-kodeord" });

        var doc = await RejectedPage(response);
        doc.Body!.TextContent.ShouldContain(Message);
        doc.InputValue("Input_Email").ShouldBe(DemoUsers.Professional);
        doc.InputValue("Input_Password").ShouldBeEmpty();
        response.Headers.TryGetValues("Set-Cookie", out var cookies);
        (cookies ?? []).ShouldNotContain(c => c.StartsWith(".AspNetCore.Identity", StringComparison.Ordinal) || c.Contains("Auth", StringComparison.Ordinal), "not signed in");
    }

    [Fact]
    public async Task A_refused_form_without_an_error_summary_says_it_in_the_page()
    {
        var club = await app.CreateClubContactClient();
        var form = await WithToken(new Dictionary<string, string> { ["referralId"] = "1", ["status"] = "VisitScheduled", ["version"] = "1" }, "missing");

        var response = await club.PostFormAsync("/min-forening/besoeg", form);

        var doc = await RejectedPage(response);
        doc.QuerySelector("h1")!.TextContent.ShouldBe("Besøg på vores hold");
        doc.QuerySelector("#form-rejected")!.TextContent.Trim().ShouldBe(Message);
    }

    [Fact]
    public async Task In_english_the_refused_form_says_it_in_english()
    {
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var form = await WithToken(await pro.GetFormAsync("/borgere/ny?culture=en"), "missing");

        var response = await pro.PostFormAsync("/borgere/ny?culture=en", form, new() { ["Input.FirstName"] = "Tove" });

        var doc = await RejectedPage(response);
        doc.QuerySelector("#error-summary")!.TextContent.ShouldContain("The form had expired, so nothing has been saved. Check the fields and send it again.");
        doc.InputValue("Input_FirstName").ShouldBe("Tove");
    }

    [Fact]
    public async Task A_refused_form_for_something_that_is_not_there_is_still_404()
    {
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var form = await WithToken(await pro.GetFormAsync("/borgere/ny"), "missing");

        var response = await pro.PostFormAsync("/borgere/987654/samtale", form);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
    }

    [Fact]
    public async Task The_api_still_answers_problem_details()
    {
        var pro = await app.CreateClientAs(DemoUsers.Professional);

        var response = await pro.PostAsync("/api/v1/citizens", new StringContent("{\"firstName\":", System.Text.Encoding.UTF8, "application/json"), Ct);

        ((int)response.StatusCode).ShouldBeInRange(400, 499);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
