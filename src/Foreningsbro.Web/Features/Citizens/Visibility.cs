using System.Security.Claims;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;

namespace Foreningsbro.Web.Features.Citizens;

/// <summary>
/// Who may see which citizen and referral. Every list and detail query starts from these filters, so
/// a page or endpoint cannot leak by forgetting a check: an id outside the scope simply is not found.
/// The municipality is the outer boundary (docs/adr/0013-municipality-boundary.md): a citizen belongs
/// to the municipality of their department, and no one outside it sees them.
/// </summary>
public static class Visibility
{
    /// <summary>
    /// Coordinator: the citizens of their own municipality (none without one). Professional: their own
    /// department's citizens. National administrators and everyone else: none.
    /// </summary>
    public static IQueryable<Citizen> VisibleTo(this IQueryable<Citizen> citizens, ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Coordinator))
        {
            return user.MunicipalityId() is { } municipality
                ? citizens.Where(c => c.Department.MunicipalityId == municipality)
                : citizens.Where(c => false);
        }

        if (user.IsInRole(Roles.Professional) && user.DepartmentId() is { } department)
        {
            return citizens.Where(c => c.DepartmentId == department);
        }

        return citizens.Where(c => false);
    }

    /// <summary>
    /// As for citizens (a referral belongs to its citizen's municipality, wherever the club is), plus club
    /// contacts: referrals to their own club's teams, from any municipality (shown through a reduced projection).
    /// </summary>
    public static IQueryable<Referral> VisibleTo(this IQueryable<Referral> referrals, ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Coordinator))
        {
            return user.MunicipalityId() is { } municipality
                ? referrals.Where(r => r.Citizen.Department.MunicipalityId == municipality)
                : referrals.Where(r => false);
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

    /// <summary>
    /// The departments a user may put a citizen or a programme in: a coordinator's municipality's, a
    /// professional's own. A choice outside them is refused like an unknown one.
    /// </summary>
    public static IQueryable<Department> VisibleTo(this IQueryable<Department> departments, ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Coordinator))
        {
            return user.MunicipalityId() is { } municipality
                ? departments.Where(d => d.MunicipalityId == municipality)
                : departments.Where(d => false);
        }

        if (user.IsInRole(Roles.Professional) && user.DepartmentId() is { } department)
        {
            return departments.Where(d => d.Id == department);
        }

        return departments.Where(d => false);
    }

    /// <summary>Messages of the outbox: those about a citizen of the coordinator's municipality, or sent on its behalf.</summary>
    public static IQueryable<OutboxMessage> VisibleTo(this IQueryable<OutboxMessage> messages, IQueryable<Citizen> citizens, ClaimsPrincipal user)
    {
        if (!user.IsInRole(Roles.Coordinator) || user.MunicipalityId() is not { } municipality)
        {
            return messages.Where(m => false);
        }

        return messages.Where(m => m.MunicipalityId == municipality
            || (m.CitizenId != null && citizens.Any(c => c.Id == m.CitizenId && c.Department.MunicipalityId == municipality)));
    }

    public static bool IsClubContact(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.ClubContact) && !user.IsInRole(Roles.Coordinator) && !user.IsInRole(Roles.Professional);
}
