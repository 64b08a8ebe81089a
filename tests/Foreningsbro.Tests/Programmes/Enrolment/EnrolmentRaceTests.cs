using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Tests.Referrals;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Programmes;
using Foreningsbro.Web.Infrastructure;

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Foreningsbro.Tests.Programmes;

/// <summary>Issue 14: many professionals enrolling at once for the last place fill exactly the places there are (ADR 0012).</summary>
public class EnrolmentRaceTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const int Racers = 25;
    private const int Rounds = 10;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Twenty_five_enrolling_at_once_for_the_last_place_fill_it_once_and_the_others_are_told_in_danish()
    {
        var malene = await app.CreateClientAs(DemoUsers.FuresoeProfessional);
        var citizens = new List<int>();
        for (var i = 0; i <= Racers; i++)
        {
            citizens.Add(await malene.CreateCitizenAsync($"Racer{i}", "Pladsen", postalCode: "3520"));
        }

        var overFilled = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            // Two places, one already taken: one place left for 25 at once.
            var programmeId = await malene.CreateProgrammeAsync($"Sidste plads {round}", new() { ["Input.Capacity"] = "2" });
            (await EnrolAsync(citizens[Racers], programmeId)).Kind.ShouldBe(OutcomeKind.Ok);

            var outcomes = await Task.WhenAll(citizens.Take(Racers).Select(c => Task.Run(() => EnrolAsync(c, programmeId), Ct)));

            var enrolled = await app.WithDb(db => db.Enrolments.CountAsync(e => e.ProgrammeId == programmeId, Ct));
            if (enrolled != 2)
            {
                overFilled.Add($"round {round}: {enrolled} enrolled on 2 places");
                continue;
            }

            outcomes.Count(o => o.Kind == OutcomeKind.Ok).ShouldBe(1);
            foreach (var lost in outcomes.Where(o => o.Kind != OutcomeKind.Ok))
            {
                lost.Kind.ShouldBe(OutcomeKind.Conflict);
                lost.Message!.ShouldMatch($"^Forløbet »Sidste plads {round}« (blev fuldt, mens du tilmeldte|er fuldt: 2 af 2 pladser er optaget)");
            }
        }

        overFilled.ShouldBeEmpty();
    }

    private async Task<Outcome> EnrolAsync(int citizenId, int programmeId)
    {
        // Each racer has a request of its own: its own scope, DbContext and connection.
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var principal = await sp.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync((await users.FindByEmailAsync(DemoUsers.FuresoeProfessional))!);
        var input = new NewEnrolment(citizenId, programmeId, new DateOnly(2026, 11, 23), null, null, Guid.NewGuid());
        return await EnrolmentCommands.EnrolAsync(sp.GetRequiredService<AppDbContext>(), principal, input, AppFactory.Now, Ct);
    }
}
