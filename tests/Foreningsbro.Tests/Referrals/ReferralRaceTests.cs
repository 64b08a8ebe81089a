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
}
