using System.Globalization;
using Foreningsbro.Web.Data;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Account;

/// <summary>The roles, department, club and programmes of a user: the same fields when inviting and when changing access.</summary>
public class AccessInput
{
    public List<string> Roles { get; set; } = [];

    public int? DepartmentId { get; set; }

    public int? ClubId { get; set; }

    public List<int> ProgrammeIds { get; set; } = [];

    public UserAccess ToAccess() => new([.. Roles.Distinct()], DepartmentId, ClubId, [.. ProgrammeIds.Distinct()]);
}

/// <summary>The choices the access fields offer: only the coordinator's own municipality's departments, clubs and programmes.</summary>
public sealed class AccessChoices
{
    public List<SelectListItem> Departments { get; init; } = [];

    public List<SelectListItem> Clubs { get; init; } = [];

    public List<SelectListItem> Programmes { get; init; } = [];

    public static async Task<AccessChoices> LoadAsync(AppDbContext db, int municipalityId, CancellationToken ct) => new()
    {
        Departments = [.. (await db.Departments.AsNoTracking().Where(d => d.MunicipalityId == municipalityId).OrderBy(d => d.Name).Select(d => new { d.Id, d.Name }).ToListAsync(ct))
            .Select(d => new SelectListItem(d.Name, d.Id.ToString(CultureInfo.InvariantCulture)))],
        Clubs = [.. (await db.Clubs.AsNoTracking().Where(c => c.MunicipalityId == municipalityId && !c.Archived).OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(ct))
            .Select(c => new SelectListItem(c.Name, c.Id.ToString(CultureInfo.InvariantCulture)))],
        Programmes = [.. (await db.Programmes.AsNoTracking().Where(p => p.Department.MunicipalityId == municipalityId).OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
            .Select(p => new SelectListItem(p.Name, p.Id.ToString(CultureInfo.InvariantCulture)))],
    };

    /// <summary>Puts a rule's answer on the form's field, keeping what was typed.</summary>
    public static void AddError(ModelStateDictionary modelState, AdminResult result, string prefix) =>
        modelState.AddModelError(string.IsNullOrEmpty(result.Field) ? "" : result.Field.StartsWith("Input.", StringComparison.Ordinal) ? result.Field : prefix + result.Field, result.Error!);
}
