using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.ClubContact;

/// <summary>A club contact's own club: its teams, when each listing was last confirmed, and the button that confirms it.</summary>
[Authorize(Policy = Policies.ClubContact)]
public class MyClubModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public string? ClubName { get; private set; }

    public List<TeamRow> Teams { get; private set; } = [];

    public DateTime OverdueBeforeUtc { get; private set; }

    public sealed record TeamRow(int Id, string Title, TeamStatus Status, DateTime? LastConfirmedAtUtc, string? LastConfirmedBy, DateTime UpdatedAtUtc);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var club = User.ClubId();
        ClubName = await db.Clubs.Where(c => c.Id == club).Select(c => c.Name).SingleOrDefaultAsync(ct);
        OverdueBeforeUtc = ListingConfirmation.OverdueBefore(clock);
        Teams = await db.Teams.AsNoTracking()
            .Where(t => t.ClubId == club)
            .OrderBy(t => t.Status == TeamStatus.Archived).ThenBy(t => t.Title)
            .Select(t => new TeamRow(t.Id, t.Title, t.Status, t.LastConfirmedAtUtc, t.LastConfirmedBy, t.UpdatedAtUtc))
            .ToListAsync(ct);
    }

    /// <summary>"Oplysningerne er aktuelle" for one team; another club's team is answered 404 and left alone.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(int teamId, CancellationToken ct)
    {
        var club = User.ClubId();
        var now = clock.GetUtcNow().UtcDateTime;
        var title = await db.Teams.Where(t => t.Id == teamId && t.ClubId == club).Select(t => t.Title).SingleOrDefaultAsync(ct);
        if (title is null || await ListingConfirmation.ConfirmAsync(db.Teams.Where(t => t.ClubId == club), teamId, now, User.DisplayName(), ct) == 0)
        {
            return NotFound();
        }

        TempData.SetMessage("Tak. Oplysningerne om »{0}« er markeret som aktuelle.", title);
        return RedirectToPage();
    }
}
