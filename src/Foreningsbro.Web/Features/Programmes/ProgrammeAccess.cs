using System.Security.Claims;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Infrastructure;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>
/// Who may see which programme and participant. Every programme query starts from these filters, so
/// an id outside the user's scope is simply not found (404), as for citizens (Citizens/Visibility).
/// A programme belongs to the municipality of its department (docs/adr/0013-municipality-boundary.md).
/// </summary>
public static class ProgrammeAccess
{
    /// <summary>
    /// Coordinator: their municipality's programmes. Professional: their department's programmes.
    /// Instructor: the programmes they instruct (instructors are hired per programme, so a programme's
    /// instructor may come from another municipality). Club contacts and everyone else: none.
    /// </summary>
    public static IQueryable<Programme> VisibleTo(this IQueryable<Programme> programmes, ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Coordinator))
        {
            return user.MunicipalityId() is { } municipality
                ? programmes.Where(p => p.Department.MunicipalityId == municipality)
                : programmes.Where(p => false);
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
            return user.MunicipalityId() is { } municipality
                ? sessions.Where(s => s.Programme.Department.MunicipalityId == municipality)
                : sessions.Where(s => false);
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

    /// <summary>
    /// A participant is seen by whoever sees both the programme and the citizen (coordinators of the
    /// municipality, professionals of the department that owns the citizen's case and runs the
    /// programme), and by the programme's instructors through their reduced view (first name,
    /// attendance, check-in/out). Enrolment is only into a programme of the citizen's own department
    /// (EnrolmentCommands), so this is the programme's staff; an enrolment made across departments
    /// before that rule is hidden from the programme's professionals, as the citizen's record is
    /// (issue 13, item 5; ADR 0013).
    /// </summary>
    public static IQueryable<Enrolment> VisibleTo(this IQueryable<Enrolment> enrolments, ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Coordinator))
        {
            return user.MunicipalityId() is { } municipality
                ? enrolments.Where(e => e.Programme.Department.MunicipalityId == municipality && e.Citizen.Department.MunicipalityId == municipality)
                : enrolments.Where(e => false);
        }

        if (user.IsInRole(Roles.Professional) && user.DepartmentId() is { } department)
        {
            return enrolments.Where(e => e.Programme.DepartmentId == department && e.Citizen.DepartmentId == department);
        }

        if (user.IsInRole(Roles.Instructor) && user.UserId() is { } userId)
        {
            return enrolments.Where(e => e.Programme.Instructors.Any(i => i.UserId == userId));
        }

        return enrolments.Where(e => false);
    }

    /// <summary>
    /// Progression (case notes, target group, the consultant's notes, the next-step team and its referral
    /// status) is for coordinators and professionals; instructors see first name, attendance and
    /// check-in/out only, on every page and in the API (issue 13, item 6).
    /// </summary>
    public static bool SeesProgression(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.Coordinator) || user.IsInRole(Roles.Professional);

    public static string? UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);
}
