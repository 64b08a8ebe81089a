using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Referrals;
using Foreningsbro.Web.Infrastructure;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Citizens;

[Authorize(Policy = Policies.WorksWithCitizens)]
public class CitizenModel(AppDbContext db, TimeProvider time) : PageModel
{
    public const int SuggestionCount = 5;

    public sealed record Details(
        int Id, string FirstName, string LastName, string? Phone, string? Email, int BirthYear, string PostalCode,
        CitizenTargetGroup TargetGroup, ContactChannel PreferredChannel, string Department, int MunicipalityId, DateTime CreatedAtUtc, string CreatedBy);

    public sealed record ReferralRow(int Id, string Team, string Club, DateTime VisitAtUtc, VisitMode Mode, ReferralStatus Status, DateTime StatusChangedAtUtc, string? ClosingReason);

    public Details Citizen { get; private set; } = null!;
    public List<Consent> Consents { get; private set; } = [];
    public List<Conversation> Conversations { get; private set; } = [];
    public List<ReferralRow> ReferralList { get; private set; } = [];
    public List<Suggestion> Suggested { get; private set; } = [];
    public IReadOnlyDictionary<int, int> OpenReferrals { get; private set; } = new Dictionary<int, int>();
    public Dictionary<int, string> ActivityNames { get; private set; } = [];
    public Programmes.CitizenProgrammes Programmes { get; private set; } = null!;

    public Consent? Active(ConsentPurpose p) => Consents.LastOrDefault(c => c.IsActiveFor(p));

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var citizen = await db.Citizens.AsNoTracking().VisibleTo(User).Where(c => c.Id == id)
            .Select(c => new Details(c.Id, c.FirstName, c.LastName, c.Phone, c.Email, c.BirthYear, c.PostalCode, c.TargetGroup, c.PreferredChannel,
                c.Department.Name, c.Department.MunicipalityId, c.CreatedAtUtc, c.CreatedBy))
            .SingleOrDefaultAsync(ct);
        if (citizen is null)
        {
            return NotFound();
        }

        Citizen = citizen;
        var now = time.GetUtcNow();
        Consents = await db.Consents.AsNoTracking().Where(c => c.CitizenId == id).OrderBy(c => c.GivenAtUtc).ThenBy(c => c.Id).ToListAsync(ct);
        Conversations = await db.Conversations.AsNoTracking().Where(c => c.CitizenId == id).OrderByDescending(c => c.HeldAtUtc).ThenByDescending(c => c.Id).ToListAsync(ct);
        ReferralList = await db.Referrals.AsNoTracking().Where(r => r.CitizenId == id).OrderByDescending(r => r.CreatedAtUtc).ThenByDescending(r => r.Id)
            .Select(r => new ReferralRow(r.Id, r.Team.Title, r.Team.Club.Name, r.VisitAtUtc, r.VisitMode, r.Status, r.StatusChangedAtUtc, r.ClosingReason != null ? r.ClosingReason.Name : null))
            .ToListAsync(ct);
        var liked = Conversations.SelectMany(c => c.LikedActivityIds).Distinct().ToList();
        ActivityNames = await db.Activities.AsNoTracking().Where(a => liked.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);

        var age = DanishTime.Today(now).Year - citizen.BirthYear;
        Suggested = await Suggestions.RankAsync(db, citizen.MunicipalityId, Suggestions.From(Conversations.FirstOrDefault(), citizen.PostalCode, citizen.TargetGroup, age), now, SuggestionCount, ct);
        OpenReferrals = await ReferralCommands.OpenByTeamAsync(db, id, ct);

        Programmes = await Features.Programmes.CitizenProgrammes.LoadAsync(db, User, id, citizen.MunicipalityId, DanishTime.Today(now), ct);

        await AccessLog.WriteViewAsync(db, User, now, id, "Borgerside", ct);
        return Page();
    }

    // A missing or unknown purpose or method binds as null: the command looks the citizen up first (404), then refuses it.
    public async Task<IActionResult> OnPostConsentAsync(int id, ConsentPurpose? purpose, ConsentMethod? method, CancellationToken ct)
    {
        var outcome = await ConsentCommands.GiveAsync(db, User, id, purpose, method, time.GetUtcNow(), ct);
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }

        if (outcome.Kind == OutcomeKind.Invalid)
        {
            return await RefusedAsync(id, outcome, ct);
        }

        TempData.SetMessage("Samtykke registreret: {0}.", purpose?.Danish());
        return Redirect($"/borgere/{id}#samtykke");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(int id, ConsentPurpose? purpose, CancellationToken ct)
    {
        var outcome = await ConsentCommands.WithdrawAsync(db, User, id, purpose, time.GetUtcNow(), ct);
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }

        if (outcome.Kind == OutcomeKind.Invalid)
        {
            return await RefusedAsync(id, outcome, ct);
        }

        TempData.SetMessage("Samtykket er trukket tilbage: {0}. Det gælder fra nu.", purpose?.Danish());
        return Redirect($"/borgere/{id}#samtykke");
    }

    /// <summary>The citizen page again with the command's Danish message in the error summary, linking to the consents; nothing was saved.</summary>
    private async Task<IActionResult> RefusedAsync(int id, Outcome outcome, CancellationToken ct)
    {
        ModelState.Clear();
        ModelState.AddModelError("samtykke", outcome.Message!);
        return await OnGetAsync(id, ct);
    }
}
