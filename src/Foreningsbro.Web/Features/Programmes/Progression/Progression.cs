using System.Globalization;

using Foreningsbro.Web.Data;

using Foreningsbro.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>A session as the calculations need it (Danish local date and time).</summary>
public sealed record SessionFact(int Id, DateOnly Date, TimeOnly Start, bool Cancelled, string? Topic, string? VisitTeam);

/// <summary>One participant's recorded attendance at one session.</summary>
public sealed record AttendanceFact(int SessionId, int EnrolmentId, AttendanceStatus Status, int? Mood, string? Word, int? Rating, string? Reason);

/// <summary>When a participant belonged to the programme (EndDate null: still enrolled).</summary>
public sealed record EnrolmentPeriod(int Id, DateOnly Start, DateOnly? End)
{
    public bool Covers(DateOnly date) => date >= Start && (End is not DateOnly end || date <= end);
}

/// <summary>One session in a participant's progression; Status null = nothing recorded for them.</summary>
public sealed record ParticipantSessionRow(
    int SessionId, DateOnly Date, TimeOnly Start, string? Topic, string? VisitTeam,
    AttendanceStatus? Status, int? Mood, string? Word, int? Rating, string? Reason, int StreakAfter);

/// <summary>One ISO week of a participant's attendance; CumulativeRate is the rate from the start up to and including the week.</summary>
public sealed record ParticipantWeek(DateOnly WeekStart, int Week, int Recorded, int Present, double? Rate, double? CumulativeRate);

public sealed record ParticipantProgress(
    IReadOnlyList<ParticipantSessionRow> Sessions,
    IReadOnlyList<ParticipantWeek> Weeks,
    int Recorded, int Present, int AbsentWithNotice, int Absent, int NotRecorded,
    double? Rate, int CurrentStreak, int LongestStreak, double? AverageMood, double? AverageRating);

/// <summary>One session of the group evaluation: Enrolled = participants enrolled that day, Recorded = of those with a record.</summary>
public sealed record EvaluationSession(
    int SessionId, DateOnly Date, TimeOnly Start, string? Topic, string? VisitTeam, bool Cancelled,
    int Enrolled, int Recorded, int Present, int AbsentWithNotice, int Absent,
    double? Rate, double? AverageMood, double? AverageRating, int Ratings);

public sealed record EvaluationWeek(DateOnly WeekStart, int Week, int Sessions, int Recorded, int Present, double? Rate, double? AverageRating, int Ratings);

/// <summary>A participant's "why" from a check-out, deliberately without who said it.</summary>
public sealed record EvaluationReason(int SessionId, DateOnly Date, string? Topic, int? Rating, string Text);

public sealed record ProgrammeEvaluation(
    IReadOnlyList<EvaluationSession> Sessions,
    IReadOnlyList<EvaluationWeek> Weeks,
    IReadOnlyList<EvaluationReason> Reasons,
    int SessionsHeld, int Participants, int Recorded, int Present, double? Rate, double? AverageRating, int Ratings, double? AverageMood);

/// <summary>
/// The arithmetic of progression and group evaluation, shared by the pages and the API so both show
/// the same numbers. Rules:
/// - only sessions that have started count, and cancelled sessions never do;
/// - a rate is present / recorded: a session nobody recorded for the participant is "not recorded",
///   not an absence (the instructor may simply not have got to it), so it neither lowers the rate nor
///   breaks a streak;
/// - a streak is consecutive recorded sessions with Present; absent and absent-with-notice both end it;
/// - averages pool every single answer (the week's average rating is the mean of all its ratings, not
///   the mean of the sessions' means), so a session with two answers does not weigh like one with ten.
/// </summary>
public static class Progression
{
    public static bool HasStarted(SessionFact session, DateTime nowLocal) =>
        !session.Cancelled && session.Date.ToDateTime(session.Start) <= nowLocal;

    public static double? Rate(int present, int recorded) => recorded == 0 ? null : (double)present / recorded;

    public static double? Average(IEnumerable<int?> values)
    {
        var list = values.OfType<int>().ToList();
        return list.Count == 0 ? null : list.Average();
    }

