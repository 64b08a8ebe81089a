using System.Globalization;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Admin;

/// <summary>All teams, with every status, for the coordinator to open and edit.</summary>
[Authorize(Policy = Policies.Coordinator)]
public class TeamsModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "forening")]
    public int? ClubId { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public TeamStatus? Status { get; set; }

    public List<SelectListItem> Clubs { get; private set; } = [];

    public List<Row> Teams { get; private set; } = [];

    public sealed record Row(int Id, string Title, string Club, string Activity, TeamStatus Status, DateTime? LastConfirmedAtUtc, DateTime UpdatedAtUtc);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.Teams.AsNoTracking().EditableBy(User);
        if (ClubId is { } club)
        {
            query = query.Where(t => t.ClubId == club);
        }

        // An unknown status in the address is ignored rather than shown as an error.
        if (Status is { } status && Enum.IsDefined(status))
        {
            query = query.Where(t => t.Status == status);
        }

        Teams = await query
            .OrderBy(t => t.Club.Name).ThenBy(t => t.Title)
            .Select(t => new Row(t.Id, t.Title, t.Club.Name, t.Activity.Name, t.Status, t.LastConfirmedAtUtc, t.UpdatedAtUtc))
            .ToListAsync(ct);
        var clubs = await db.Clubs.AsNoTracking().EditableBy(User).OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        Clubs = [.. clubs.Select(c => new SelectListItem(c.Name, c.Id.ToString(CultureInfo.InvariantCulture), c.Id == ClubId))];
    }
}
