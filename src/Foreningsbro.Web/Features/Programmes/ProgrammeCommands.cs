using System.Globalization;
using System.Security.Claims;
using System.Text;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>Replanning sessions after a schedule change, setting up a group visit, and who may be chosen as consultant or instructor.</summary>
public static class ProgrammeCommands
{
    /// <summary>Professionals who may follow a programme's participants: those of the owning department.</summary>
    public static IQueryable<AppUser> Consultants(AppDbContext db, int departmentId) =>
        db.Users.Where(u => u.DepartmentId == departmentId
            && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Professional)));

    public static IQueryable<AppUser> Instructors(AppDbContext db) =>
        db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Instructor)));

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
    /// <remarks>
    /// Neither the programme's name nor its department: "Jobcenter …" or "Livsstilsholdet (Sundhedscenter …)"
    /// tells the club why the participants are in a programme (issue 13). The message is signed by the municipality.
    /// </remarks>
    public static void AddGroupVisitNotice(AppDbContext db, int municipalityId, string to, string? contactName, string teamTitle, string municipalityName,
        DateOnly date, TimeOnly start, int count, bool cancelled, string publicBase, DateTimeOffset now)
    {
        var when = date.ToDateTime(start).ToString("dddd d. MMMM yyyy 'kl.' HH.mm", Localization.Danish);
        var sb = new StringBuilder();
        sb.AppendLine(string.IsNullOrWhiteSpace(contactName) ? "Hej" : $"Hej {contactName}");
        sb.AppendLine();
        if (cancelled)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"Gruppebesøget på {teamTitle} {when} er aflyst. Vi kommer ikke.");
        }
        else
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{GroupVisitRow.Describe(count)} kommer på gruppebesøg på {teamTitle} {when}.");
            sb.AppendLine("De kommer sammen med deres instruktør.");
        }

        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Se besøget i Foreningsbro: {Messages.Outbox.ClubVisitsUrl(publicBase)}");
        sb.AppendLine();
        sb.AppendLine(Messages.Outbox.MunicipalitySignature(municipalityName));
        db.OutboxMessages.Add(new OutboxMessage
        {
            Subject = cancelled ? $"Gruppebesøg på {teamTitle} er aflyst" : $"Gruppebesøg på {teamTitle}",
            Channel = MessageChannel.Email,
            Kind = MessageKind.ClubNotice,
            MunicipalityId = municipalityId,
            To = to,
            Body = sb.ToString(),
            Status = MessageStatus.Pending,
            CreatedAtUtc = now.UtcDateTime,
            NotBeforeUtc = now.UtcDateTime,
            NextAttemptAtUtc = now.UtcDateTime,
        });
    }
}
