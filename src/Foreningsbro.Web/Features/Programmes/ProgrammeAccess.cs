using System.Security.Claims;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Infrastructure;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>
/// Who may see which programme and participant. Every programme query starts from these filters, so
/// an id outside the user's scope is simply not found (404), as for citizens (Referrals/Visibility).
/// </summary>
public static class ProgrammeAccess
{
    /// <summary>
    /// Coordinator: all. Professional: their department's programmes. Instructor: the programmes they
    /// instruct. Club contacts and everyone else: none.
    /// </summary>
    public static IQueryable<Programme> VisibleTo(this IQueryable<Programme> programmes, ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Coordinator))
        {
            return programmes;
        }

        if (user.IsInRole(Roles.Professional) && user.DepartmentId() is { } department)
        {
            return programmes.Where(p => p.DepartmentId == department);
        }

        if (user.IsInRole(Roles.Instructor) && user.UserId() is { } userId)
        {
            return programmes.Where(p => p.Instructors.Any(i => i.UserId == userId));
        }

        return programmes.Where(p => false);
    }

    public static IQueryable<ProgrammeSession> VisibleTo(this IQueryable<ProgrammeSession> sessions, ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Coordinator))
        {
            return sessions;
        }

        if (user.IsInRole(Roles.Professional) && user.DepartmentId() is { } department)
        {
            return sessions.Where(s => s.Programme.DepartmentId == department);
        }

        if (user.IsInRole(Roles.Instructor) && user.UserId() is { } userId)
        {
            return sessions.Where(s => s.Programme.Instructors.Any(i => i.UserId == userId));
        }

        return sessions.Where(s => false);
    }

    public static IQueryable<Enrolment> VisibleTo(this IQueryable<Enrolment> enrolments, ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Coordinator))
        {
            return enrolments;
        }

        if (user.IsInRole(Roles.Professional) && user.DepartmentId() is { } department)
        {
            return enrolments.Where(e => e.Programme.DepartmentId == department);
        }

        if (user.IsInRole(Roles.Instructor) && user.UserId() is { } userId)
        {
            return enrolments.Where(e => e.Programme.Instructors.Any(i => i.UserId == userId));
        }

        return enrolments.Where(e => false);
    }

    /// <summary>
    /// Progression (case notes, target group, the consultant's notes, next-step referral status) is for
    /// coordinators and professionals; instructors see first name, attendance and check-in/out only.
    /// </summary>
    public static bool SeesProgression(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.Coordinator) || user.IsInRole(Roles.Professional);

    public static string? UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);
}
