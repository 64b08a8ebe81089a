using System.Net;
using System.Net.Http.Json;

using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Referrals;

/// <summary>Issue 14: a citizen has at most one open referral to a team, however many submits arrive at once.</summary>
public class ReferralRaceTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ten_referrals_at_once_without_a_key_make_one_open_referral_and_one_set_of_messages()
    {
        var client = await app.CreateBearerClientAs(DemoUsers.Professional);
        var citizenId = await client.CreateCitizenAsync(Api.Citizen("Samtidig"));
        var teamId = await app.TeamId("Stavgang for alle");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(
            () => client.PostAsJsonAsync("/api/v1/referrals", new { citizenId, teamId, visitMode = "Alone", visitDate = "2026-11-24" }, Ct), Ct)));

        var open = await app.WithDb(db => db.Referrals.AsNoTracking()
            .Where(r => r.CitizenId == citizenId && r.TeamId == teamId && r.Status != ReferralStatus.Closed).Select(r => r.Id).ToListAsync(Ct));
        open.Count.ShouldBe(1);
        var messages = await app.WithDb(db => db.OutboxMessages.AsNoTracking().Where(m => m.CitizenId == citizenId || m.Referral!.CitizenId == citizenId)
            .Select(m => new { m.ReferralId, m.Kind }).ToListAsync(Ct));
        messages.ShouldNotBeEmpty();
        messages.ShouldAllBe(m => m.ReferralId == open[0]);
        messages.Select(m => m.Kind).Distinct().Count().ShouldBe(messages.Count);

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        foreach (var second in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            second.StatusCode.ShouldBe(HttpStatusCode.Conflict, await second.Content.ReadAsStringAsync(Ct));
            var problem = await second.Problem();
            problem.GetProperty("detail").GetString()!.ShouldContain("Borgeren har allerede en åben henvisning til dette hold");
            problem.GetProperty("existingReferralId").GetInt32().ShouldBe(open[0]);
        }
    }

    [Fact]
    public async Task Two_tabs_referring_at_once_make_one_referral_and_the_other_page_links_to_it()
    {
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var citizenId = await pro.CreateCitizenAsync("Tofane", "Samtidigsen");
        var url = $"/borgere/{citizenId}/henvis/{await app.TeamId("Stavgang for alle")}";

        // Two forms, each with its own idempotency key, as two tabs or two professionals would have.
        var forms = await Task.WhenAll(pro.GetFormAsync(url), pro.GetFormAsync(url));
        forms[0]["Input.IdempotencyKey"].ShouldNotBe(forms[1]["Input.IdempotencyKey"]);
        var responses = await Task.WhenAll(forms.Select(f => Task.Run(() => pro.PostFormAsync(url, f), Ct)));

        var open = await app.WithDb(db => db.Referrals.Where(r => r.CitizenId == citizenId).Select(r => r.Id).ToListAsync(Ct));
        open.Count.ShouldBe(1);
        (await app.WithDb(db => db.OutboxMessages.CountAsync(m => m.CitizenId == citizenId && m.Kind == MessageKind.VisitConfirmation, Ct))).ShouldBe(1);
        var won = responses.Single(r => r.StatusCode == HttpStatusCode.Redirect);
        won.Headers.Location!.ToString().ShouldBe($"/henvisninger/{open[0]}");
        var lost = responses.Single(r => r != won);
        lost.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await lost.ReadDocumentAsync();
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Borgeren har allerede en åben henvisning til dette hold.");
        page.QuerySelector("a[data-testid='existing-referral']")!.GetAttribute("href").ShouldBe($"/henvisninger/{open[0]}");
    }
}
