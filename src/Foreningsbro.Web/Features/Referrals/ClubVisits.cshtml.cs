using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Referrals;

/// <summary>
/// What a club contact sees of a referral: the visit, and the first name, phone and needs only
/// while the citizen's consent to share them with the club stands. Nothing else leaves the municipality.
/// </summary>
public sealed record ClubVisitRow(int Id, int TeamId, string Team, DateTime VisitAtUtc, VisitMode Mode, ReferralStatus Status, string? FirstName, string? Phone, string? NeedsForClub, int Version)
{
    public ClubVisitDto ToDto() => new(Id, TeamId, Team, VisitAtUtc, Mode.ToString(), Status.ToString(), FirstName, Phone, NeedsForClub, Version);
}

public static class ClubVisits
{
    public static IQueryable<ClubVisitRow> Project(IQueryable<Referral> referrals) =>
        referrals
            .Select(r => new { r, Shares = r.Citizen.Consents.AsQueryable().Any(ConsentRules.ActiveFor(ConsentPurpose.ShareWithClub)) })
            .Select(x => new ClubVisitRow(
                x.r.Id, x.r.TeamId, x.r.Team.Title, x.r.VisitAtUtc, x.r.VisitMode, x.r.Status,
                x.Shares ? x.r.Citizen.FirstName : null,
                x.Shares ? x.r.Citizen.Phone : null,
                x.Shares ? x.r.NeedsForClub : null,
                x.r.Version));
}

[Authorize(Policy = Policies.ClubContact)]
public class ClubVisitsModel(AppDbContext db, TimeProvider time) : PageModel
{
    public const int RecentDays = 30;

    /// <summary>Visits per page: upcoming first (soonest first), then the last 30 days' (latest first). A busy club had 321 KB on one page (issue 14).</summary>
    public const int PageSize = 50;

    public List<ClubVisitRow> Upcoming { get; private set; } = [];
    public List<ClubVisitRow> Recent { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "side")]
    public int PageNumber { get; set; } = 1;

    public int PageCount { get; private set; } = 1;
    public int UpcomingTotal { get; private set; }
    public int RecentTotal { get; private set; }
    public DateTimeOffset Now { get; private set; }

    /// <summary>Programme groups coming to the club's teams: how many and when, never who.</summary>
    public List<Programmes.GroupVisitRow> GroupVisits { get; private set; } = [];

    /// <summary>The buttons a club contact has for a visit now: "Kom" and "Meldt sig ind" only from the visit's day (ReferralRules).</summary>
    public bool Offers(ClubVisitRow visit, ReferralStatus to) =>
        ReferralRules.CanMove(visit.Status, to) && ReferralRules.ClubContactMaySetNow(to, visit.VisitAtUtc, Now);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = time.GetUtcNow();
        var todayStart = DanishTime.StartUtc(DanishTime.Today(Now));
        var since = todayStart.AddDays(-RecentDays);
        var visits = db.Referrals.AsNoTracking().VisibleTo(User)
            .Where(r => r.Team.ClubId == User.ClubId() && r.VisitAtUtc >= since && r.Status != ReferralStatus.Closed);
        var upcoming = visits.Where(r => r.VisitAtUtc >= todayStart);
        var recent = visits.Where(r => r.VisitAtUtc < todayStart);
        UpcomingTotal = await upcoming.CountAsync(ct);
        RecentTotal = await recent.CountAsync(ct);
        PageCount = Math.Max(1, (UpcomingTotal + RecentTotal + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);

        // One list, upcoming first: this page's slice of it may take the end of one part and the start of the other.
        var skip = (PageNumber - 1) * PageSize;
        var upcomingSkip = Math.Min(skip, UpcomingTotal);
        var upcomingTake = Math.Clamp(UpcomingTotal - upcomingSkip, 0, PageSize);
        var recentSkip = Math.Max(0, skip - UpcomingTotal);
        var recentTake = PageSize - upcomingTake;
        if (upcomingTake > 0)
        {
            Upcoming = await ClubVisits.Project(upcoming.OrderBy(r => r.VisitAtUtc).ThenBy(r => r.Id).Skip(upcomingSkip).Take(upcomingTake)).ToListAsync(ct);
        }

        if (recentTake > 0 && recentSkip < RecentTotal)
        {
            Recent = await ClubVisits.Project(recent.OrderByDescending(r => r.VisitAtUtc).ThenBy(r => r.Id).Skip(recentSkip).Take(recentTake)).ToListAsync(ct);
        }

        GroupVisits = await Programmes.GroupVisitRow.ForClubAsync(db, User.ClubId(), DanishTime.Today(Now).AddDays(-RecentDays), ct);
        await AccessLog.WriteListAsync(db, User, Now, "Foreningens besøg", null, Upcoming.Count + Recent.Count, ct);
    }

    /// <summary>A missing or unknown status or version binds as null: the command looks the visit up first (404), then refuses it.</summary>
    public async Task<IActionResult> OnPostAsync(int referralId, ReferralStatus? status, int? version, CancellationToken ct)
    {
        var outcome = await ReferralCommands.ChangeStatusAsync(db, User, new StatusChange(referralId, status, "Meldt af foreningen", null, version), time.GetUtcNow(), ct);
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }

        if (outcome.Kind == OutcomeKind.Ok)
        {
            TempData.SetMessage("Gemt: {0}.", status?.Danish());
        }
        else
        {
            TempData["Message"] = outcome.Message;
        }

        return Redirect("/min-forening/besoeg");
    }
}
