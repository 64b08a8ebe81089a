using System.Net;

using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Tests.Referrals;
using Foreningsbro.Web.Features.Citizens;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Citizens;

public class VisibilityTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_professional_cannot_open_another_departments_citizen_or_referral()
    {
        var jobcenter = await app.CreateClientAs(DemoUsers.Professional);
        var citizenId = await jobcenter.CreateCitizenAsync("Afdelingsborger", "Jobsen");
        var referralId = await jobcenter.ReferAsync(citizenId, await app.TeamId("Stavgang for alle"));

        var health = await app.CreateClientAs(DemoUsers.HealthProfessional);
        foreach (var url in new[] { $"/borgere/{citizenId}", $"/borgere/{citizenId}/samtale", $"/borgere/{citizenId}/forslag", $"/borgere/{citizenId}/henvis/{await app.TeamId("Stavgang for alle")}", $"/henvisninger/{referralId}" })
        {
            (await health.GetAsync(url, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        }

        var list = await health.GetDocumentAsync("/borgere");
        list.QuerySelector("main")!.TextContent.ShouldNotContain("Afdelingsborger");
        var own = await jobcenter.GetDocumentAsync("/borgere?q=afdelingsborger");
        own.QuerySelector("table")!.TextContent.ShouldContain("Afdelingsborger Jobsen");

        var coordinator = await app.CreateCoordinatorClient();
        (await coordinator.GetDocumentAsync($"/borgere/{citizenId}")).QuerySelector("h1")!.TextContent.ShouldBe("Afdelingsborger Jobsen");
    }

    [Fact]
    public async Task Club_contacts_and_instructors_cannot_open_citizen_pages()
    {
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var citizenId = await pro.CreateCitizenAsync("Lukket", "Dørsen");
        foreach (var email in new[] { DemoUsers.ClubContact, DemoUsers.Instructor })
        {
            var client = await app.CreateClientAs(email);
            foreach (var url in new[] { "/borgere", $"/borgere/{citizenId}", "/mine-opgaver", "/rapporter/tragt", "/udbakke", $"/borgere/{citizenId}/adgangslog" })
            {
                var response = await client.GetAsync(url, Ct);
                response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{email} {url}");
                response.Headers.Location!.ToString().ShouldContain("/konto/ingen-adgang");
            }
        }

        (await (await app.CreateClientAs(DemoUsers.Professional)).GetAsync("/min-forening/besoeg", Ct)).Headers.Location!.ToString().ShouldContain("/konto/ingen-adgang");
    }

    [Fact]
    public async Task The_club_visit_list_shows_only_the_own_clubs_visits_and_none_of_the_non_consented_data()
    {
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var sharing = await pro.CreateCitizenAsync("Deler", "Efternavnesen", "51 51 51 51", more: new() { ["Input.Email"] = "deler@example.dk" });
        var notSharing = await pro.CreateCitizenAsync("Tavs", "Hemmeligsen", "52 52 52 52", consents: ["Reminders"]);
        var conversation = await pro.GetFormAsync($"/borgere/{sharing}/samtale");
        await pro.PostFormAsync($"/borgere/{sharing}/samtale", conversation, new() { ["Input.Motivation"] = "3", ["Input.Note"] = "Fortrolig note om helbredet", ["Input.ImaginedClub"] = "Noget med bold" });
        var stavgang = await app.TeamId("Stavgang for alle");
        await pro.ReferAsync(sharing, stavgang, new() { ["Input.NeedsForClub"] = "Vil gerne tages imod ved døren" });
        await pro.ReferAsync(notSharing, stavgang, new() { ["Input.NeedsForClub"] = "Må ikke ses af foreningen" });
        await pro.ReferAsync(sharing, await app.TeamId("Motionsbordtennis"));

        var club = await app.CreateClubContactClient();
        var text = (await club.GetDocumentAsync("/min-forening/besoeg")).QuerySelector("main")!.TextContent;
        text.ShouldContain("Deler");
        text.ShouldContain("51 51 51 51");
        text.ShouldContain("Vil gerne tages imod ved døren");
        text.ShouldContain("Ny deltager");
        foreach (var secret in new[] { "Efternavnesen", "Tavs", "Hemmeligsen", "52 52 52 52", "Må ikke ses af foreningen", "deler@example.dk", "Fortrolig note", "Noget med bold", "Uden for arbejdsmarkedet", "1975", "Motionsbordtennis" })
        {
            text.ShouldNotContain(secret);
        }

        var otherClub = await app.CreateClientAs(DemoUsers.OtherClubContact);
        var other = (await otherClub.GetDocumentAsync("/min-forening/besoeg")).QuerySelector("main")!.TextContent;
        other.ShouldContain("Motionsbordtennis");
        other.ShouldNotContain("Stavgang for alle");

        // Withdrawing the consent hides the name and phone from the club at once.
        var page = await pro.GetDocumentAsync($"/borgere/{sharing}");
        await pro.PostFormAsync($"/borgere/{sharing}?handler=Withdraw", page.FormValues("form[action$='handler=Withdraw']:has(input[value='ShareWithClub'])"));
        var after = (await club.GetDocumentAsync("/min-forening/besoeg")).QuerySelector("main")!.TextContent;
        after.ShouldNotContain("Deler");
        after.ShouldNotContain("51 51 51 51");
        after.ShouldNotContain("Vil gerne tages imod ved døren");
    }

    [Fact]
    public async Task A_club_contact_cannot_report_on_another_clubs_referral()
    {
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var citizenId = await pro.CreateCitizenAsync("Fremmed", "Klubsen");
        var referralId = await pro.ReferAsync(citizenId, await app.TeamId("Stavgang for alle"));
        var other = await app.CreateClientAs(DemoUsers.OtherClubContact);
        var form = await other.GetFormAsync("/min-forening/besoeg", "form") is var f && f.Count > 0 ? f : [];
        var response = await other.PostFormAsync("/min-forening/besoeg", form, new() { ["referralId"] = referralId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["status"] = "Visited", ["version"] = "0" });
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.Referral(referralId)).Status.ShouldBe(Web.Data.ReferralStatus.Referred);
    }

    [Fact]
    public async Task Every_view_of_a_citizen_and_every_list_writes_the_access_log_which_the_coordinator_can_read()
    {
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var citizenId = await pro.CreateCitizenAsync("Logget", "Loggesen");
        var before = await app.AccessLogCount(citizenId);
        await pro.GetDocumentAsync($"/borgere/{citizenId}");
        await pro.GetDocumentAsync($"/borgere/{citizenId}/forslag");
        (await app.AccessLogCount(citizenId)).ShouldBe(before + 2);

        var api = await app.CreateBearerClientAs(DemoUsers.Professional);
        await api.GetStringAsync($"/api/v1/citizens/{citizenId}", Ct);
        (await app.AccessLogCount(citizenId)).ShouldBe(before + 3);

        await pro.GetDocumentAsync("/borgere?q=loggesen");
        var search = await app.WithDb(db => db.AccessLog.OrderByDescending(a => a.Id).FirstAsync(Ct));
        search.View.ShouldBe("Borgerliste");
        search.Search.ShouldBe("loggesen");
        search.ResultCount.ShouldBe(1);
        search.UserName.ShouldBe("Jonas Jobkonsulent");

        var coordinator = await app.CreateCoordinatorClient();
        var log = await coordinator.GetDocumentAsync($"/borgere/{citizenId}/adgangslog");
        var rows = log.QuerySelectorAll("#access-log tbody tr");
        rows.Length.ShouldBe(before + 3);
        rows.ShouldContain(r => r.TextContent.Contains("Jonas Jobkonsulent", StringComparison.Ordinal) && r.TextContent.Contains("Borgerside", StringComparison.Ordinal));
        (await pro.GetAsync($"/borgere/{citizenId}/adgangslog", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
