using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Security;

/// <summary>The access rules changed with "one home for access rules" (docs/adr/0010-access-rules.md), as a user meets them.</summary>
public class AccessRulesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> BearerClientAs(string email)
    {
        var client = app.CreateAnonymousClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = DemoData.Password }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task Only_coordinators_read_the_funnel_on_the_page_and_through_the_api()
    {
        var coordinator = await BearerClientAs(DemoUsers.Coordinator);
        var funnel = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/reports/funnel", Ct);
        funnel.GetProperty("stages").GetArrayLength().ShouldBeGreaterThan(0);

        foreach (var email in new[] { DemoUsers.Professional, DemoUsers.ClubContact })
        {
            (await (await BearerClientAs(email)).GetAsync("/api/v1/reports/funnel", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, email);
            var page = await (await app.CreateClientAs(email)).GetAsync("/rapporter/tragt", Ct);
            page.Headers.Location!.AbsolutePath.ShouldBe("/konto/ingen-adgang", email);
        }
    }

    [Fact]
    public async Task A_club_contact_cannot_create_a_referral_through_the_api_and_nothing_is_saved()
    {
        var (citizen, team) = await app.WithDb(async db => (
            await db.Citizens.Where(c => c.LastName == "Andersen").Select(c => c.Id).SingleAsync(),
            await db.Teams.Where(t => t.Title == "Stavgang for alle").Select(t => t.Id).SingleAsync()));
        var before = await app.WithDb(db => db.Referrals.CountAsync());

        var response = await (await BearerClientAs(DemoUsers.ClubContact)).PostAsJsonAsync(
            "/api/v1/referrals", new { citizenId = citizen, teamId = team, visitMode = "Alone", visitDate = "2026-11-24" }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.WithDb(db => db.Referrals.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task Instructors_are_refused_by_the_referrals_api_and_club_contacts_still_see_their_clubs_visits()
    {
        (await (await BearerClientAs(DemoUsers.Instructor)).GetAsync("/api/v1/referrals", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var visits = await (await BearerClientAs(DemoUsers.ClubContact)).GetFromJsonAsync<JsonElement>("/api/v1/referrals", Ct);
        visits.EnumerateArray().Select(v => v.GetProperty("team").GetString()).ShouldContain("Stavgang for alle");
    }

    [Fact]
    public async Task A_bearer_token_opens_the_api_but_not_the_pages()
    {
        var professional = await BearerClientAs(DemoUsers.HealthProfessional);

        (await professional.GetAsync("/api/v1/programmes/", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await professional.GetAsync("/forloeb", Ct);
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.AbsolutePath.ShouldBe("/konto/log-ind");
    }
}
