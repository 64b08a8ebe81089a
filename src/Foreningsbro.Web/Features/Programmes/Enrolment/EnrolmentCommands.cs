using System.Globalization;
using System.Security.Claims;
using System.Text;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Programmes;

public sealed record NewEnrolment(int CitizenId, int ProgrammeId, DateOnly? StartDate, string? ConsultantId, int? NextStepTeamId, Guid IdempotencyKey);

/// <summary>Enrolling a citizen in a programme (the referral to a programme, ADR 0007), from the citizen page and any later entry point.</summary>
public static class EnrolmentCommands
{
    /// <summary>Participants on the programme on a given day: started, and not ended before it.</summary>
    public static IQueryable<Enrolment> ActiveOn(this IQueryable<Enrolment> enrolments, DateOnly day) =>
        enrolments.Where(e => e.StartDate <= day && (e.EndDate == null || e.EndDate >= day));

    /// <summary>Enrolments that hold a place from <paramref name="day"/> on (also those starting later).</summary>
    public static IQueryable<Enrolment> HoldingPlaceOn(this IQueryable<Enrolment> enrolments, DateOnly day) =>
        enrolments.Where(e => e.EndDate == null || e.EndDate >= day);

    /// <summary>The answer to an enrolment into another department's programme.</summary>
    public const string OtherDepartment = "Borgeren kan kun tilmeldes forløb i sin egen afdeling. Forløbets medarbejdere må ikke se borgere fra andre afdelinger.";

