using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Catalogue;

/// <summary>
/// Keeping listings current: the club (or the coordinator) confirms that a team's listing is still
/// right, and a listing not confirmed for six months is overdue, for the coordinator to follow up.
/// Used by the team form, the club contact's own club page and the coordinator's overview.
/// </summary>
public static class ListingConfirmation
{
    /// <summary>
    /// Stamps a team's listing as confirmed current. The scope check is in the WHERE, and confirming
    /// twice only writes the same kind of stamp again, so a double submit is harmless. The version is
    /// left alone: a confirmation changes nothing an editor could overwrite.
    /// </summary>
    public static Task<int> ConfirmAsync(IQueryable<Team> scopedTeams, int teamId, DateTime nowUtc, string confirmedBy, CancellationToken ct) =>
        scopedTeams.Where(t => t.Id == teamId).ExecuteUpdateAsync(
            s => s.SetProperty(t => t.LastConfirmedAtUtc, nowUtc).SetProperty(t => t.LastConfirmedBy, confirmedBy), ct);

    /// <summary>Listings confirmed before this instant are overdue.</summary>
    public static DateTime OverdueBefore(TimeProvider clock) => clock.GetUtcNow().UtcDateTime.AddMonths(-6);

    /// <summary>The active teams whose listing was confirmed before <paramref name="cutoff"/>, or never.</summary>
    public static IQueryable<Team> Overdue(IQueryable<Team> teams, DateTime cutoff) =>
        teams.Where(t => t.Status == TeamStatus.Active && (t.LastConfirmedAtUtc == null || t.LastConfirmedAtUtc < cutoff));
}
