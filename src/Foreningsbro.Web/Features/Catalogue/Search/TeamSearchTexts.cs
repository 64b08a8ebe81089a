using System.Linq.Expressions;
using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Catalogue;

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
        var rows = await db.Teams.AsNoTracking().Where(which)
            .Select(t => new
            {
                t.Id,
                t.Title,
                t.TypicalParticipants,
                t.Description,
                t.FirstTime,
                Club = t.Club.Name,
                Venue = t.Venue.Name,
                t.Venue.Town,
                t.Venue.PostalCode,
                Activity = t.Activity.Name,
                Groups = t.TargetGroups.Select(g => g.Name).ToList(),
            })
            .ToListAsync(ct);

        foreach (var r in rows)
        {
            // Target groups sorted: the database returns them in no fixed order.
            var text = SearchText.ForTeam(
                new Team { Title = r.Title, TypicalParticipants = r.TypicalParticipants, Description = r.Description, FirstTime = r.FirstTime },
                r.Club,
                new Venue { Name = r.Venue, Town = r.Town, PostalCode = r.PostalCode },
                r.Activity,
                r.Groups.Order(StringComparer.Ordinal));
            await db.Teams.Where(t => t.Id == r.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.SearchText, text), ct);
        }

        return rows.Count;
    }
}