    /// <summary>The Monday of the date's ISO week.</summary>
    public static DateOnly WeekStart(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    public static int IsoWeek(DateOnly date) => ISOWeek.GetWeekOfYear(date.ToDateTime(TimeOnly.MinValue));

    /// <summary>(current streak, longest streak) over statuses in session order; null (not recorded) is skipped.</summary>
    public static (int Current, int Longest) Streaks(IEnumerable<AttendanceStatus?> inOrder)
    {
        int current = 0, longest = 0;
        foreach (var status in inOrder)
        {
            if (status is null)
            {
                continue;
            }

            current = status == AttendanceStatus.Present ? current + 1 : 0;
            longest = Math.Max(longest, current);
        }

        return (current, longest);
    }

    /// <summary>A participant's progression: the sessions held while enrolled, in order, with their own records.</summary>
    public static ParticipantProgress ForParticipant(EnrolmentPeriod period, IEnumerable<SessionFact> sessions, IEnumerable<AttendanceFact> marks, DateTime nowLocal)
    {
        var own = marks.Where(m => m.EnrolmentId == period.Id).ToDictionary(m => m.SessionId);
        var rows = new List<ParticipantSessionRow>();
        var streak = 0;
        foreach (var s in sessions.Where(s => HasStarted(s, nowLocal) && period.Covers(s.Date)).OrderBy(s => s.Date).ThenBy(s => s.Start).ThenBy(s => s.Id))
        {
            var m = own.GetValueOrDefault(s.Id);
            if (m is not null)
            {
                streak = m.Status == AttendanceStatus.Present ? streak + 1 : 0;
            }

            rows.Add(new(s.Id, s.Date, s.Start, s.Topic, s.VisitTeam, m?.Status, m?.Mood, m?.Word, m?.Rating, m?.Reason, streak));
        }

        var recorded = rows.Where(r => r.Status is not null).ToList();
        var present = recorded.Where(r => r.Status == AttendanceStatus.Present).ToList();
        var (current, longest) = Streaks(rows.Select(r => r.Status));

        var weeks = new List<ParticipantWeek>();
        int runningRecorded = 0, runningPresent = 0;
        foreach (var week in rows.GroupBy(r => WeekStart(r.Date)).OrderBy(g => g.Key))
        {
            var weekRecorded = week.Count(r => r.Status is not null);
            var weekPresent = week.Count(r => r.Status == AttendanceStatus.Present);
            runningRecorded += weekRecorded;
            runningPresent += weekPresent;
            weeks.Add(new(week.Key, IsoWeek(week.Key), weekRecorded, weekPresent, Rate(weekPresent, weekRecorded), Rate(runningPresent, runningRecorded)));
        }

        return new(rows, weeks, recorded.Count, present.Count,
            recorded.Count(r => r.Status == AttendanceStatus.AbsentWithNotice), recorded.Count(r => r.Status == AttendanceStatus.Absent),
            rows.Count - recorded.Count, Rate(present.Count, recorded.Count), current, longest,
            Average(present.Select(r => r.Mood)), Average(present.Select(r => r.Rating)));
    }

    /// <summary>The group evaluation of the sessions given (cancelled ones are listed but count for nothing).</summary>
    public static ProgrammeEvaluation ForProgramme(IEnumerable<SessionFact> sessions, IEnumerable<AttendanceFact> marks, IEnumerable<EnrolmentPeriod> enrolments, DateTime nowLocal)
    {
        var periods = enrolments.ToList();
        var bySession = marks.ToLookup(m => m.SessionId);
        var ordered = sessions.Where(s => s.Cancelled || HasStarted(s, nowLocal)).OrderBy(s => s.Date).ThenBy(s => s.Start).ThenBy(s => s.Id).ToList();
        var rows = new List<EvaluationSession>();
        foreach (var s in ordered)
        {
            List<AttendanceFact> m = s.Cancelled ? [] : [.. bySession[s.Id]];
            var present = m.Count(x => x.Status == AttendanceStatus.Present);
            var ratings = m.Count(x => x.Rating is not null);
            rows.Add(new(s.Id, s.Date, s.Start, s.Topic, s.VisitTeam, s.Cancelled,
                periods.Count(p => p.Covers(s.Date)), m.Count, present,
                m.Count(x => x.Status == AttendanceStatus.AbsentWithNotice), m.Count(x => x.Status == AttendanceStatus.Absent),
                Rate(present, m.Count), Average(m.Select(x => x.Mood)), Average(m.Select(x => x.Rating)), ratings));
        }

        var held = ordered.Where(s => !s.Cancelled).ToList();
        var heldMarks = held.SelectMany(s => bySession[s.Id]).ToList();
        var weeks = held.GroupBy(s => WeekStart(s.Date)).OrderBy(g => g.Key).Select(week =>
        {
            var weekMarks = week.SelectMany(s => bySession[s.Id]).ToList();
            var present = weekMarks.Count(x => x.Status == AttendanceStatus.Present);
            return new EvaluationWeek(week.Key, IsoWeek(week.Key), week.Count(), weekMarks.Count, present, Rate(present, weekMarks.Count),
                Average(weekMarks.Select(x => x.Rating)), weekMarks.Count(x => x.Rating is not null));
        }).ToList();

        // Newest session first, and within a session the better ratings first; the order must not
        // follow the participant list, or a reason could be matched to a name.
        var reasons = held.OrderByDescending(s => s.Date).ThenByDescending(s => s.Start)
            .SelectMany(s => bySession[s.Id]
                .Where(x => !string.IsNullOrWhiteSpace(x.Reason))
                .OrderByDescending(x => x.Rating ?? 0).ThenBy(x => x.Reason, StringComparer.Ordinal)
                .Select(x => new EvaluationReason(s.Id, s.Date, s.Topic, x.Rating, x.Reason!.Trim())))
            .ToList();

        var totalPresent = heldMarks.Count(x => x.Status == AttendanceStatus.Present);
        return new(rows, weeks, reasons, held.Count, heldMarks.Select(x => x.EnrolmentId).Distinct().Count(), heldMarks.Count, totalPresent, Rate(totalPresent, heldMarks.Count),
            Average(heldMarks.Select(x => x.Rating)), heldMarks.Count(x => x.Rating is not null), Average(heldMarks.Select(x => x.Mood)));
    }

    /// <summary>"67 %" in the current culture; "–" when there is nothing to divide.</summary>
    public static string Percent(double? rate) =>
        rate is double r ? Math.Round(r * 100, MidpointRounding.AwayFromZero).ToString(CultureInfo.CurrentCulture) + " %" : "–";

    /// <summary>"3,7" (Danish) / "3.7" (English); "–" when there are no answers.</summary>
    public static string OneDecimal(double? value) =>
        value is double v ? Math.Round(v, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.CurrentCulture) : "–";

    /// <summary>For the API: rates and averages to a fixed precision, so clients compare numbers, not float noise.</summary>
    public static double? Round(double? value, int digits) =>
        value is double v ? Math.Round(v, digits, MidpointRounding.AwayFromZero) : null;

    /// <summary>The evaluation period when none is asked for: the last twelve weeks, not before the programme started.</summary>
    public static (DateOnly From, DateOnly To) DefaultPeriod(DateOnly programmeStart, DateOnly today)
    {
        var from = today.AddDays(-7 * 12);
        return (programmeStart > from ? programmeStart : from, today);
    }

    /// <summary>Three projected queries for any period: sessions, their attendance rows, and the enrolments' periods.</summary>
    public static async Task<ProgrammeEvaluation> LoadEvaluationAsync(AppDbContext db, int programmeId, DateOnly from, DateOnly to, DateTimeOffset now, CancellationToken ct)
    {
        var sessions = db.ProgrammeSessions.AsNoTracking().Where(s => s.ProgrammeId == programmeId && s.Date >= from && s.Date <= to);
        var facts = await sessions
            .Select(s => new SessionFact(s.Id, s.Date, s.Start, s.Cancelled, s.Topic, s.VisitTeam != null ? s.VisitTeam.Title : null))
            .ToListAsync(ct);
        var marks = await sessions.SelectMany(s => s.Attendances)
            .Select(a => new AttendanceFact(a.SessionId, a.EnrolmentId, a.Status, a.CheckInMood, a.CheckInWord, a.CheckOutRating, a.CheckOutReason))
            .ToListAsync(ct);
        var periods = await db.Enrolments.AsNoTracking()
            .Where(e => e.ProgrammeId == programmeId && e.StartDate <= to && (e.EndDate == null || e.EndDate >= from))
            .Select(e => new EnrolmentPeriod(e.Id, e.StartDate, e.EndDate))
            .ToListAsync(ct);
        return ForProgramme(facts, marks, periods, DanishTime.ToDanish(now));
    }

    /// <summary>One participant's progression: the programme's sessions in their period and their own attendance rows.</summary>
    public static async Task<ParticipantProgress> LoadParticipantAsync(AppDbContext db, int programmeId, EnrolmentPeriod period, DateTimeOffset now, CancellationToken ct)
    {
        var nowLocal = DanishTime.ToDanish(now);
        var today = DateOnly.FromDateTime(nowLocal);
        var last = period.End is DateOnly end && end < today ? end : today;
        var sessions = await db.ProgrammeSessions.AsNoTracking()
            .Where(s => s.ProgrammeId == programmeId && s.Date >= period.Start && s.Date <= last && !s.Cancelled)
            .Select(s => new SessionFact(s.Id, s.Date, s.Start, s.Cancelled, s.Topic, s.VisitTeam != null ? s.VisitTeam.Title : null))
            .ToListAsync(ct);
        var marks = await db.Attendances.AsNoTracking().Where(a => a.EnrolmentId == period.Id)
            .Select(a => new AttendanceFact(a.SessionId, a.EnrolmentId, a.Status, a.CheckInMood, a.CheckInWord, a.CheckOutRating, a.CheckOutReason))
            .ToListAsync(ct);
        return ForParticipant(period, sessions, marks, nowLocal);
    }
}
