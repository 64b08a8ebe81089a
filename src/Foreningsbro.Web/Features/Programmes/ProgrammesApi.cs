using System.Globalization;
using System.Security.Claims;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Programmes;

public sealed record ProgrammeScheduleDto(string Weekday, TimeOnly Start, TimeOnly End);

public sealed record ProgrammeSummaryDto(
    int Id, string Name, string Kind, int DepartmentId, string Department, int VenueId, string Venue,
    DateOnly StartDate, int? Weeks, DateOnly? LastDay, int Capacity, int Participants, bool Archived,
    IReadOnlyList<ProgrammeScheduleDto> Schedule);

/// <summary>One enrolled participant at one session; lastName is null for instructors, status null when nothing is recorded yet.</summary>
public sealed record SessionAttendanceDto(
    int EnrolmentId, string FirstName, string? LastName, string? Status,
    int? CheckInMood, string? CheckInWord, int? CheckOutRating, string? CheckOutReason, bool WantsToJoin);

public sealed record ProgrammeSessionDto(
    int Id, DateOnly Date, TimeOnly Start, TimeOnly End, bool Cancelled, string? CancelReason, string? Topic, string? TopicNote,
    int? VisitTeamId, string? VisitTeam, int Version, IReadOnlyList<SessionAttendanceDto> Attendance);

public sealed record ProgrammeSessionsDto(int ProgrammeId, DateOnly From, DateOnly To, IReadOnlyList<ProgrammeSessionDto> Sessions);

public sealed record EvaluationSessionDto(
    int SessionId, DateOnly Date, TimeOnly Start, string? Topic, string? VisitTeam, bool Cancelled,
    int Enrolled, int Recorded, int Present, int AbsentWithNotice, int Absent,
    double? AttendanceRate, double? AverageMood, double? AverageRating, int Ratings);

public sealed record EvaluationWeekDto(DateOnly WeekStart, int Week, int Sessions, int Recorded, int Present, double? AttendanceRate, double? AverageRating, int Ratings);

/// <summary>A participant's reason from a check-out, without who gave it.</summary>
public sealed record EvaluationReasonDto(int SessionId, DateOnly Date, int? Rating, string Reason);

public sealed record ProgrammeEvaluationDto(
    int ProgrammeId, string Name, DateOnly From, DateOnly To,
    int SessionsHeld, int Participants, int Recorded, int Present, double? AttendanceRate, double? AverageRating, int Ratings, double? AverageMood,
    IReadOnlyList<EvaluationSessionDto> Sessions, IReadOnlyList<EvaluationWeekDto> Weeks, IReadOnlyList<EvaluationReasonDto> Reasons);

/// <summary>/api/v1/programmes: programmes, their sessions and the group evaluation.</summary>
public static class ProgrammesApi
{
    /// <summary>The longest period one call may ask for; a year of sessions is a few hundred rows.</summary>
    public const int MaxDays = 366;

    public static IEndpointRouteBuilder MapProgrammesApi(this IEndpointRouteBuilder app)
    {
        // Cookie (the browser) or bearer token (integrations); only the people who work with programmes.
        var api = app.MapGroup("/api/v1/programmes").RequireAuthorization(Policies.Api(Policies.WorksWithProgrammes)).WithTags("Forløb");

        api.MapGet("/", ListProgrammes)
            .WithName("ListProgrammes")
            .WithSummary("Forløb, brugeren må se")
            .WithDescription("Koordinatoren ser alle, en fagperson sin afdelings forløb, en instruktør de forløb, vedkommende underviser. " +
                "participants tæller deltagere, der er tilmeldt i dag. weeks og lastDay er null for løbende forløb.");

        api.MapGet("/{id}/sessions", ListSessions)
            .WithName("ListProgrammeSessions")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Et forløbs træninger med fremmøde, check-in og check-out")
            .WithDescription("Træninger fra from til og med to (åååå-mm-dd; standard: fire uger tilbage og fire uger frem, højst 366 dage). " +
                "attendance har en række pr. deltager, der var tilmeldt på dagen; status er null, når intet er registreret. " +
                "Instruktører får kun fornavn (lastName er null). Ugyldige datoer eller from efter to giver 400 med parameterens navn; " +
                "et ukendt forløb eller et, brugeren ikke må se, giver 404. Skriver i adgangsloggen.");

        api.MapGet("/{id}/evaluation", GetEvaluation)
            .WithName("GetProgrammeEvaluation")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Holdets evaluering: fremmøde og vurdering pr. træning og pr. uge, og begrundelserne uden navne")
            .WithDescription("Periode from–to (åååå-mm-dd; standard: de sidste 12 uger, ikke før forløbet startede). Kun træninger, der er gået i gang, tæller; " +
                "aflyste står med cancelled=true og tæller ikke. attendanceRate = mødt / registrerede (0–1, fire decimaler); gennemsnit har to decimaler " +
                "og puljer alle svar. Samme tal som siden /forloeb/{id}/evaluering.");

        return app;
    }