    public static async Task<Outcome> EnrolAsync(AppDbContext db, ClaimsPrincipal user, NewEnrolment input, DateTimeOffset now, CancellationToken ct = default)
    {
        if (!user.SeesProgression())
        {
            return Outcome.Missing;
        }

        var citizen = await db.Citizens.AsNoTracking().VisibleTo(user).Where(c => c.Id == input.CitizenId).Select(c => new { c.Id, c.DepartmentId }).SingleOrDefaultAsync(ct);
        var programme = await db.Programmes.AsNoTracking().VisibleTo(user).Where(p => p.Id == input.ProgrammeId && !p.Archived)
            .Select(p => new { p.Id, p.Name, p.DepartmentId, p.StartDate, p.Weeks, p.Capacity, MunicipalityId = p.Department.MunicipalityId })
            .SingleOrDefaultAsync(ct);
        if (citizen is null || programme is null)
        {
            return Outcome.Missing;
        }

        // The same form sent twice: the first enrolment is the answer.
        if (await ExistingAsync(db, input, ct) is { } existing)
        {
            return Outcome.Done(existing);
        }

        // A programme's staff see its participants; they may see only the citizens of their own
        // department (ADR 0013, issue 13 item 5), so the programme must be the citizen's department's.
        if (programme.DepartmentId != citizen.DepartmentId)
        {
            return Outcome.Bad("programmeId", OtherDepartment);
        }

        var today = DanishTime.Today(now);
        var lastDay = programme.Weeks is int weeks ? programme.StartDate.AddDays(7 * weeks - 1) : (DateOnly?)null;
        if (lastDay is { } ended && ended < today)
        {
            return Outcome.Clash($"Forløbet »{programme.Name}« sluttede {ended.ToString("d. MMM yyyy", Localization.Danish)}.");
        }

        if (input.StartDate is not { } start)
        {
            return Outcome.Bad("startDate", "Vælg en startdato.");
        }

        if (start < programme.StartDate)
        {
            return Outcome.Bad("startDate", $"Startdatoen kan ikke ligge før forløbets start ({programme.StartDate.ToString("d. MMM yyyy", Localization.Danish)}).");
        }

        if (start < today.AddDays(-30) || start > today.AddYears(1))
        {
            return Outcome.Bad("startDate", "Startdatoen skal ligge mellem 30 dage tilbage og et år frem.");
        }

        if (lastDay is { } last && start > last)
        {
            return Outcome.Bad("startDate", $"Forløbet slutter {last.ToString("d. MMM yyyy", Localization.Danish)}. Vælg en startdato før det.");
        }

        string? consultant = null;
        if (!string.IsNullOrEmpty(input.ConsultantId))
        {
            consultant = await ProgrammeCommands.Consultants(db, programme.DepartmentId).Where(u => u.Id == input.ConsultantId).Select(u => u.Id).SingleOrDefaultAsync(ct);
            if (consultant is null)
            {
                return Outcome.Bad("consultantId", "Vælg en kontaktperson fra forløbets afdeling.");
            }
        }

        if (input.NextStepTeamId is { } teamId
            && !await db.Teams.AnyAsync(t => t.Id == teamId && t.Status == TeamStatus.Active, ct))
        {
            return Outcome.Bad("nextStepTeamId", "Holdet findes ikke eller tager ikke imod nye lige nu.");
        }

        var enrolled = db.Enrolments.Where(e => e.CitizenId == citizen.Id && e.ProgrammeId == programme.Id && (e.EndDate == null || e.EndDate >= today));
        if (await enrolled.AnyAsync(ct))
        {
            // The enrolment may be this very form's, saved by a second submit since the check above.
            return await ExistingAsync(db, input, ct) is { } same
                ? Outcome.Done(same)
                : Outcome.Clash($"Borgeren er allerede tilmeldt »{programme.Name}«.");
        }

        // A programme already full needs no lock to say so.
        var taken = await db.Enrolments.Where(e => e.ProgrammeId == programme.Id).HoldingPlaceOn(start).CountAsync(ct);
        if (taken >= programme.Capacity)
        {
            return Outcome.Clash($"Forløbet »{programme.Name}« er fuldt: {taken} af {programme.Capacity} pladser er optaget.");
        }

        // ADR 0012: counting the places and taking one is one step. The transaction holds the programme's
        // row, so a second professional enrolling for the last place waits here and counts after us. The key
        // is chosen once, outside the unit a retry runs again, so a retried insert keeps it.
        var key = input.IdempotencyKey == Guid.Empty ? Guid.NewGuid() : input.IdempotencyKey;
        return await db.WithLockAsync<Programme, Outcome>(programme.Id, async ct =>
        {
            // The same form sent twice: the first submit may have saved while this one waited (or this
            // unit's own commit went through before a fault hid it, and this is the retry).
            if (await ExistingAsync(db, input with { IdempotencyKey = key }, ct) is { } saved)
            {
                return Outcome.Done(saved);
            }

            if (await enrolled.AnyAsync(ct))
            {
                return Outcome.Clash($"Borgeren er allerede tilmeldt »{programme.Name}«.");
            }

            // Capacity is checked at the start date: places held by those still on the programme then.
            var takenNow = await db.Enrolments.Where(e => e.ProgrammeId == programme.Id).HoldingPlaceOn(start).CountAsync(ct);
            if (takenNow >= programme.Capacity)
            {
                return Outcome.Clash(FilledMeanwhile(programme.Name, takenNow, programme.Capacity));
            }

            var enrolment = new Enrolment
            {
                ProgrammeId = programme.Id,
                CitizenId = citizen.Id,
                ConsultantId = consultant,
                StartDate = start,
                NextStepTeamId = input.NextStepTeamId,
                CreatedAtUtc = now.UtcDateTime,
                CreatedBy = user.DisplayName(),
                IdempotencyKey = key,
            };
            db.Enrolments.Add(enrolment);
            await db.SaveChangesAsync(ct);
            return Outcome.Done(enrolment.Id);
        }, ct);
    }

    /// <summary>For the one who came second to the last place (issue 14).</summary>
    public static string FilledMeanwhile(string programme, int taken, int capacity) =>
        $"Forløbet »{programme}« blev fuldt, mens du tilmeldte: {taken} af {capacity} pladser er optaget nu. Vælg et andet forløb eller en senere startdato.";

    private static async Task<int?> ExistingAsync(AppDbContext db, NewEnrolment input, CancellationToken ct) =>
        input.IdempotencyKey == Guid.Empty
            ? null
            : await db.Enrolments.Where(e => e.IdempotencyKey == input.IdempotencyKey && e.CitizenId == input.CitizenId).Select(e => (int?)e.Id).FirstOrDefaultAsync(ct);
}
