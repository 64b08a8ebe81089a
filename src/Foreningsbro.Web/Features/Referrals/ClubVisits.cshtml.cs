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
public sealed record ClubVisitRow(int Id, int TeamId, string Team, DateTime VisitAtUtc, ReferralStatus Status, string? FirstName, string? Phone, string? NeedsForClub, int Version)
{
    public ClubVisitDto ToDto() => new(Id, TeamId, Team, VisitAtUtc, Status.ToString(), FirstName, Phone, NeedsForClub, Version);
}

public static class ClubVisits
{
    public static IQueryable<ClubVisitRow> Project(IQueryable<Referral> referrals) =>
        referrals
            .Select(r => new { r, Shares = r.Citizen.Consents.AsQueryable().Any(ConsentRules.ActiveFor(ConsentPurpose.ShareWithClub)) })
            .Select(x => new ClubVisitRow(
                x.r.Id, x.r.TeamId, x.r.Team.Title, x.r.VisitAtUtc, x.r.Status,
                x.Shares ? x.r.Citizen.FirstName : null,
                x.Shares ? x.r.Citizen.Phone : null,
                x.Shares ? x.r.NeedsForClub : null,
                x.r.Version));
}

[Authorize(Policy = Policies.ClubContact)]
public class ClubVisitsModel(AppDbContext db, TimeProvider time) : PageModel
{
    public const int RecentDays = 30;

    public List<ClubVisitRow> Upcoming { get; private set; } = [];
    public List<ClubVisitRow> Recent { get; private set; } = [];

    /// <summary>Programme groups coming to the club's teams: how many and when, never who.</summary>
    public List<Programmes.GroupVisitRow> GroupVisits { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var todayStart = DanishTime.StartUtc(DanishTime.Today(now));
        var since = todayStart.AddDays(-RecentDays);
        var rows = await ClubVisits.Project(db.Referrals.AsNoTracking().VisibleTo(User)
                .Where(r => r.Team.ClubId == User.ClubId() && r.VisitAtUtc >= since && r.Status != ReferralStatus.Closed)
                .OrderBy(r => r.VisitAtUtc).ThenBy(r => r.Id))
            .Take(500)
            .ToListAsync(ct);
        Upcoming = [.. rows.Where(r => r.VisitAtUtc >= todayStart)];
        Recent = [.. rows.Where(r => r.VisitAtUtc < todayStart).OrderByDescending(r => r.VisitAtUtc)];
        GroupVisits = await Programmes.GroupVisitRow.ForClubAsync(db, User.ClubId(), DanishTime.Today(now).AddDays(-RecentDays), ct);
        await AccessLog.WriteListAsync(db, User, now, "Foreningens besøg", null, rows.Count, ct);
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
