using System.Net;

using AngleSharp.Dom;
using AngleSharp.Html.Dom;

using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Referrals;

/// <summary>The referral forms: a version or a choice the form leaves out is asked for, never read as 0 or as the first member.</summary>
public class ReferralInputTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<(ReferralStatus Status, int Version, int Changes)> SavedAsync(int referralId) => app.WithDb(async db =>
    {
        var r = await db.Referrals.AsNoTracking().SingleAsync(x => x.Id == referralId, Ct);
        return (r.Status, r.Version, await db.ReferralStatusChanges.CountAsync(h => h.ReferralId == referralId, Ct));
    });

    private async Task<int> NewReferralAsync(HttpClient pro, string firstName)
    {
        var citizen = await pro.CreateCitizenAsync(firstName, "Formsen");
        return await pro.ReferAsync(citizen, await app.TeamId("Stavgang for alle"));
    }

    [Fact]
    public async Task A_status_form_without_its_version_is_refused_and_the_status_stays()
    {
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var referral = await NewReferralAsync(pro, "Versionsløs");
        var before = await SavedAsync(referral);
        before.Version.ShouldBe(0, "a row never edited: what an absent version used to read as");
        var url = $"/henvisninger/{referral}";
        var form = await pro.GetFormAsync(url, "#status-form");
        form.Remove("Input.Version");

        var response = await pro.PostFormAsync(url, form, new() { ["Input.Status"] = "Visited", ["Input.Reason"] = "Ringede" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await response.ReadDocumentAsync();
        doc.QuerySelector(".alert-error")!.TextContent.ShouldContain(Forms.MissingVersionMessage);
        doc.QuerySelector<IHtmlTextAreaElement>("#Input_Reason")!.Value.ShouldBe("Ringede");
        (await SavedAsync(referral)).ShouldBe(before);
    }

    [Fact]
    public async Task A_club_visit_button_without_its_status_or_version_is_refused_and_the_status_stays()
    {
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var referral = await NewReferralAsync(pro, "Knapløs");
        var before = await SavedAsync(referral);
        var club = await app.CreateClubContactClient();
        var token = (await club.GetFormAsync("/min-forening/besoeg", $"tr[data-referral='{referral}'] form"))["__RequestVerificationToken"];

        var noVersion = await club.PostFormAsync("/min-forening/besoeg", new() { ["__RequestVerificationToken"] = token, ["referralId"] = $"{referral}", ["status"] = "VisitScheduled" });
        var afterNoVersion = await club.GetDocumentAsync("/min-forening/besoeg");
        var noStatus = await club.PostFormAsync("/min-forening/besoeg", new() { ["__RequestVerificationToken"] = token, ["referralId"] = $"{referral}", ["version"] = $"{before.Version}" });
        var afterNoStatus = await club.GetDocumentAsync("/min-forening/besoeg");

        noVersion.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        afterNoVersion.QuerySelector("main .alert")!.TextContent.ShouldContain(Forms.MissingVersionMessage);
        noStatus.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        afterNoStatus.QuerySelector("main .alert")!.TextContent.ShouldContain("Vælg en gyldig status.");
        (await SavedAsync(referral)).ShouldBe(before);
    }

    [Fact]
    public async Task A_referral_form_without_the_visit_mode_asks_for_it_and_refers_no_one()
    {
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var citizen = await pro.CreateCitizenAsync("Uden", "Besøgsform");
        var url = $"/borgere/{citizen}/henvis/{await app.TeamId("Stavgang for alle")}";
        var form = await pro.GetFormAsync(url, "#referral-form");
        form["Input.VisitMode"].ShouldBe("Alone", "the page fills in the usual choice");
        form.Remove("Input.VisitMode");

        var response = await pro.PostFormAsync(url, form, new() { ["Input.NeedsForClub"] = "Kommer med sin søster" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await response.ReadDocumentAsync();
        doc.FieldError("mode-Alone").ShouldBe("Vælg hvordan det første besøg foregår.");
        doc.QuerySelector<IHtmlTextAreaElement>("#Input_NeedsForClub")!.Value.ShouldBe("Kommer med sin søster");
        (await app.WithDb(db => db.Referrals.CountAsync(r => r.CitizenId == citizen, Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task A_conversation_form_without_its_kind_asks_for_it_and_saves_nothing()
    {
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var citizen = await pro.CreateCitizenAsync("Uden", "Samtaleart");
        var url = $"/borgere/{citizen}/samtale";
        var form = await pro.GetFormAsync(url);
        form["Input.Kind"].ShouldBe("Clarifying", "the page fills in the usual choice");
        form.Remove("Input.Kind");

        var response = await pro.PostFormAsync(url, form, new() { ["Input.Motivation"] = "4", ["Input.ImaginedClub"] = "Noget med bold" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await response.ReadDocumentAsync();
        doc.FieldError("kind-Clarifying").ShouldBe("Vælg samtalens art: afklarende eller opfølgende.");
        doc.InputValue("Input_ImaginedClub").ShouldBe("Noget med bold");
        (await app.WithDb(db => db.Conversations.CountAsync(c => c.CitizenId == citizen, Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task A_closing_reason_button_without_its_choice_is_refused_and_the_reason_stays_hidden()
    {
        var reason = await app.WithDb(db => db.ClosingReasons.OrderBy(r => r.Id).Select(r => r.Id).FirstAsync(Ct));
        await app.WithDb(db => db.ClosingReasons.Where(r => r.Id == reason).ExecuteUpdateAsync(u => u.SetProperty(r => r.Archived, true), Ct));
        var coordinator = await app.CreateCoordinatorClient();
        var url = "/henvisninger/afslutningsaarsager";
        var token = (await coordinator.GetFormAsync(url, "#add-reason"))["__RequestVerificationToken"];

        var response = await coordinator.PostFormAsync(url + "?handler=Archive", new() { ["__RequestVerificationToken"] = token, ["id"] = $"{reason}" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.ReadDocumentAsync()).QuerySelector("#error-summary")!.TextContent.ShouldContain("Vælg, om årsagen skal skjules eller bruges igen.");
        (await app.WithDb(db => db.ClosingReasons.Where(r => r.Id == reason).Select(r => r.Archived).SingleAsync(Ct))).ShouldBeTrue();
    }
}
