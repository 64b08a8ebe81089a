using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Infrastructure;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>"Mine træninger": the instructor's sessions today, the next ones and the last ones (to finish recording), on a phone.</summary>
[Authorize(Policy = Policies.RecordsAttendance)]
public class InstructorHomeModel(AppDbContext db, TimeProvider time) : PageModel
{
    public const int Upcoming = 6;
    public const int Recent = 4;

    public sealed record SessionRow(int Id, string Programme, DateOnly Date, TimeOnly Start, TimeOnly End, string? Topic, bool Cancelled, string? VisitTeam, int Recorded);

    public List<SessionRow> Today { get; private set; } = [];
    public List<SessionRow> Next { get; private set; } = [];
    public List<SessionRow> Past { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = DanishTime.Today(now);
        // Open-ended programmes get their coming sessions as time passes.
        var mine = await db.Programmes.AsNoTracking().VisibleTo(User).Where(p => !p.Archived).Select(p => p.Id).ToListAsync(ct);
        foreach (var id in mine)
        {
            await SessionPlan.EnsureGeneratedAsync(db, id, now, ct);
        }

        var sessions = db.ProgrammeSessions.AsNoTracking().VisibleTo(User).Where(s => !s.Programme.Archived);
        Today = await Rows(sessions.Where(s => s.Date == today).OrderBy(s => s.Start)).ToListAsync(ct);
        Next = await Rows(sessions.Where(s => s.Date > today).OrderBy(s => s.Date).ThenBy(s => s.Start)).Take(Upcoming).ToListAsync(ct);
        Past = await Rows(sessions.Where(s => s.Date < today && s.Date >= today.AddDays(-14)).OrderByDescending(s => s.Date).ThenByDescending(s => s.Start)).Take(Recent).ToListAsync(ct);
    }

    private static IQueryable<SessionRow> Rows(IQueryable<ProgrammeSession> q) =>
        q.Select(s => new SessionRow(s.Id, s.Programme.Name, s.Date, s.Start, s.End, s.Topic, s.Cancelled, s.VisitTeam != null ? s.VisitTeam.Title : null, s.Attendances.Count));
}
