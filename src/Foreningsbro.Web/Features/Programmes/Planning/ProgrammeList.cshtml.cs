using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Infrastructure;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>/forloeb: the programmes the user works with, each with its schedule, places and next session.</summary>
[Authorize(Policy = Policies.WorksWithProgrammes)]
public class ProgrammeListModel(AppDbContext db, TimeProvider time) : PageModel
{
    public sealed record Row(int Id, string Name, ProgrammeKind Kind, string Department, List<(DayOfWeek, TimeOnly, TimeOnly)> Schedule,
        int Participants, int Capacity, DateOnly? LastDay, DateOnly? NextDate, TimeOnly? NextStart);

    public List<Row> Rows { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = DanishTime.Today(time);
        var today = Today;
        var rows = await db.Programmes.AsNoTracking().VisibleTo(User).Where(p => !p.Archived)
            .OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.Kind,
                Department = p.Department.Name,
                Schedule = p.Schedules.Select(s => new { s.Weekday, s.Start, s.End }).ToList(),
                Participants = p.Enrolments.Count(e => e.EndDate == null || e.EndDate >= today),
                p.Capacity,
                p.StartDate,
                p.Weeks,
                Next = p.Sessions.Where(s => !s.Cancelled && s.Date >= today).OrderBy(s => s.Date).ThenBy(s => s.Start)
                    .Select(s => new { s.Date, s.Start }).FirstOrDefault(),
            })
            .AsSplitQuery()
            .Take(500)
            .ToListAsync(ct);
        Rows = [.. rows.Select(r => new Row(r.Id, r.Name, r.Kind, r.Department, [.. r.Schedule.Select(s => (s.Weekday, s.Start, s.End))],
            r.Participants, r.Capacity, r.Weeks is int w ? r.StartDate.AddDays(7 * w - 1) : null, r.Next?.Date, r.Next?.Start))];
    }
}
