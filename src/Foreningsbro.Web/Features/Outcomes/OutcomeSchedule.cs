using System.Globalization;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Outcomes;

/// <summary>One measurement point of a citizen's schedule: when it falls due, until when it is open, and which instruments are still unanswered.</summary>
public sealed record Timepoint(int Months, DateOnly DueFrom, DateOnly OpenUntil, IReadOnlyList<string> Missing)
{
    public bool Complete => Missing.Count == 0;
}

/// <summary>Where a citizen's schedule starts: the first referral or enrolment, whichever came first.</summary>
public sealed record ScheduleStart(DateOnly Date, int? ReferralId, int? EnrolmentId);

/// <summary>
/// When questionnaires are asked: the baseline at the first referral or enrolment, then the
/// municipality's follow-ups (3, 6 and 12 months unless it chose otherwise). A point is open from the
/// day it falls due for <see cref="WindowDays"/> days; after that it is missed, never doubled up with the next.
/// Plain functions, tested by hand; the loading below feeds them.
/// </summary>
public static class OutcomeSchedule
{
    public const string DefaultFollowUps = "3,6,12";

    /// <summary>Six weeks: long enough for a reminder and a phone call, short enough that a 3-month answer is not a 5-month one.</summary>
    public const int WindowDays = 42;

    public const int MaxMonths = 36;

    /// <summary>0 (the baseline) and the follow-ups, ascending, without repeats; an unreadable setting is the default.</summary>
    public static IReadOnlyList<int> Points(string? followUps) =>
        [0, .. (TryParse(followUps ?? DefaultFollowUps, out var m) ? m : TryParse(DefaultFollowUps, out var d) ? d : [])];

    /// <summary>"3, 6, 12" or "3,6,12" → [3, 6, 12]; false for anything else (a month outside 1–36, letters, nothing).</summary>
    public static bool TryParse(string? text, out List<int> months)
    {
        months = [];
        foreach (var part in (text ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var m) || m < 1 || m > MaxMonths)
            {
                months = [];
                return false;
            }

            months.Add(m);
        }

        months = [.. months.Distinct().Order()];
        return months.Count > 0;
    }

    public static string Text(IEnumerable<int> followUps) => string.Join(", ", followUps);

    /// <summary>Every point of the schedule with what is still missing at it.</summary>
    public static IReadOnlyList<Timepoint> Plan(DateOnly start, IReadOnlyList<int> points, IReadOnlyCollection<(string Instrument, int Months)> answered) =>
        [.. points.Select(m =>
        {
            var due = start.AddMonths(m);
            return new Timepoint(m, due, due.AddDays(WindowDays - 1),
                [.. Instruments.Current.Select(i => i.Code).Where(code => !answered.Contains((code, m)))]);
        })];

    /// <summary>The point open today with something unanswered, or null: nothing is due.</summary>
    public static Timepoint? DueOn(DateOnly today, DateOnly start, IReadOnlyList<int> points, IReadOnlyCollection<(string Instrument, int Months)> answered) =>
        Plan(start, points, answered).FirstOrDefault(t => !t.Complete && t.DueFrom <= today && today <= t.OpenUntil);

    /// <summary>The next point that falls due after today (for "Mine opgaver": this week and later).</summary>
    public static Timepoint? Next(DateOnly today, DateOnly start, IReadOnlyList<int> points, IReadOnlyCollection<(string Instrument, int Months)> answered) =>
        Plan(start, points, answered).FirstOrDefault(t => !t.Complete && t.DueFrom > today);

    /// <summary>"Baseline", "3 måneder".</summary>
    public static string PointText(int months) => months == 0 ? "Ved start" : $"{months.ToString(CultureInfo.InvariantCulture)} måneder";

    /// <summary>The start of each citizen's schedule, for citizens in <paramref name="citizens"/> (already scoped by the caller).</summary>
    public static async Task<Dictionary<int, (ScheduleStart Start, IReadOnlyList<int> Points)>> StartsAsync(AppDbContext db, IQueryable<Citizen> citizens, CancellationToken ct)
    {
        var rows = await citizens.AsNoTracking().Select(c => new
        {
            c.Id,
            c.Department.Municipality.FollowUpMonths,
            Referral = c.Referrals.OrderBy(r => r.CreatedAtUtc).ThenBy(r => r.Id).Select(r => new { r.Id, r.CreatedAtUtc }).FirstOrDefault(),
            Enrolment = db.Enrolments.Where(e => e.CitizenId == c.Id).OrderBy(e => e.StartDate).ThenBy(e => e.Id).Select(e => new { e.Id, e.StartDate }).FirstOrDefault(),
        }).ToListAsync(ct);
        var result = new Dictionary<int, (ScheduleStart, IReadOnlyList<int>)>();
        foreach (var r in rows)
        {
            var referralDay = r.Referral is null ? (DateOnly?)null : DanishTime.Today(new DateTimeOffset(r.Referral.CreatedAtUtc, TimeSpan.Zero));
            ScheduleStart? start = (referralDay, r.Enrolment) switch
            {
                ({ } d, { } e) when e.StartDate < d => new(e.StartDate, null, e.Id),
                ({ } d, _) => new(d, r.Referral!.Id, null),
                (null, { } e) => new(e.StartDate, null, e.Id),
                _ => null,
            };
            if (start is not null)
            {
                result[r.Id] = (start, Points(r.FollowUpMonths));
            }
        }

        return result;
    }

    /// <summary>Which (instrument, point) each citizen has answered.</summary>
    public static async Task<Dictionary<int, HashSet<(string, int)>>> AnsweredAsync(AppDbContext db, IReadOnlyCollection<int> citizenIds, CancellationToken ct)
    {
        var rows = await db.QuestionnaireResponses.AsNoTracking().Where(r => citizenIds.Contains(r.CitizenId))
            .Select(r => new { r.CitizenId, r.Instrument, r.Months }).ToListAsync(ct);
        return rows.GroupBy(r => r.CitizenId).ToDictionary(g => g.Key, g => g.Select(r => (r.Instrument, r.Months)).ToHashSet());
    }

    /// <summary>The point due today for one citizen (in the user's scope or, for the citizen's own link, by id), or null.</summary>
    public static async Task<(Timepoint Point, ScheduleStart Start)?> DueForAsync(AppDbContext db, IQueryable<Citizen> citizen, DateOnly today, CancellationToken ct)
    {
        var starts = await StartsAsync(db, citizen, ct);
        if (starts.Count != 1)
        {
            return null;
        }

        var (id, (start, points)) = starts.Single();
        var answered = (await AnsweredAsync(db, [id], ct)).GetValueOrDefault(id) ?? [];
        return DueOn(today, start.Date, points, answered) is { } due ? (due, start) : null;
    }

    /// <summary>The citizens in the user's scope with a point due within the coming week (for "Mine opgaver").</summary>
    public static async Task<List<(int CitizenId, Timepoint Point)>> DueForUserAsync(AppDbContext db, System.Security.Claims.ClaimsPrincipal user, DateOnly today, int lookAheadDays, CancellationToken ct)
    {
        var starts = await StartsAsync(db, db.Citizens.VisibleTo(user), ct);
        var answered = await AnsweredAsync(db, starts.Keys, ct);
        var result = new List<(int, Timepoint)>();
        foreach (var (id, (start, points)) in starts)
        {
            var done = answered.GetValueOrDefault(id) ?? [];
            if ((DueOn(today, start.Date, points, done) ?? Next(today, start.Date, points, done)) is { } t && t.DueFrom <= today.AddDays(lookAheadDays))
            {
                result.Add((id, t));
            }
        }

        return result;
    }
}
