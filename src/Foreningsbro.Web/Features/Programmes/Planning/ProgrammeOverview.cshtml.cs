using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>
/// /forloeb/{id}: the programme at a glance. Professionals and coordinators see participants' full
/// names and next steps; instructors see first names only (they need no more to run a training).
/// </summary>
[Authorize(Policy = Policies.WorksWithProgrammes)]
public class ProgrammeOverviewModel(AppDbContext db, TimeProvider time) : PageModel
{
    public const int UpcomingCount = 6;

    public sealed record Facts(int Id, string Name, ProgrammeKind Kind, string? Description, string Department, string Venue, string? VenueAddress,
        string VenueTown, string? Consultant, DateOnly StartDate, int? Weeks, int Capacity, List<(DayOfWeek, TimeOnly, TimeOnly)> Schedule, List<string> Instructors);

    public sealed record Participant(int EnrolmentId, int CitizenId, string Name, DateOnly StartDate, DateOnly? EndDate, EnrolmentEndReason? EndReason,
        string? NextStepTeam, int? NextStepTeamId, string? Consultant);

    public sealed record SessionRow(int Id, DateOnly Date, TimeOnly Start, TimeOnly End, bool Cancelled, string? Topic, string? VisitTeam);

    public Facts Programme { get; private set; } = null!;

    public List<Participant> Current { get; private set; } = [];

    public List<Participant> Ended { get; private set; } = [];

    public List<SessionRow> Upcoming { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public DateOnly? LastDay => Programme.Weeks is int w ? Programme.StartDate.AddDays(7 * w - 1) : null;

    /// <summary>A fixed-length programme whose last week is over: its participants ended with it.</summary>
    public bool IsOver => LastDay is { } last && last < Today;

    public bool Manages => User.SeesProgression();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        Today = DanishTime.Today(now);
        var p = await db.Programmes.AsNoTracking().VisibleTo(User).Where(x => x.Id == id)
            .Select(x => new
            {
                x.Id,
                x.Name,
                x.Kind,
                x.Description,
                Department = x.Department.Name,
                Venue = x.Venue.Name,
                x.Venue.Address,
                x.Venue.Town,
                Consultant = x.ResponsibleConsultant != null ? x.ResponsibleConsultant.DisplayName : null,
                x.StartDate,
                x.Weeks,
                x.Capacity,
                Schedule = x.Schedules.Select(s => new { s.Weekday, s.Start, s.End }).ToList(),
                Instructors = x.Instructors.Select(i => i.User.DisplayName).ToList(),
            })
            .AsSplitQuery()
            .SingleOrDefaultAsync(ct);
        if (p is null)
        {
            return NotFound();
        }

        Programme = new Facts(p.Id, p.Name, p.Kind, p.Description, p.Department, p.Venue, p.Address, p.Town, p.Consultant, p.StartDate, p.Weeks, p.Capacity,
            [.. p.Schedule.Select(s => (s.Weekday, s.Start, s.End))], [.. p.Instructors.Order(StringComparer.CurrentCulture)]);
        await SessionPlan.EnsureGeneratedAsync(db, id, now, ct);

        var full = Manages;
        var participants = await db.Enrolments.AsNoTracking().VisibleTo(User).Where(e => e.ProgrammeId == id)
            .OrderBy(e => e.Citizen.FirstName).ThenBy(e => e.Citizen.LastName).ThenBy(e => e.Id)
            .Select(e => new Participant(e.Id, e.CitizenId,
                full ? e.Citizen.FirstName + " " + e.Citizen.LastName : e.Citizen.FirstName,
                e.StartDate, e.EndDate, e.EndReason,
                // The next step is progression: not for instructors, as on the participant page (issue 13, item 6).
                full && e.NextStepTeam != null ? e.NextStepTeam.Title : null, full ? e.NextStepTeamId : null,
                full && e.Consultant != null ? e.Consultant.DisplayName : null))
            .ToListAsync(ct);
        var today = Today;
        // A fixed-length programme ends by itself: after its last day nobody is on it any more.
        var over = LastDay is { } lastDay && lastDay < today ? LastDay : null;
        var ended = participants.Select(x => x.EndDate is null && over is { } o ? x with { EndDate = o } : x).ToList();
        Current = [.. ended.Where(x => x.EndDate is null || x.EndDate >= today)];
        Ended = full ? [.. ended.Where(x => x.EndDate < today).OrderByDescending(x => x.EndDate)] : [];

        Upcoming = await db.ProgrammeSessions.AsNoTracking().Where(s => s.ProgrammeId == id && s.Date >= today)
            .OrderBy(s => s.Date).ThenBy(s => s.Start).Take(UpcomingCount)
            .Select(s => new SessionRow(s.Id, s.Date, s.Start, s.End, s.Cancelled, s.Topic, s.VisitTeam != null ? s.VisitTeam.Title : null))
            .ToListAsync(ct);

        if (full)
        {
            await AccessLog.WriteListAsync(db, User, now, $"Forløbets deltagere: {p.Name}", null, participants.Count, ct);
        }

        return Page();
    }
}
