using System.Security.Claims;

using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;

namespace Foreningsbro.Web.Features.Referrals;

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

/// <summary>Writes the access log: every view of a citizen's record and every list or search that returns citizens.</summary>
public static class AccessLog
{
    public static Task WriteViewAsync(AppDbContext db, ClaimsPrincipal user, DateTimeOffset now, int citizenId, string view, CancellationToken ct = default)
    {
        db.AccessLog.Add(Entry(user, now, view, citizenId, null, null));
        return db.SaveChangesAsync(ct);
    }

    public static Task WriteListAsync(AppDbContext db, ClaimsPrincipal user, DateTimeOffset now, string view, string? search, int resultCount, CancellationToken ct = default)
    {
        var text = string.IsNullOrWhiteSpace(search) ? null : search.Trim();
        db.AccessLog.Add(Entry(user, now, view, null, text is { Length: > 500 } ? text[..500] : text, resultCount));
        return db.SaveChangesAsync(ct);
    }

    private static AccessLogEntry Entry(ClaimsPrincipal user, DateTimeOffset now, string view, int? citizenId, string? search, int? count) => new()
    {
        AtUtc = now.UtcDateTime,
        UserId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
        UserName = user.DisplayName(),
        CitizenId = citizenId,
        Search = search,
        ResultCount = count,
        View = view,
    };
}
