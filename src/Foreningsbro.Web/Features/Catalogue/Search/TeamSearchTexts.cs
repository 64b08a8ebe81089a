using System.Linq.Expressions;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
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

    /// <summary>
    /// Saves a club's or venue's edit and, when <paramref name="renamedTeams"/> is given (a name in their
    /// search text changed), those teams' search texts, in one transaction. False when someone else saved
    /// first (<see cref="StaleEdit.TrySaveAsync"/>): then nothing is saved.
    /// </summary>
    public static async Task<bool> SaveAsync(AppDbContext db, Expression<Func<Team, bool>>? renamedTeams, CancellationToken ct)
    {
        return await db.InTransactionAsync(
            async ct =>
            {
                if (!await StaleEdit.TrySaveAsync(db, ct, acceptAllChangesOnSuccess: false))
                {
                    return false;
                }

                if (renamedTeams is not null)
                {
                    await RefreshAsync(db, renamedTeams, ct);
                }

                return true;
            },
            ct);
    }
}
