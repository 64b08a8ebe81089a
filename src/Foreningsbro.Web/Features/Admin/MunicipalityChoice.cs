using System.Globalization;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Admin;

/// <summary>The municipality a club or venue belongs to: the same choice in the coordinator's club and venue forms (Input.MunicipalityId).</summary>
public static class MunicipalityChoice
{
    /// <summary>The coordinator's own municipality: they administer its clubs and venues only (ADR 0013).</summary>
    public static async Task<List<SelectListItem>> OptionsAsync(AppDbContext db, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct) =>
        [.. (await db.Municipalities.AsNoTracking().Where(m => m.Id == user.MunicipalityId()).OrderBy(m => m.Name).Select(m => new { m.Id, m.Name }).ToListAsync(ct))
            .Select(m => new SelectListItem(m.Name, m.Id.ToString(CultureInfo.InvariantCulture)))];

    /// <summary>The only municipality offered, chosen in advance for a new club or venue; null when there are several.</summary>
    public static int? Only(List<SelectListItem> options) =>
        options.Count == 1 ? int.Parse(options[0].Value, CultureInfo.InvariantCulture) : null;

    /// <summary>The chosen municipality's name, or null when none of the options is chosen.</summary>
    public static string? Name(List<SelectListItem> options, int? chosen) =>
        options.Find(m => m.Value == chosen?.ToString(CultureInfo.InvariantCulture))?.Text;

    public static void Check(List<SelectListItem> options, int? chosen, ModelStateDictionary modelState)
    {
        if (Name(options, chosen) is null)
        {
            modelState.AddModelError("Input.MunicipalityId", "Vælg en kommune.");
        }
    }
}
