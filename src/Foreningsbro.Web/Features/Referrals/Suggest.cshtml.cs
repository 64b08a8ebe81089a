using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue;
using Foreningsbro.Web.Features.Catalogue.Search;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Referrals;

/// <summary>All ranked suggestions from the latest conversation, and a plain catalogue search for when none fits.</summary>
[Authorize(Policy = Policies.WorksWithCitizens)]
public class SuggestModel(AppDbContext db, CatalogueIndex catalogue, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public int CitizenId { get; private set; }
    public string CitizenName { get; private set; } = "";
    public List<Suggestion> Suggested { get; private set; } = [];
    public List<TeamSummaryDto> SearchHits { get; private set; } = [];
    public IReadOnlyDictionary<int, int> OpenReferrals { get; private set; } = new Dictionary<int, int>();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var c = await db.Citizens.AsNoTracking().VisibleTo(User).Where(x => x.Id == id)
            .Select(x => new { x.Id, x.FirstName, x.LastName, x.PostalCode, x.TargetGroup, x.BirthYear, x.Department.MunicipalityId })
            .SingleOrDefaultAsync(ct);
        if (c is null)
        {
            return NotFound();
        }

        var now = time.GetUtcNow();
        CitizenId = c.Id;
        CitizenName = $"{c.FirstName} {c.LastName}";
        var latest = await db.Conversations.AsNoTracking().Where(x => x.CitizenId == id).OrderByDescending(x => x.HeldAtUtc).ThenByDescending(x => x.Id).FirstOrDefaultAsync(ct);
        Suggested = await Suggestions.RankAsync(db, c.MunicipalityId, Suggestions.From(latest, c.PostalCode, c.TargetGroup, DanishTime.Today(now).Year - c.BirthYear), now, 10, ct);
        OpenReferrals = await ReferralCommands.OpenByTeamAsync(db, id, ct);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            SearchHits = [.. (await catalogue.SearchAsync(db, new TeamSearchQuery { Q = Q.Length > Limits.Query ? Q[..Limits.Query] : Q, PageSize = 20 }, now, ct)).Items];
        }

        await AccessLog.WriteViewAsync(db, User, now, id, "Forslag til hold", ct);
        return Page();
    }
}
