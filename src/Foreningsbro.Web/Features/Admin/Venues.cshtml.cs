using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Admin;

[Authorize(Policy = Policies.Coordinator)]
public class VenuesModel(AppDbContext db) : PageModel
{
    public List<Row> Venues { get; private set; } = [];

    public sealed record Row(int Id, string Name, string? Address, string PostalCode, string Town, bool Archived, int Teams);

    public async Task OnGetAsync(CancellationToken ct) =>
        Venues = await db.Venues.AsNoTracking().EditableBy(User)
            .OrderBy(v => v.Archived).ThenBy(v => v.Name)
            .Select(v => new Row(v.Id, v.Name, v.Address, v.PostalCode, v.Town, v.Archived, db.Teams.Count(t => t.VenueId == v.Id && t.Status != TeamStatus.Archived)))
            .ToListAsync(ct);
}
