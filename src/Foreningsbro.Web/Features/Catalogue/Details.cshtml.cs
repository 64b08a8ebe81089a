using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Foreningsbro.Web.Features.Catalogue;

/// <summary>A team's public page: what a caseworker shows a citizen, and where the leaflet's QR code points.</summary>
[AllowAnonymous]
public class DetailsModel(Data.AppDbContext db, TimeProvider clock) : PageModel
{
    public TeamDetailDto? Team { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        Team = await TeamDetails.LoadAsync(db, id, clock.GetUtcNow(), ct);
        if (Team is null)
        {
            // Unknown and archived teams get the page's own "not found" text with a 404.
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
