using System.Net;

using AngleSharp.Dom;

using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Referrals;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Referrals;

public class FormTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bad_citizen_input_shows_danish_errors_by_the_fields_and_keeps_what_was_typed()
    {
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var before = await app.WithDb(db => db.Citizens.CountAsync(Ct));
        var form = await pro.GetFormAsync("/borgere/ny");
        var response = await pro.PostFormAsync("/borgere/ny", form, new()
        {
            ["Input.FirstName"] = "Fejl",
            ["Input.LastName"] = "Fejlsen",
            ["Input.Phone"] = "123",
            ["Input.Email"] = "ikke@",
            ["Input.BirthYear"] = "2031",
            ["Input.PostalCode"] = "26",
            ["Input.TargetGroup"] = "Other",
            ["Input.PreferredChannel"] = "Sms",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await response.ReadDocumentAsync();
        string Error(string field) => doc.QuerySelector($"[data-valmsg-for='Input.{field}']")!.TextContent;
        Error("Phone").ShouldBe("Telefonnummeret er ikke gyldigt. Skriv 8 cifre, evt. med +45 foran.");
        Error("Email").ShouldBe("E-mailadressen er ikke gyldig.");
        Error("BirthYear").ShouldBe("Fødselsåret skal ligge mellem 1900 og 2026.");
        Error("PostalCode").ShouldBe("Skriv et postnummer med 4 cifre.");
        doc.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_FirstName")!.Value.ShouldBe("Fejl");
        doc.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Phone")!.Value.ShouldBe("123");
        (await app.WithDb(db => db.Citizens.CountAsync(Ct))).ShouldBe(before);

        var letters = await pro.PostFormAsync("/borgere/ny", form, new() { ["Input.BirthYear"] = "nitten" });
        (await letters.ReadDocumentAsync()).QuerySelector("[data-valmsg-for='Input.BirthYear']")!.TextContent.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_possible_duplicate_is_pointed_out_before_creating()
    {
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var first = await pro.CreateCitizenAsync("Dorte", "Dobbeltsen", "61 61 61 61");
        var form = await pro.GetFormAsync("/borgere/ny");
        var changes = new Dictionary<string, string>
        {
            ["Input.FirstName"] = "dorte",
            ["Input.LastName"] = "Dobbeltsen",
            ["Input.BirthYear"] = "1975",
            ["Input.PostalCode"] = "2630",
            ["Input.TargetGroup"] = "Other",
            ["Input.PreferredChannel"] = "Phone",
            ["Input.Phone"] = "",
        };
        var warned = await pro.PostFormAsync("/borgere/ny", form, changes);
        warned.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await warned.ReadDocumentAsync();
        doc.QuerySelector("#duplicates")!.TextContent.ShouldContain("samme navn og fødselsår");
        doc.QuerySelector($"#duplicates a[href='/borgere/{first}']").ShouldNotBeNull();

        var samePhone = await pro.PostFormAsync("/borgere/ny", form, new(changes) { ["Input.FirstName"] = "Anden", ["Input.Phone"] = "+45 61616161" });
        (await samePhone.ReadDocumentAsync()).QuerySelector("#duplicates")!.TextContent.ShouldContain("samme telefonnummer");

        var confirmed = await pro.PostFormAsync("/borgere/ny", doc.FormValues(), new() { ["Input.ConfirmDuplicate"] = "true" });
        confirmed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDb(db => db.Citizens.CountAsync(c => c.LastName == "Dobbeltsen", Ct))).ShouldBe(2);
    }

    [Fact]
    public async Task Submitting_the_same_referral_form_twice_creates_one_referral()
    {
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var citizenId = await pro.CreateCitizenAsync("Klikke", "Dobbeltklik");
        var url = $"/borgere/{citizenId}/henvis/{await app.TeamId("Stavgang for alle")}";
        var form = await pro.GetFormAsync(url);
        var responses = await Task.WhenAll(pro.PostFormAsync(url, form), pro.PostFormAsync(url, form));
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Redirect);
        responses[0].Headers.Location.ShouldBe(responses[1].Headers.Location);
        var again = await pro.PostFormAsync(url, form);
        again.Headers.Location.ShouldBe(responses[0].Headers.Location);
        (await app.WithDb(db => db.Referrals.CountAsync(r => r.CitizenId == citizenId, Ct))).ShouldBe(1);
        (await app.WithDb(db => db.OutboxMessages.CountAsync(m => m.CitizenId == citizenId && m.Kind == MessageKind.VisitConfirmation, Ct))).ShouldBe(1);
    }

    [Fact]
    public async Task A_visit_date_in_the_past_is_refused_next_to_the_field()
    {
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var citizenId = await pro.CreateCitizenAsync("Gammel", "Datosen");
        var url = $"/borgere/{citizenId}/henvis/{await app.TeamId("Stavgang for alle")}";
        var response = await pro.PostFormAsync(url, await pro.GetFormAsync(url), new() { ["Input.VisitDate"] = "2026-11-10" });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await response.ReadDocumentAsync();
        doc.QuerySelector("[data-valmsg-for='Input.VisitDate']")!.TextContent.ShouldBe("Besøgsdatoen ligger i fortiden. Vælg en dag fra i dag og frem.");
        doc.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_VisitDate")!.Value.ShouldBe("2026-11-10");
        (await app.WithDb(db => db.Referrals.CountAsync(r => r.CitizenId == citizenId, Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task A_stale_status_form_says_someone_changed_it_and_shows_the_current_status()
    {
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var citizenId = await pro.CreateCitizenAsync("Forældet", "Formsen");
        var referralId = await pro.ReferAsync(citizenId, await app.TeamId("Stavgang for alle"));
        var url = $"/henvisninger/{referralId}";
        var stale = await pro.GetFormAsync(url, "#status-form");

        var coordinator = await app.CreateCoordinatorClient();
        (await coordinator.PostFormAsync(url, await coordinator.GetFormAsync(url, "#status-form"), new() { ["Input.Status"] = "Visited" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var response = await pro.PostFormAsync(url, stale, new() { ["Input.Status"] = "NoShow" });
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var doc = await response.ReadDocumentAsync();
        doc.QuerySelector(".alert-error")!.TextContent.ShouldContain("ændret af en anden i mellemtiden");
        doc.QuerySelector("#status")!.TextContent.ShouldBe("Besøgt");
        (await app.Referral(referralId)).Status.ShouldBe(ReferralStatus.Visited);
    }

    [Fact]
    public async Task Closing_from_the_page_keeps_who_when_and_why()
    {
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var citizenId = await pro.CreateCitizenAsync("Flyttet", "Væksen");
        var referralId = await pro.ReferAsync(citizenId, await app.TeamId("Stavgang for alle"));
        var url = $"/henvisninger/{referralId}";
        var moved = await app.WithDb(db => db.ClosingReasons.Where(c => c.Name == "Flyttet").Select(c => c.Id).SingleAsync(Ct));

        var missing = await pro.PostFormAsync(url, await pro.GetFormAsync(url, "#status-form"), new() { ["Input.Status"] = "Closed" });
        (await missing.ReadDocumentAsync()).QuerySelector("[data-valmsg-for='Input.ClosingReasonId']")!.TextContent.ShouldBe("Vælg hvorfor forløbet afsluttes.");

        var ok = await pro.PostFormAsync(url, await pro.GetFormAsync(url, "#status-form"), new() { ["Input.Status"] = "Closed", ["Input.ClosingReasonId"] = moved.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.Reason"] = "Flytter til Aarhus" });
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var doc = await pro.GetDocumentAsync(url);
        doc.QuerySelector("#status")!.TextContent.ShouldBe("Afsluttet (Flyttet)");
        var rows = doc.QuerySelectorAll("#history tbody tr");
        var last = rows[^1].TextContent;
        last.ShouldContain("Henvist → Afsluttet");
        last.ShouldContain("Jonas Jobkonsulent");
        last.ShouldContain("Flyttet – Flytter til Aarhus");
        doc.QuerySelector("#status-form").ShouldBeNull();
    }
}
