using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Referrals;

using Foreningsbro.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Reports;

public enum FunnelGrouping
{
    None,
    Department,
    Club,
    Team,
    TargetGroup,
}

/// <summary>One row of the funnel: how many of the period's referrals reached each stage, plus no-shows and closures.</summary>
public sealed record FunnelRow(string Group, IReadOnlyList<int> Reached, int NoShow, int Closed)
{
    public int Total => Reached[0];

    /// <summary>Share of the previous stage that reached stage <paramref name="stage"/>, or null when the previous stage is empty.</summary>
    public double? Conversion(int stage) => stage == 0 || Reached[stage - 1] == 0 ? null : (double)Reached[stage] / Reached[stage - 1];
}

public static class Funnel
{
    /// <summary>
    /// The referrals created in the period (Danish dates, both included) from the caller's visible
    /// set, counted by the furthest stage each one reached in its history, so a referral that was
    /// a member and later closed still counts as having become a member.
    /// </summary>
    /// <remarks>
    /// The database does the counting: each referral's furthest stage and whether it ever was a
    /// no-show come from its history by index, and only one row per group, status and outcome comes
    /// back. Loading every referral with its history took the coordinator's national funnel of a
    /// year (about 500,000 referrals) into memory (docs/benchmarks.md, round 3).
    /// </remarks>
    public static async Task<List<FunnelRow>> RunAsync(IQueryable<Referral> visible, DateOnly from, DateOnly to, FunnelGrouping grouping, CancellationToken ct = default)
    {
        var fromUtc = DanishTime.StartUtc(from);
        var toUtc = DanishTime.StartUtc(to.AddDays(1));
        var inPeriod = visible.AsNoTracking().Where(r => r.CreatedAtUtc >= fromUtc && r.CreatedAtUtc < toUtc);
        var keyed = grouping switch
        {
            // Every member is set in every case: EF cannot read a member the initializer left out.
            FunnelGrouping.Department => inPeriod.Select(r => new Keyed { Name = r.Citizen.Department.Name, TargetGroup = null, Referral = r }),
            FunnelGrouping.Club => inPeriod.Select(r => new Keyed { Name = r.Team.Club.Name, TargetGroup = null, Referral = r }),
            FunnelGrouping.Team => inPeriod.Select(r => new Keyed { Name = r.Team.Title, TargetGroup = null, Referral = r }),
            FunnelGrouping.TargetGroup => inPeriod.Select(r => new Keyed { Name = null, TargetGroup = r.Citizen.TargetGroup, Referral = r }),
            _ => inPeriod.Select(r => new Keyed { Name = null, TargetGroup = null, Referral = r }),
        };

        // One row per history step, then one per referral (its furthest stage, whether it ever was a
        // no-show), then one per group and outcome.
        var counts = await keyed
            .SelectMany(k => k.Referral.History.DefaultIfEmpty(), (k, h) => new
            {
                k.Name,
                k.TargetGroup,
                k.Referral.Id,
                k.Referral.Status,
                To = h == null ? (ReferralStatus?)null : h.To,
            })
            .GroupBy(x => new { x.Id, x.Name, x.TargetGroup, x.Status })
            .Select(g => new
            {
                g.Key.Name,
                g.Key.TargetGroup,
                g.Key.Status,
                // NoShow and Closed are not stages: MAX ignores their null.
                Furthest = g.Max(x => ReferralRules.Stage(x.To)),
                NoShow = g.Max(x => x.To == ReferralStatus.NoShow ? 1 : 0),
            })
            .GroupBy(x => new { x.Name, x.TargetGroup, x.Status, x.Furthest, x.NoShow })
            .Select(g => new { g.Key.Name, g.Key.TargetGroup, g.Key.Status, g.Key.Furthest, NoShow = g.Key.NoShow == 1, Count = g.Count() })
            .StagesInDatabase()
            .ToListAsync(ct);

        return [.. counts
            .GroupBy(c => grouping switch
            {
                FunnelGrouping.TargetGroup => c.TargetGroup!.Value.Danish(),
                FunnelGrouping.None => "I alt",
                _ => c.Name!,
            })
            .OrderBy(g => g.Key, StringComparer.Create(Infrastructure.Localization.Danish, false))
            .Select(g =>
            {
                var reached = new int[ReferralRules.Stages.Length];
                int noShow = 0, closed = 0;
                foreach (var c in g)
                {
                    // The current status counts as a step too, as in the history it normally ends with.
                    var furthest = Math.Max(c.Furthest ?? 0, ReferralRules.Stage(c.Status) ?? 0);
                    for (var i = 0; i <= furthest; i++)
                    {
                        reached[i] += c.Count;
                    }

                    noShow += c.NoShow || c.Status == ReferralStatus.NoShow ? c.Count : 0;
                    closed += c.Status == ReferralStatus.Closed ? c.Count : 0;
                }

                return new FunnelRow(g.Key, reached, noShow, closed);
            })];
    }

    private sealed class Keyed
    {
        public string? Name { get; init; }
        public CitizenTargetGroup? TargetGroup { get; init; }
        public required Referral Referral { get; init; }
    }
}