    public static async Task<Ok<List<ProgrammeSummaryDto>>> ListProgrammes(ClaimsPrincipal user, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var today = DanishTime.Today(time);
        var rows = await db.Programmes.AsNoTracking().VisibleTo(user)
            .OrderBy(p => p.Archived).ThenBy(p => p.Name).ThenBy(p => p.Id)
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.Kind,
                p.DepartmentId,
                Department = p.Department.Name,
                p.VenueId,
                Venue = p.Venue.Name,
                p.StartDate,
                p.Weeks,
                p.Capacity,
                p.Archived,
                Participants = p.Enrolments.Count(e => e.StartDate <= today && (e.EndDate == null || e.EndDate >= today)),
                Schedule = p.Schedules.OrderBy(s => s.Weekday).ThenBy(s => s.Start).Select(s => new { s.Weekday, s.Start, s.End }).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(ct);
        return TypedResults.Ok(rows.Select(p => new ProgrammeSummaryDto(
            p.Id, p.Name, p.Kind.ToString(), p.DepartmentId, p.Department, p.VenueId, p.Venue, p.StartDate, p.Weeks,
            p.Weeks is int w ? p.StartDate.AddDays(7 * w - 1) : null, p.Capacity, p.Participants, p.Archived,
            [.. p.Schedule.OrderBy(s => ((int)s.Weekday + 6) % 7).ThenBy(s => s.Start).Select(s => new ProgrammeScheduleDto(s.Weekday.ToString(), s.Start, s.End))])).ToList());
    }

