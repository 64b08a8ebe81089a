using System.Security.Claims;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;

namespace Foreningsbro.Web.Features.Citizens;

/// <summary>
/// Who may see which citizen and referral. Every list and detail query starts from these filters, so
/// a page or endpoint cannot leak by forgetting a check: an id outside the scope simply is not found.
/// </summary>
public static class Visibility
{
    /// <summary>Coordinator: all. Professional: their own department's citizens. Everyone else: none.</summary>
    public static IQueryable<Citizen> VisibleTo(this IQueryable<Citizen> citizens, ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Coordinator))
        {
            return citizens;
        }

        if (user.IsInRole(Roles.Professional) && user.DepartmentId() is { } department)
        {
            return citizens.Where(c => c.DepartmentId == department);
        }

        return citizens.Where(c => false);
    }

    /// <summary>As for citizens, plus club contacts: referrals to their own club's teams (shown through a reduced projection).</summary>
    public static IQueryable<Referral> VisibleTo(this IQueryable<Referral> referrals, ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Coordinator))
        {
            return referrals;
        }

        if (user.IsInRole(Roles.Professional) && user.DepartmentId() is { } department)
        {
            return referrals.Where(r => r.Citizen.DepartmentId == department);
        }

        if (user.IsInRole(Roles.ClubContact) && user.ClubId() is { } club)
        {
            return referrals.Where(r => r.Team.ClubId == club);
        }

        return referrals.Where(r => false);
    }

    public static bool IsClubContact(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.ClubContact) && !user.IsInRole(Roles.Coordinator) && !user.IsInRole(Roles.Professional);
}
