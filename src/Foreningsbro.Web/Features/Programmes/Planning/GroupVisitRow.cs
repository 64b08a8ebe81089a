using Foreningsbro.Web.Data;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>
/// A programme session held as a visit to one of a club's teams, as the club contact sees it: the
/// team, the time and how many participants are on it that day. No names, and neither the programme nor
/// its department: the participants have not agreed to share anything with the club, and "Jobcenter" or a
/// health programme's name says why they are in it (issue 13).
/// </summary>
public sealed record GroupVisitRow(int SessionId, DateOnly Date, TimeOnly Start, string Team, int Count)
{
    /// <summary>How a group visit is described to a club, on its visit list and in its e-mail.</summary>
    public static string Describe(int count) => $"{count} deltagere fra et kommunalt forløb";

    public static async Task<List<GroupVisitRow>> ForClubAsync(AppDbContext db, int? clubId, DateOnly since, CancellationToken ct)
    {
        if (clubId is null)
        {
            return [];
        }

        return await db.ProgrammeSessions.AsNoTracking()
            .Where(s => s.VisitTeamId != null && s.VisitTeam!.ClubId == clubId && !s.Cancelled && s.Date >= since)
            .OrderBy(s => s.Date).ThenBy(s => s.Start).ThenBy(s => s.Id)
            .Take(100)
            .Select(s => new GroupVisitRow(s.Id, s.Date, s.Start, s.VisitTeam!.Title,
                s.Programme.Enrolments.Count(e => e.StartDate <= s.Date && (e.EndDate == null || e.EndDate >= s.Date))))
            .ToListAsync(ct);
    }
}
