using Foreningsbro.Web.Data;

using Foreningsbro.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>
/// Turns a programme's weekly schedule into sessions. A fixed-length programme gets all its weeks;
/// an open-ended one is generated a few weeks ahead and extended as time passes.
/// </summary>
public static class SessionPlan
{
    /// <summary>How far ahead an open-ended programme's sessions exist.</summary>
    public const int WeeksAhead = 8;

    /// <summary>The last day of a fixed-length programme; null when it is open-ended.</summary>
    public static DateOnly? LastDay(Programme programme) =>
        programme.Weeks is int weeks ? programme.StartDate.AddDays(7 * weeks - 1) : null;

    /// <summary>The schedule's slots from <paramref name="from"/> to <paramref name="to"/> (both included), within the programme's period.</summary>
    public static IEnumerable<ProgrammeSession> Slots(Programme programme, DateOnly from, DateOnly to)
    {
        var first = from > programme.StartDate ? from : programme.StartDate;
        var last = LastDay(programme) is DateOnly end && end < to ? end : to;
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            foreach (var slot in programme.Schedules.Where(s => s.Weekday == day.DayOfWeek).OrderBy(s => s.Start))
            {
                yield return new ProgrammeSession
                {
                    ProgrammeId = programme.Id,
                    Date = day,
                    Start = slot.Start,
                    End = slot.End,
                    ScheduledDate = day,
                    ScheduledStart = slot.Start,
                };
            }
        }
    }

    /// <summary>The date up to which sessions should exist today.</summary>
    public static DateOnly Horizon(Programme programme, DateTimeOffset now)
    {
        var today = DanishTime.Today(now);
        return LastDay(programme) ?? today.AddDays(7 * WeeksAhead);
    }

    /// <summary>
    /// Adds the schedule's missing sessions up to the horizon. Safe to call on every visit: slots that
    /// exist (also moved or cancelled ones) are kept, and a concurrent call that wins the race is fine.
    /// </summary>
    public static async Task<int> EnsureGeneratedAsync(AppDbContext db, int programmeId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var programme = await db.Programmes.AsNoTracking().Include(p => p.Schedules).SingleOrDefaultAsync(p => p.Id == programmeId, cancellationToken);
        if (programme is null || programme.Archived || programme.Schedules.Count == 0)
        {
            return 0;
        }

        var horizon = Horizon(programme, now);
        var existing = await db.ProgrammeSessions
            .Where(s => s.ProgrammeId == programmeId && s.ScheduledDate != null)
            .Select(s => new { s.ScheduledDate, s.ScheduledStart })
            .ToListAsync(cancellationToken);
        var known = existing.Select(s => (s.ScheduledDate!.Value, s.ScheduledStart!.Value)).ToHashSet();
        var missing = Slots(programme, programme.StartDate, horizon).Where(s => !known.Contains((s.Date, s.Start))).ToList();
        if (missing.Count == 0)
        {
            return 0;
        }

        db.ProgrammeSessions.AddRange(missing);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request generated the same slots at the same moment (unique index); theirs stand.
            foreach (var session in missing)
            {
                db.Entry(session).State = EntityState.Detached;
            }

            return 0;
        }

        return missing.Count;
    }
}
