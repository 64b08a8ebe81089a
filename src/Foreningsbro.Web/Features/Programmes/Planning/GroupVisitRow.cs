using Foreningsbro.Web.Data;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>
/// A programme session held as a visit to one of a club's teams, as the club contact sees it: the
/// team, the time, the programme and how many participants are on it that day. No names: the
/// participants have not agreed to share anything with the club.
/// </summary>
public sealed record GroupVisitRow(int SessionId, DateOnly Date, TimeOnly Start, string Team, string Programme, string Department, int Count)
{
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
            .Select(s => new GroupVisitRow(s.Id, s.Date, s.Start, s.VisitTeam!.Title, s.Programme.Name, s.Programme.Department.Name,
                s.Programme.Enrolments.Count(e => e.StartDate <= s.Date && (e.EndDate == null || e.EndDate >= s.Date))))
            .ToListAsync(ct);
    }
}