    public static async Task<Results<Ok<ProgrammeSessionsDto>, ValidationProblem, ProblemHttpResult>> ListSessions(
        string id, string? from, string? to, ClaimsPrincipal user, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (ApiInput.Id(id) is not { } programmeId)
        {
            return Problems.Invalid("id", ApiInput.IdMessage);
        }

        var programme = await db.Programmes.AsNoTracking().VisibleTo(user).Where(p => p.Id == programmeId).Select(p => new { p.Id }).SingleOrDefaultAsync(ct);
        if (programme is null)
        {
            return Problems.NotFound("Forløbet");
        }

        var now = time.GetUtcNow();
        var today = DanishTime.Today(now);
        var (parsedFrom, parsedTo, errors) = ParsePeriod(from, to, today.AddDays(-28), today.AddDays(28));
        if (errors is not null)
        {
            return Problems.Invalid(errors);
        }

        var f = parsedFrom!.Value;
        var t = parsedTo!.Value;

        // Open-ended programmes get their sessions generated a few weeks ahead as time passes.
        await SessionPlan.EnsureGeneratedAsync(db, programmeId, now, ct);

        var full = user.SeesProgression();
        var sessions = db.ProgrammeSessions.AsNoTracking().Where(s => s.ProgrammeId == programmeId && s.Date >= f && s.Date <= t);
        var rows = await sessions.OrderBy(s => s.Date).ThenBy(s => s.Start).ThenBy(s => s.Id)
            .Select(s => new { s.Id, s.Date, s.Start, s.End, s.Cancelled, s.CancelReason, s.Topic, s.TopicNote, s.VisitTeamId, VisitTeam = s.VisitTeam != null ? s.VisitTeam.Title : null, s.Version })
            .ToListAsync(ct);
        var marks = await sessions.SelectMany(s => s.Attendances)
            .Select(a => new { a.SessionId, a.EnrolmentId, a.Status, a.CheckInMood, a.CheckInWord, a.CheckOutRating, a.CheckOutReason, a.WantsToJoin })
            .ToListAsync(ct);
        var participants = await db.Enrolments.AsNoTracking().VisibleTo(user)
            .Where(e => e.ProgrammeId == programmeId && e.StartDate <= t && (e.EndDate == null || e.EndDate >= f))
            .OrderBy(e => e.Citizen.FirstName).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.StartDate, e.EndDate, e.Citizen.FirstName, LastName = full ? e.Citizen.LastName : null })
            .ToListAsync(ct);

        var byKey = marks.ToDictionary(m => (m.SessionId, m.EnrolmentId));
        var result = rows.Select(s => new ProgrammeSessionDto(
            s.Id, s.Date, s.Start, s.End, s.Cancelled, s.CancelReason, s.Topic, s.TopicNote, s.VisitTeamId, s.VisitTeam, s.Version,
            [.. participants
                .Where(p => byKey.ContainsKey((s.Id, p.Id)) || new EnrolmentPeriod(p.Id, p.StartDate, p.EndDate).Covers(s.Date))
                .Select(p => byKey.GetValueOrDefault((s.Id, p.Id)) is { } m
                    ? new SessionAttendanceDto(p.Id, p.FirstName, p.LastName, m.Status.ToString(), m.CheckInMood, m.CheckInWord, m.CheckOutRating, m.CheckOutReason, m.WantsToJoin)
                    : new SessionAttendanceDto(p.Id, p.FirstName, p.LastName, null, null, null, null, null, false))])).ToList();

        await AccessLog.WriteListAsync(db, user, now, "API: forløbets træninger", Invariant($"forløb {programmeId} {f:yyyy-MM-dd}–{t:yyyy-MM-dd}"), participants.Count, ct);
        return TypedResults.Ok(new ProgrammeSessionsDto(programmeId, f, t, result));
    }

    public static async Task<Results<Ok<ProgrammeEvaluationDto>, ValidationProblem, ProblemHttpResult>> GetEvaluation(
        string id, string? from, string? to, ClaimsPrincipal user, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (ApiInput.Id(id) is not { } programmeId)
        {
            return Problems.Invalid("id", ApiInput.IdMessage);
        }

        var programme = await db.Programmes.AsNoTracking().VisibleTo(user).Where(p => p.Id == programmeId)
            .Select(p => new { p.Id, p.Name, p.StartDate }).SingleOrDefaultAsync(ct);
        if (programme is null)
        {
            return Problems.NotFound("Forløbet");
        }

        var now = time.GetUtcNow();
        var (defaultFrom, defaultTo) = Progression.DefaultPeriod(programme.StartDate, DanishTime.Today(now));
        var (f, t, errors) = ParsePeriod(from, to, defaultFrom, defaultTo);
        if (errors is not null)
        {
            return Problems.Invalid(errors);
        }

        var e = await Progression.LoadEvaluationAsync(db, programmeId, f!.Value, t!.Value, now, ct);
        await AccessLog.WriteListAsync(db, user, now, "API: forløbets evaluering", Invariant($"{programme.Name} {f:yyyy-MM-dd}–{t:yyyy-MM-dd}"), e.Participants, ct);
        return TypedResults.Ok(new ProgrammeEvaluationDto(
            programmeId, programme.Name, f.Value, t.Value, e.SessionsHeld, e.Participants, e.Recorded, e.Present,
            Progression.Round(e.Rate, 4), Progression.Round(e.AverageRating, 2), e.Ratings, Progression.Round(e.AverageMood, 2),
            [.. e.Sessions.Select(s => new EvaluationSessionDto(s.SessionId, s.Date, s.Start, s.Topic, s.VisitTeam, s.Cancelled, s.Enrolled, s.Recorded, s.Present,
                s.AbsentWithNotice, s.Absent, Progression.Round(s.Rate, 4), Progression.Round(s.AverageMood, 2), Progression.Round(s.AverageRating, 2), s.Ratings))],
            [.. e.Weeks.Select(w => new EvaluationWeekDto(w.WeekStart, w.Week, w.Sessions, w.Recorded, w.Present, Progression.Round(w.Rate, 4), Progression.Round(w.AverageRating, 2), w.Ratings))],
            [.. e.Reasons.Select(r => new EvaluationReasonDto(r.SessionId, r.Date, r.Rating, r.Text))]));
    }

    /// <summary>
    /// from/to as yyyy-MM-dd, each defaulted when left out. Errors name every bad parameter; from after to
    /// and a period longer than <see cref="MaxDays"/> are reported on "to" (on "from" when only from was given).
    /// </summary>
    private static (DateOnly? From, DateOnly? To, Dictionary<string, string>? Errors) ParsePeriod(string? from, string? to, DateOnly defaultFrom, DateOnly defaultTo)
    {
        var errors = new Dictionary<string, string>();
        var f = defaultFrom;
        var t = defaultTo;
        if (!string.IsNullOrEmpty(from) && !ApiInput.TryDate(from, out f))
        {
            errors["from"] = "Skriv from som en dato: åååå-mm-dd, mellem 1900-01-01 og 2199-12-31.";
        }

        if (!string.IsNullOrEmpty(to) && !ApiInput.TryDate(to, out t))
        {
            errors["to"] = "Skriv to som en dato: åååå-mm-dd, mellem 1900-01-01 og 2199-12-31.";
        }

        var blame = string.IsNullOrEmpty(to) && !string.IsNullOrEmpty(from) ? "from" : "to";
        if (errors.Count == 0 && t < f)
        {
            errors[blame] = "to skal ligge på eller efter from.";
        }
        else if (errors.Count == 0 && t.DayNumber - f.DayNumber >= MaxDays)
        {
            errors[blame] = $"Højst {MaxDays} dage ad gangen.";
        }

        return errors.Count > 0 ? (null, null, errors) : (f, t, null);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
