using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Referrals;

/// <summary>The coordinator keeps the list of reasons a referral can end with. Reasons in use are archived, never deleted.</summary>
[Authorize(Policy = Policies.Coordinator)]
public class ClosingReasonsAdminModel(AppDbContext db) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<ClosingReason> Items { get; private set; } = [];

    public class InputModel
    {
        public string? Name { get; set; }
        public bool RequiresText { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var name = Input.Name?.Trim();
        if (TextInput.Problem(Input.Name) is { } problem)
        {
            ModelState.AddModelError("Input.Name", problem);
        }
        else if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            ModelState.AddModelError("Input.Name", "Skriv en årsag på højst 100 tegn.");
        }
        else if (await db.ClosingReasons.AnyAsync(r => r.Name == name, ct))
        {
            ModelState.AddModelError("Input.Name", "Den årsag findes allerede.");
        }

        if (!ModelState.IsValid)
        {
            await Load(ct);
            return Page();
        }

        var order = await db.ClosingReasons.MaxAsync(r => (int?)r.SortOrder, ct) ?? 0;
        db.ClosingReasons.Add(new ClosingReason { Name = name!, RequiresText = Input.RequiresText, SortOrder = order + 1 });
        await db.SaveChangesAsync(ct);
        TempData.SetMessage("Årsagen »{0}« er tilføjet.", name);
        return Redirect("/henvisninger/afslutningsaarsager");
    }

    // A missing or unknown choice binds as null (as a bool it read as "use again").
    public async Task<IActionResult> OnPostArchiveAsync(int id, bool? archived, CancellationToken ct)
    {
        if (archived is not { } archive)
        {
            if (!await db.ClosingReasons.AnyAsync(r => r.Id == id, ct))
            {
                return NotFound();
            }

            ModelState.Clear();
            ModelState.AddModelError(string.Empty, "Vælg, om årsagen skal skjules eller bruges igen.");
            await Load(ct);
            return Page();
        }

        var changed = await db.ClosingReasons.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Archived, archive), ct);
        if (changed == 0)
        {
            return NotFound();
        }

        TempData["Message"] = archive ? "Årsagen er skjult for nye afslutninger." : "Årsagen kan bruges igen.";
        return Redirect("/henvisninger/afslutningsaarsager");
    }

    private async Task Load(CancellationToken ct) =>
        Items = await db.ClosingReasons.AsNoTracking().OrderBy(r => r.Archived).ThenBy(r => r.SortOrder).ToListAsync(ct);
}
