using System.Linq.Expressions;
using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Catalogue.Search;

/// <summary>
/// Keeps Team.SearchText in step when a name it includes changes (a club, venue, activity or target
/// group is renamed). Call it inside the transaction that saves the rename.
/// </summary>
public static class TeamSearchTexts
{
    /// <summary>
    /// Recomputes the search text of the matching teams and returns how many there were. SearchText is
    /// derived, so each team is updated with ExecuteUpdate and its Version is left alone: a coordinator
    /// renaming an activity must not make a club contact's open edit of a team look stale.
    /// </summary>
    public static async Task<int> RefreshAsync(AppDbContext db, Expression<Func<Team, bool>> which, CancellationToken ct)
    {
        var teams = await db.Teams.AsNoTracking().Where(which)
            .Include(t => t.Club).Include(t => t.Venue).Include(t => t.Activity).Include(t => t.TargetGroups)
            .AsSplitQuery()
            .ToListAsync(ct);
        foreach (var t in teams)
        {
            var text = SearchText.ForTeam(t, t.Club.Name, t.Venue, t.Activity.Name, t.TargetGroups.Select(g => g.Name));
            await db.Teams.Where(x => x.Id == t.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.SearchText, text), ct);
        }

        return teams.Count;
    }
}
