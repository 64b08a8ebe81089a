using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;

namespace Foreningsbro.Web.Features.Catalogue;

/// <summary>
/// When a team next meets, from its weekly schedule, its season and its breaks.
/// Schedules are wall-clock times in Danish local time, so a session at 10:00 stays at 10:00
/// across the change to and from summer time.
/// </summary>
public static class NextSession
{
    /// <summary>
    /// The start (local time) of the first session that has not yet started at <paramref name="now"/>,
    /// or null when the team has no schedule or no session is left in its season within a year.
    /// </summary>
    public static DateTime? Find(
        IReadOnlyCollection<(DayOfWeek Weekday, TimeOnly Start)> schedule,
        DateOnly? seasonStart,
        DateOnly? seasonEnd,
        IReadOnlyCollection<(DateOnly From, DateOnly To)> breaks,
        DateTimeOffset now)
    {
        if (schedule.Count == 0)
        {
            return null;
        }

        var localNow = DanishTime.ToDanish(now);
        var today = DateOnly.FromDateTime(localNow);
        var first = seasonStart is { } s && s > today ? s : today;

        for (var day = first; day <= today.AddDays(366); day = day.AddDays(1))
        {
            if (seasonEnd is { } end && day > end)
            {
                return null;
            }

            if (breaks.Any(b => day >= b.From && day <= b.To))
            {
                continue;
            }

            DateTime? best = null;
            foreach (var (weekday, start) in schedule)
            {
                if (weekday != day.DayOfWeek)
                {
                    continue;
                }

                var candidate = day.ToDateTime(start);
                if (candidate > localNow && (best is null || candidate < best))
                {
                    best = candidate;
                }
            }

            if (best is not null)
            {
                return best;
            }
        }

        return null;
    }

    public static DateTime? Find(Team team, DateTimeOffset now) =>
        Find(
            team.Schedules.Select(s => (s.Weekday, s.Start)).ToList(),
            team.SeasonStart,
            team.SeasonEnd,
            team.Breaks.Select(b => (b.From, b.To)).ToList(),
            now);
}
