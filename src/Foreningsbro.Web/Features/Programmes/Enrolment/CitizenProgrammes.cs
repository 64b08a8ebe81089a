using System.Security.Claims;

using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>The "Forløb" section of the citizen page: the citizen's enrolments and the programmes they can join.</summary>
public sealed record CitizenProgrammes(int CitizenId, List<CitizenProgrammes.EnrolmentRow> Enrolments, List<CitizenProgrammes.Offer> Offers)
{
    public sealed record EnrolmentRow(int Id, int ProgrammeId, string Programme, DateOnly StartDate, DateOnly? EndDate, EnrolmentEndReason? EndReason, string? NextStepTeam, bool EndedWithProgramme);

    public sealed record Offer(int Id, string Name, string Venue, List<(DayOfWeek, TimeOnly, TimeOnly)> Schedule, int Taken, int Capacity, bool Enrolled);

    public static async Task<CitizenProgrammes> LoadAsync(AppDbContext db, ClaimsPrincipal user, int citizenId, int municipalityId, DateOnly today, CancellationToken ct)
    {
        var enrolments = await db.Enrolments.AsNoTracking().VisibleTo(user).Where(e => e.CitizenId == citizenId)
            .OrderByDescending(e => e.StartDate).ThenByDescending(e => e.Id)
            .Select(e => new { e.Id, e.ProgrammeId, e.Programme.Name, e.StartDate, e.EndDate, e.EndReason, Team = e.NextStepTeam != null ? e.NextStepTeam.Title : null, ProgrammeStart = e.Programme.StartDate, e.Programme.Weeks })
            .ToListAsync(ct);
        var rows = enrolments.Select(e =>
        {
            // A fixed-length programme ends by itself after its last week.
            DateOnly? last = e.Weeks is int w ? e.ProgrammeStart.AddDays(7 * w - 1) : null;
            var endedWithProgramme = e.EndDate is null && last is { } l && l < today;
            return new EnrolmentRow(e.Id, e.ProgrammeId, e.Name, e.StartDate, endedWithProgramme ? last : e.EndDate, e.EndReason, e.Team, endedWithProgramme);
        }).ToList();
        var current = rows.Where(r => r.EndDate is null || r.EndDate >= today).Select(r => r.ProgrammeId).ToHashSet();

        List<Offer> offers = [];
        if (user.SeesProgression())
        {
            var programmes = await db.Programmes.AsNoTracking().VisibleTo(user)
                .Where(p => !p.Archived && p.Department.MunicipalityId == municipalityId)
                // Only the citizen's own department's programmes: their staff see the participants (ADR 0013).
                .Where(p => db.Citizens.Any(c => c.Id == citizenId && c.DepartmentId == p.DepartmentId))
                .OrderBy(p => p.Name).ThenBy(p => p.Id)
                .Select(p => new
                {
                    p.Id,
                    p.Name,
                    Venue = p.Venue.Name,
                    p.StartDate,
                    p.Weeks,
                    p.Capacity,
                    Schedule = p.Schedules.Select(s => new { s.Weekday, s.Start, s.End }).ToList(),
                    Taken = p.Enrolments.Count(e => e.EndDate == null || e.EndDate >= today),
                })
                .AsSplitQuery()
                .Take(50)
                .ToListAsync(ct);
            offers = [.. programmes
                .Where(p => p.Weeks is not int w || p.StartDate.AddDays(7 * w - 1) >= today)
                .Select(p => new Offer(p.Id, p.Name, p.Venue, [.. p.Schedule.Select(s => (s.Weekday, s.Start, s.End))], p.Taken, p.Capacity, current.Contains(p.Id)))];
        }

        return new CitizenProgrammes(citizenId, rows, offers);
    }
}
