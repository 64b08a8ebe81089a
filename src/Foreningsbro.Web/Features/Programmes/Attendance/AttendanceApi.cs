using System.Security.Claims;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>How the participant feels today: mood 1–5 (the five faces) and an optional word ("" clears it).</summary>
public sealed record CheckInDto(int? Mood, string? Word);

/// <summary>Today's training rated 1–5 and why, in the participant's own words ("" clears it).</summary>
public sealed record CheckOutDto(int? Rating, string? Reason);

/// <summary>What the device was shown before its user changed it; omitted: nothing was recorded when it looked.</summary>
public sealed record AttendanceShownDto(string? Status, int? Mood, string? Word, int? Rating, string? Reason);

/// <summary>One participant: omitted fields are left as they are.</summary>
public sealed record AttendanceEntryDto(int? EnrolmentId, string? Status, CheckInDto? CheckIn, CheckOutDto? CheckOut, AttendanceShownDto? Previous);

/// <summary>A participant of the session as an instructor sees them: first name only.</summary>
public sealed record AttendanceRowDto(int EnrolmentId, string FirstName, string? Status, int? Mood, string? Word, int? Rating, string? Reason, bool WantsToJoin, int Version);

/// <summary>PUT /api/v1/sessions/{id}/attendance: recording a session from another device or system.</summary>
public static class AttendanceApi
{
    public static IEndpointRouteBuilder MapAttendanceApi(this IEndpointRouteBuilder app)
    {
        // The programme's instructors and coordinators record; professionals follow progression elsewhere.
        var api = app.MapGroup("/api/v1").RequireAuthorization(Policies.Api(Policies.RecordsAttendance)).WithTags("Forløb");
        api.MapPut("/sessions/{id}/attendance", RecordAttendance).WithName("RecordAttendance")
            .WithSummary("Registrér fremmøde (Present, Absent, AbsentWithNotice), check-in (mood 1–5, word) og check-ud (rating 1–5, reason) for deltagere på en træning. "
                + "Udeladte felter ændres ikke; previous er det, enheden så før ændringen. Ugyldige data giver 400 og intet gemmes; "
                + "et felt, en anden har ændret i mellemtiden, giver 409.");
        return app;
    }

    private static async Task<Results<Ok<List<AttendanceRowDto>>, ValidationProblem, ProblemHttpResult>> RecordAttendance(
        string id, List<AttendanceEntryDto>? body, ClaimsPrincipal user, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (ApiInput.Id(id) is not { } sessionId)
        {
            return Problems.Invalid("id", ApiInput.IdMessage);
        }

        var session = await AttendanceCommands.Facts(db.ProgrammeSessions.AsNoTracking().VisibleTo(user).Where(s => s.Id == sessionId)).SingleOrDefaultAsync(ct);
        if (session is null)
        {
            return Problems.NotFound("Træningen");
        }

        if (body is null || body.Count == 0)
        {
            return Problems.Invalid("entries", "Send en liste med mindst én deltager.");
        }

        var changes = new List<AttendanceChange>();
        for (var i = 0; i < body.Count; i++)
        {
            var e = body[i];
            if (e?.EnrolmentId is not { } enrolmentId)
            {
                return Problems.Invalid($"[{i}].enrolmentId", "Angiv deltagerens enrolmentId.");
            }

            AttendanceStatus? status = null;
            if (e.Status is not null && !ApiInput.TryEnum(e.Status, out status))
            {
                return Problems.Invalid($"[{i}].status", "Ukendt fremmøde. Brug Present, Absent eller AbsentWithNotice.");
            }

            AttendanceStatus? shownStatus = null;
            if (e.Previous?.Status is { } ps && !ApiInput.TryEnum(ps, out shownStatus))
            {
                return Problems.Invalid($"[{i}].previous.status", "Ukendt fremmøde. Brug Present, Absent eller AbsentWithNotice.");
            }

            var shown = e.Previous;
            changes.Add(new AttendanceChange(
                enrolmentId,
                status is null ? null : new(status, shownStatus),
                e.CheckIn?.Mood is { } mood ? new(mood, shown?.Mood) : null,
                e.CheckIn?.Word is { } word ? new(word, shown?.Word) : null,
                e.CheckOut?.Rating is { } rating ? new(rating, shown?.Rating) : null,
                e.CheckOut?.Reason is { } reason ? new(reason, shown?.Reason) : null));
        }

        var now = time.GetUtcNow();
        var outcome = await AttendanceCommands.RecordAsync(db, session, changes, user.DisplayName(), now, ct);
        if (outcome.ToProblem("Træningen") is { } failure)
        {
            return failure is ValidationProblem invalid ? invalid : (ProblemHttpResult)failure;
        }

        var rows = await AttendanceCommands.ParticipantsAsync(db, session, ct);
        await AccessLog.WriteListAsync(db, user, now, $"API: fremmøde, {session.ProgrammeName} {session.Date:yyyy-MM-dd}", null, rows.Count, ct);
        return TypedResults.Ok(rows.Select(r => new AttendanceRowDto(r.EnrolmentId, r.FirstName, r.Status?.ToString(), r.Mood, r.Word, r.Rating, r.Reason, r.WantsToJoin, r.Version)).ToList());
    }
}
