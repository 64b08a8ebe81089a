using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Infrastructure;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Referrals;

[Authorize(Policy = Policies.WorksWithCitizens)]
public class ReferralDetailsModel(AppDbContext db, TimeProvider time) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed record Info(
        int Id, int CitizenId, string CitizenName, string Team, string Club, DateTime VisitAtUtc, VisitMode Mode, string? NeedsForClub,
        ReferralStatus Status, string? ClosingReason, int? PreviousReferralId, DateTime CreatedAtUtc, string CreatedBy, int Version);

    public sealed record HistoryRow(ReferralStatus? From, ReferralStatus To, DateTime AtUtc, string By, string? Reason, string? ClosingReason);

    public Info Referral { get; private set; } = null!;
    public List<HistoryRow> History { get; private set; } = [];
    public List<ClosingReason> Reasons { get; private set; } = [];

    public class InputModel
    {
        public ReferralStatus? Status { get; set; }
        public int? ClosingReasonId { get; set; }
        public string? Reason { get; set; }
        public int? Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await Load(id, ct))
        {
            return NotFound();
        }

        Input.Version = Referral.Version;
        await AccessLog.WriteViewAsync(db, User, time.GetUtcNow(), Referral.CitizenId, "Henvisning", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var outcome = await ReferralCommands.ChangeStatusAsync(db, User, new StatusChange(id, Input.Status, Input.Reason, Input.ClosingReasonId, Input.Version), time.GetUtcNow(), ct);
        if (outcome.Kind == OutcomeKind.Ok)
        {
            TempData["Message"] = "Status er opdateret.";
            return Redirect($"/henvisninger/{id}");
        }

        if (outcome.Kind == OutcomeKind.Conflict)
        {
            // Show what is there now; the user's choice stays in the form, with the fresh version.
            ModelState.Clear();
        }

        if (outcome.ToPageResult(this) is { } notFound)
        {
            return notFound;
        }

        db.ChangeTracker.Clear();
        await Load(id, ct);
        if (outcome.Kind == OutcomeKind.Conflict)
        {
            Input.Version = Referral.Version;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        return Page();
    }

    private async Task<bool> Load(int id, CancellationToken ct)
    {
        var r = await db.Referrals.AsNoTracking().VisibleTo(User).Where(x => x.Id == id)
            .Select(x => new Info(x.Id, x.CitizenId, x.Citizen.FirstName + " " + x.Citizen.LastName, x.Team.Title, x.Team.Club.Name, x.VisitAtUtc, x.VisitMode, x.NeedsForClub,
                x.Status, x.ClosingReason != null ? x.ClosingReason.Name : null, x.PreviousReferralId, x.CreatedAtUtc, x.CreatedBy, x.Version))
            .SingleOrDefaultAsync(ct);
        if (r is null)
        {
            return false;
        }

        Referral = r;
        History = await db.ReferralStatusChanges.AsNoTracking().Where(h => h.ReferralId == id).OrderBy(h => h.AtUtc).ThenBy(h => h.Id)
            .Select(h => new HistoryRow(h.From, h.To, h.AtUtc, h.By, h.Reason, db.ClosingReasons.Where(c => c.Id == h.ClosingReasonId).Select(c => c.Name).FirstOrDefault()))
            .ToListAsync(ct);
        Reasons = await db.ClosingReasons.AsNoTracking().Where(c => !c.Archived).OrderBy(c => c.SortOrder).ToListAsync(ct);
        return true;
    }
}
