using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Tests.Referrals;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Referrals;
using Foreningsbro.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Reports;

/// <summary>The funnel counted by the database equals the funnel counted by hand from every referral's history.</summary>
public class FunnelTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(FunnelGrouping.None)]
    [InlineData(FunnelGrouping.Department)]
    [InlineData(FunnelGrouping.Club)]
    [InlineData(FunnelGrouping.Team)]
    [InlineData(FunnelGrouping.TargetGroup)]
    public async Task Every_grouping_counts_each_referral_by_the_furthest_stage_in_its_history(FunnelGrouping grouping)
    {
        var from = new DateOnly(2020, 1, 1);
        var to = new DateOnly(2030, 12, 31);

        var rows = await app.WithDb(db => Funnel.RunAsync(db.Referrals, from, to, grouping, Ct));
        var expected = await app.WithDb(db => ByHand(db, grouping));

        expected.Sum(r => r.Total).ShouldBeGreaterThan(5, "the demo data must have referrals to count");
        expected.Sum(r => r.Reached[3]).ShouldBeGreaterThan(0, "and some that became members");
        expected.Sum(r => r.NoShow + r.Closed).ShouldBeGreaterThan(0, "and some that did not show or were closed");
        rows.Select(r => r.Group).ShouldBe(expected.Select(r => r.Group));
        foreach (var (row, want) in rows.Zip(expected))
        {
            row.Reached.ShouldBe(want.Reached, row.Group);
            row.NoShow.ShouldBe(want.NoShow, row.Group);
            row.Closed.ShouldBe(want.Closed, row.Group);
        }
    }

    [Fact]
    public async Task Referrals_created_outside_the_period_are_not_counted()
    {
        var all = await app.WithDb(db => db.Referrals.Select(r => r.CreatedAtUtc).ToListAsync(Ct));
        var first = DateOnly.FromDateTime(all.Min());

        var before = await app.WithDb(db => Funnel.RunAsync(db.Referrals, first.AddYears(-2), first.AddDays(-1), FunnelGrouping.None, Ct));

        before.ShouldBeEmpty();
    }

    // The funnel's rule written out in plain C# over the loaded rows, independent of the query.
    private static async Task<List<FunnelRow>> ByHand(AppDbContext db, FunnelGrouping grouping)
    {
        var referrals = await db.Referrals.AsNoTracking()
            .Include(r => r.History).Include(r => r.Citizen).ThenInclude(c => c.Department).Include(r => r.Team).ThenInclude(t => t.Club)
            .ToListAsync(Ct);
        return [.. referrals
            .GroupBy(r => grouping switch
            {
                FunnelGrouping.Department => r.Citizen.Department.Name,
                FunnelGrouping.Club => r.Team.Club.Name,
                FunnelGrouping.Team => r.Team.Title,
                FunnelGrouping.TargetGroup => r.Citizen.TargetGroup.Danish(),
                _ => "I alt",
            })
            .OrderBy(g => g.Key, StringComparer.Create(new System.Globalization.CultureInfo("da-DK"), false))
            .Select(g =>
            {
                var reached = new int[ReferralRules.Stages.Length];
                int noShow = 0, closed = 0;
                foreach (var r in g)
                {
                    var steps = r.History.Select(h => h.To).Append(r.Status).ToList();
                    var furthest = steps.Select(ReferralRules.Stage).Max() ?? 0;
                    for (var i = 0; i <= furthest; i++)
                    {
                        reached[i]++;
                    }

                    noShow += steps.Contains(ReferralStatus.NoShow) ? 1 : 0;
                    closed += r.Status == ReferralStatus.Closed ? 1 : 0;
                }

                return new FunnelRow(g.Key, reached, noShow, closed);
            })];
    }
}
