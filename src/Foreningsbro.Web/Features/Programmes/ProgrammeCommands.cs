using System.Globalization;
using System.Security.Claims;
using System.Text;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Features.Referrals;
using Foreningsbro.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Programmes;

public sealed record NewEnrolment(int CitizenId, int ProgrammeId, DateOnly? StartDate, string? ConsultantId, int? NextStepTeamId, Guid IdempotencyKey);

/// <summary>Enrolling a citizen, replanning sessions after a schedule change, and setting up a group visit.</summary>
public static class ProgrammeCommands
{
    /// <summary>Participants on the programme on a given day: started, and not ended before it.</summary>
    public static IQueryable<Enrolment> ActiveOn(this IQueryable<Enrolment> enrolments, DateOnly day) =>
        enrolments.Where(e => e.StartDate <= day && (e.EndDate == null || e.EndDate >= day));

    /// <summary>Enrolments that hold a place from <paramref name="day"/> on (also those starting later).</summary>
    public static IQueryable<Enrolment> HoldingPlaceOn(this IQueryable<Enrolment> enrolments, DateOnly day) =>
        enrolments.Where(e => e.EndDate == null || e.EndDate >= day);

    /// <summary>Professionals who may follow a programme's participants: those of the owning department.</summary>
    public static IQueryable<AppUser> Consultants(AppDbContext db, int departmentId) =>
        db.Users.Where(u => u.DepartmentId == departmentId
            && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Professional)));

    public static IQueryable<AppUser> Instructors(AppDbContext db) =>
        db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Instructor)));

    public static async Task<Outcome> EnrolAsync(AppDbContext db, ClaimsPrincipal user, NewEnrolment input, DateTimeOffset now, CancellationToken ct = default)
    {
        if (!user.SeesProgression())
        {
            return Outcome.Missing;
        }

        var citizen = await db.Citizens.AsNoTracking().VisibleTo(user).Where(c => c.Id == input.CitizenId).Select(c => new { c.Id }).SingleOrDefaultAsync(ct);
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
            consultant = await Consultants(db, programme.DepartmentId).Where(u => u.Id == input.ConsultantId).Select(u => u.Id).SingleOrDefaultAsync(ct);
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

        if (await db.Enrolments.AnyAsync(e => e.CitizenId == citizen.Id && e.ProgrammeId == programme.Id && (e.EndDate == null || e.EndDate >= today), ct))
        {
            // The enrolment may be this very form's, saved by a second submit since the check above.
            return await ExistingAsync(db, input, ct) is { } same
                ? Outcome.Done(same)
                : Outcome.Clash($"Borgeren er allerede tilmeldt »{programme.Name}«.");
        }

        // Capacity is checked at the start date: places held by those still on the programme then.
        var taken = await db.Enrolments.Where(e => e.ProgrammeId == programme.Id).HoldingPlaceOn(start).CountAsync(ct);
        if (taken >= programme.Capacity)
        {
            return Outcome.Clash($"Forløbet »{programme.Name}« er fuldt: {taken} af {programme.Capacity} pladser er optaget.");
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
            IdempotencyKey = input.IdempotencyKey == Guid.Empty ? Guid.NewGuid() : input.IdempotencyKey,
        };
        db.Enrolments.Add(enrolment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is { } inner && ConflictExceptionHandler.IsUniqueViolation(inner))
        {
            // Two submits of one form raced past the check above; the other one won.
            db.ChangeTracker.Clear();
            if (await ExistingAsync(db, input, ct) is { } winner)
            {
                return Outcome.Done(winner);
            }

            throw;
        }

        return Outcome.Done(enrolment.Id);
    }

    private static async Task<int?> ExistingAsync(AppDbContext db, NewEnrolment input, CancellationToken ct) =>
        input.IdempotencyKey == Guid.Empty
            ? null
            : await db.Enrolments.Where(e => e.IdempotencyKey == input.IdempotencyKey && e.CitizenId == input.CitizenId).Select(e => (int?)e.Id).FirstOrDefaultAsync(ct);

    /// <summary>
    /// After the schedule, start or length changed: future sessions that were generated from a slot the
    /// plan no longer has, and that nobody has touched (not moved, cancelled, given a topic or a visit,
    /// nothing recorded), are removed; then the missing slots are generated. Past and touched sessions stay.
    /// </summary>
    public static async Task ReplanAsync(AppDbContext db, int programmeId, DateTimeOffset now, CancellationToken ct = default)
    {
        var programme = await db.Programmes.AsNoTracking().Include(p => p.Schedules).SingleAsync(p => p.Id == programmeId, ct);
        var today = DanishTime.Today(now);
        var planned = programme.Archived
            ? []
            : SessionPlan.Slots(programme, today, SessionPlan.Horizon(programme, now)).Select(s => (s.Date, s.Start)).ToHashSet();
        var candidates = await db.ProgrammeSessions
            .Where(s => s.ProgrammeId == programmeId && s.Date >= today && s.ScheduledDate != null
                && s.Date == s.ScheduledDate && s.Start == s.ScheduledStart
                && !s.Cancelled && s.Topic == null && s.VisitTeamId == null && !s.Attendances.Any())
            .Select(s => new { s.Id, s.Date, s.Start })
            .ToListAsync(ct);
        var obsolete = candidates.Where(s => !planned.Contains((s.Date, s.Start))).Select(s => s.Id).ToList();
        if (obsolete.Count > 0)
        {
            await db.ProgrammeSessions.Where(s => s.ProgrammeId == programmeId && obsolete.Contains(s.Id) && !s.Attendances.Any()).ExecuteDeleteAsync(ct);
        }

        await SessionPlan.EnsureGeneratedAsync(db, programmeId, now, ct);
    }

    /// <summary>
    /// The club is told how many are coming and when, never who: the participants have not agreed to
    /// share anything with the club, and the count is all the club needs to prepare.
    /// </summary>
    public static void AddGroupVisitNotice(AppDbContext db, string to, string? contactName, string teamTitle, string programmeName, string departmentName,
        DateOnly date, TimeOnly start, int count, bool cancelled, DateTimeOffset now)
    {
        var when = date.ToDateTime(start).ToString("dddd d. MMMM yyyy 'kl.' HH.mm", Localization.Danish);
        var sb = new StringBuilder();
        sb.AppendLine(string.IsNullOrWhiteSpace(contactName) ? "Hej" : $"Hej {contactName}");
        sb.AppendLine();
        if (cancelled)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"Gruppebesøget fra »{programmeName}« på {teamTitle} {when} er aflyst. Vi kommer ikke.");
        }
        else
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"Et forløbshold fra {departmentName} kommer på gruppebesøg på {teamTitle} {when}.");
            sb.AppendLine(CultureInfo.InvariantCulture, $"Vi kommer {count} deltagere fra »{programmeName}« sammen med vores instruktør.");
        }

        sb.AppendLine();
        sb.AppendLine("Du kan se besøget i Foreningsbro under Min forening → Besøg.");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Venlig hilsen {departmentName}");
        db.OutboxMessages.Add(new OutboxMessage
        {
            Subject = cancelled ? $"Gruppebesøg på {teamTitle} er aflyst" : $"Gruppebesøg på {teamTitle}",
            Channel = MessageChannel.Email,
            Kind = MessageKind.ClubNotice,
            To = to,
            Body = sb.ToString(),
            Status = MessageStatus.Pending,
            CreatedAtUtc = now.UtcDateTime,
            NotBeforeUtc = now.UtcDateTime,
            NextAttemptAtUtc = now.UtcDateTime,
        });
    }
}
