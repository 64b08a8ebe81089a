using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Admin;

/// <summary>The coordinator's overview: how much there is, and how much needs attention.</summary>
[Authorize(Policy = Policies.Coordinator)]
public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public int Clubs { get; private set; }

    public int Venues { get; private set; }

    public int ActiveTeams { get; private set; }

    public int Overdue { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Clubs = await db.Clubs.EditableBy(User).CountAsync(c => !c.Archived, ct);
        Venues = await db.Venues.EditableBy(User).CountAsync(v => !v.Archived, ct);
        ActiveTeams = await db.Teams.EditableBy(User).CountAsync(t => t.Status == TeamStatus.Active, ct);
        Overdue = await ListingConfirmation.Overdue(db.Teams.EditableBy(User), ListingConfirmation.OverdueBefore(clock)).CountAsync(ct);
    }
}
