using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>What every kiosk page starts from: the one session the kiosk principal carries, if it is still today's.</summary>
[Authorize(Policy = Policies.Kiosk)]
public abstract class KioskPageModel(AppDbContext db, TimeProvider time) : PageModel
{
    protected AppDbContext Db => db;

    protected TimeProvider Time => time;

    public SessionFacts? Session { get; private set; }

    protected async Task<SessionFacts?> FindSessionAsync(CancellationToken ct)
    {
        var today = DanishTime.Today(time);
        Session = await AttendanceCommands.Facts(db.ProgrammeSessions.AsNoTracking().KioskSession(User, today)).SingleOrDefaultAsync(ct);
        ViewData["KioskHeading"] = Session is null ? "Foreningsbro" : $"{Session.ProgrammeName} · {InstructorText.Day(Session.Date)}";
        return Session;
    }
}
