using System.ComponentModel.DataAnnotations;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Account;

/// <summary>The name and code of a municipality: the same fields when creating and editing one.</summary>
public class MunicipalityInput
{
    [Required(ErrorMessage = "Skriv kommunens navn.")]
    [StringLength(100, ErrorMessage = "Navnet må højst være {1} tegn.")]
    [PlainText]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Skriv kommunekoden med 3 cifre, fx 169.")]
    [Range(100, 999, ErrorMessage = "Skriv kommunekoden med 3 cifre, fx 169.")]
    public int? Code { get; set; }

    /// <summary>Another municipality with the same code is refused with a Danish message (the code is unique).</summary>
    public static async Task<bool> CheckAsync(AppDbContext db, MunicipalityInput input, int? id, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, CancellationToken ct)
    {
        if (!modelState.IsValid)
        {
            return false;
        }

        var clash = await db.Municipalities.Where(m => m.Code == input.Code && m.Id != id).Select(m => m.Name).FirstOrDefaultAsync(ct);
        if (clash is not null)
        {
            modelState.AddModelError("Input.Code", $"Kommunekoden {input.Code} bruges allerede af {clash}.");
            return false;
        }

        return true;
    }
}

/// <summary>/administration/kommuner: the national administrator's list of municipalities, and a new one.</summary>
[Authorize(Policy = Policies.NationalAdmin)]
public class MunicipalitiesModel(AppDbContext db, UserAdministration admin) : PageModel
{
    public sealed record Row(int Id, string Name, int Code, int Users, int Coordinators);

    public List<Row> Items { get; private set; } = [];

    [BindProperty]
    public MunicipalityInput Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await MunicipalityInput.CheckAsync(db, Input, null, ModelState, ct))
        {
            await LoadAsync(ct);
            return Page();
        }

        var municipality = new Municipality { Name = Input.Name.Trim(), Code = Input.Code!.Value };
        db.Municipalities.Add(municipality);
        admin.AuditOther(Actor.Of(User), null, "MunicipalityCreated", $"Kommune oprettet: {municipality.Name} ({municipality.Code})");
        await db.SaveChangesAsync(ct);
        TempData["Saved"] = "Kommunen er oprettet. Inviter nu kommunens første koordinator.";
        return Redirect($"/administration/kommuner/{municipality.Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var coordinator = await db.Roles.Where(r => r.Name == Roles.Coordinator).Select(r => r.Id).SingleAsync(ct);
        Items = await db.Municipalities.AsNoTracking().OrderBy(m => m.Name)
            .Select(m => new Row(m.Id, m.Name, m.Code,
                db.Users.Count(u => u.MunicipalityId == m.Id),
                db.Users.Count(u => u.MunicipalityId == m.Id && u.DeactivatedAtUtc == null && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == coordinator))))
            .ToListAsync(ct);
    }
}
