using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Account;

/// <summary>/administration/afdelinger: the coordinator's municipality's departments (jobcenter, sundhedscenter, …); create and rename.</summary>
[Authorize(Policy = Policies.ManagesUsers)]
public class DepartmentsModel(AppDbContext db, UserAdministration admin) : PageModel
{
    public const int MaxName = 200;

    public sealed record Row(int Id, string Name, DepartmentKind Kind, int Users);

    public List<Row> Items { get; private set; } = [];

    [BindProperty]
    public string? NewName { get; set; }

    [BindProperty]
    public DepartmentKind? NewKind { get; set; }

    public string? Message { get; private set; }

    /// <summary>The rename field's value: what was typed when a rename failed, else the saved name.</summary>
    public Dictionary<int, string> Typed { get; } = [];

    public static string FieldId(int id) => $"department-{id}";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Message = TempData["Message"] as string;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var municipalityId = User.MunicipalityId()!.Value;
        var clean = await CheckNameAsync(nameof(NewName), null, NewName, ct);
        if (NewKind is not { } kind || !Enum.IsDefined(kind))
        {
            ModelState.AddModelError(nameof(NewKind), "Vælg, hvilken slags afdeling det er.");
        }

        if (clean is null || !ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        db.Departments.Add(new Department { MunicipalityId = municipalityId, Name = clean, Kind = NewKind!.Value });
        admin.AuditOther(Actor.Of(User), municipalityId, "DepartmentCreated", $"Afdeling oprettet: {clean}");
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"»{clean}« er oprettet.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRenameAsync(int id, string? name, CancellationToken ct)
    {
        var municipalityId = User.MunicipalityId()!.Value;
        var department = await db.Departments.SingleOrDefaultAsync(d => d.Id == id && d.MunicipalityId == municipalityId, ct);
        if (department is null)
        {
            return NotFound();
        }

        var clean = await CheckNameAsync(FieldId(id), id, name, ct);
        if (clean is null)
        {
            Typed[id] = name ?? "";
            await LoadAsync(ct);
            return Page();
        }

        admin.AuditOther(Actor.Of(User), municipalityId, "DepartmentRenamed", $"Afdeling omdøbt: {department.Name} → {clean}");
        department.Name = clean;
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"Navnet er ændret til »{clean}«.";
        return RedirectToPage();
    }

    private async Task<string?> CheckNameAsync(string field, int? id, string? name, CancellationToken ct)
    {
        var clean = name?.Trim() ?? "";
        var problem = clean.Length == 0 ? "Skriv afdelingens navn."
            : clean.Length > MaxName ? $"Navnet må højst være {MaxName} tegn."
            : TextInput.Problem(clean, maxLength: MaxName);
        var municipalityId = User.MunicipalityId();
        if (problem is null && await db.Departments.AnyAsync(d => d.MunicipalityId == municipalityId && d.Id != id && d.Name == clean, ct))
        {
            problem = $"Kommunen har allerede en afdeling, der hedder »{clean}«.";
        }

        if (problem is not null)
        {
            ModelState.AddModelError(field, problem);
            return null;
        }

        return clean;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var municipalityId = User.MunicipalityId();
        Items = await db.Departments.AsNoTracking().Where(d => d.MunicipalityId == municipalityId).OrderBy(d => d.Name)
            .Select(d => new Row(d.Id, d.Name, d.Kind, db.Users.Count(u => u.DepartmentId == d.Id)))
            .ToListAsync(ct);
    }
}
