using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Admin;

[Authorize(Policy = Policies.Coordinator)]
public class ClubsModel(AppDbContext db) : PageModel
{
    public List<Row> Clubs { get; private set; } = [];

    public sealed record Row(int Id, string Name, string? Town, string Municipality, bool Archived, int ActiveTeams, int Teams);

    public async Task OnGetAsync(CancellationToken ct) =>
        Clubs = await db.Clubs.AsNoTracking().EditableBy(User)
            .OrderBy(c => c.Archived).ThenBy(c => c.Name)
            .Select(c => new Row(c.Id, c.Name, c.Town, c.Municipality.Name, c.Archived, c.Teams.Count(t => t.Status == TeamStatus.Active), c.Teams.Count))
            .ToListAsync(ct);
}
