using System.Security.Claims;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;

namespace Foreningsbro.Web.Features.Admin;

/// <summary>
/// Who may edit which part of the national catalogue (ADR 0013): a coordinator administers their own
/// municipality's clubs, venues and teams; a club contact their own club's teams. Everyone reads the
/// whole catalogue, and a citizen may be referred to any team. Another municipality's club, venue or
/// team is not found (404) for editing, like a citizen outside the scope.
/// </summary>
public static class CatalogueScope
{
    public static IQueryable<Club> EditableBy(this IQueryable<Club> clubs, ClaimsPrincipal user) =>
        user.IsInRole(Roles.Coordinator) && user.MunicipalityId() is { } municipality
            ? clubs.Where(c => c.MunicipalityId == municipality)
            : clubs.Where(c => false);

    public static IQueryable<Venue> EditableBy(this IQueryable<Venue> venues, ClaimsPrincipal user) =>
        user.IsInRole(Roles.Coordinator) && user.MunicipalityId() is { } municipality
            ? venues.Where(v => v.MunicipalityId == municipality)
            : venues.Where(v => false);

    public static IQueryable<Team> EditableBy(this IQueryable<Team> teams, ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Coordinator))
        {
            return user.MunicipalityId() is { } municipality
                ? teams.Where(t => t.Club.MunicipalityId == municipality)
                : teams.Where(t => false);
        }

        if (user.IsInRole(Roles.ClubContact) && user.ClubId() is { } club)
        {
            return teams.Where(t => t.ClubId == club);
        }

        return teams.Where(t => false);
    }
}
