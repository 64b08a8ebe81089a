using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Referrals;

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
    public static async Task<List<FunnelRow>> RunAsync(IQueryable<Referral> visible, DateOnly from, DateOnly to, FunnelGrouping grouping, CancellationToken ct = default)
    {
        var fromUtc = TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), NextSession.DanishTime);
        var toUtc = TimeZoneInfo.ConvertTimeToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), NextSession.DanishTime);
        var rows = await visible.AsNoTracking()
            .Where(r => r.CreatedAtUtc >= fromUtc && r.CreatedAtUtc < toUtc)
            .Select(r => new
            {
                Department = r.Citizen.Department.Name,
                Club = r.Team.Club.Name,
                Team = r.Team.Title,
                r.Citizen.TargetGroup,
                r.Status,
                Steps = r.History.Select(h => h.To).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(ct);

        return [.. rows
            .GroupBy(r => grouping switch
            {
                FunnelGrouping.Department => r.Department,
                FunnelGrouping.Club => r.Club,
                FunnelGrouping.Team => r.Team,
                FunnelGrouping.TargetGroup => r.TargetGroup.Danish(),
                _ => "I alt",
            })
            .OrderBy(g => g.Key, StringComparer.Create(Infrastructure.Localization.Danish, false))
            .Select(g =>
            {
                var reached = new int[ReferralRules.Stages.Length];
                int noShow = 0, closed = 0;
                foreach (var r in g)
                {
                    var steps = r.Steps.Append(r.Status).ToList();
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
