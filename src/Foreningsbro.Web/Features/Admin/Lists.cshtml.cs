using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue.Search;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Admin;

public enum ListKind
{
    Activity,
    TargetGroup,
}

/// <summary>
/// The managed lists teams choose from: activities and target groups. Entries are archived, never
/// deleted, so teams that use them stay valid; archived entries are not offered in the team form.
/// </summary>
[Authorize(Policy = Policies.Coordinator)]
public class ListsModel(AppDbContext db) : PageModel
{
    public const int MaxName = 100;

    public List<Entry> Activities { get; private set; } = [];

    public List<Entry> TargetGroups { get; private set; } = [];

    /// <summary>The field (element id) whose input was refused, and what was typed there.</summary>
    public string? FailedField { get; private set; }

    public string? FailedValue { get; private set; }

    public sealed record Entry(int Id, string Name, bool Archived, int Teams);

    public static string FieldId(ListKind kind, int? id) =>
        (kind == ListKind.Activity ? "activity-" : "targetgroup-") + (id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "new");

    public string ValueFor(ListKind kind, int? id, string saved) => FailedField == FieldId(kind, id) ? FailedValue ?? "" : saved;

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    // The list (?kind=) and the archive buttons' choice bind as null when missing or unknown: as an enum and
    // a bool they read as the first list and "not archived".
    public async Task<IActionResult> OnPostAddAsync(ListKind? kind, string? name, CancellationToken ct)
    {
        if (kind is not { } list)
        {
            return await RefusedAsync("Vælg, om det er en aktivitet eller en målgruppe.", ct);
        }

        var clean = await CheckNameAsync(list, null, name, ct);
        if (clean is null)
        {
            await LoadAsync(ct);
            return Page();
        }

        if (list == ListKind.Activity)
        {
            db.Activities.Add(new Activity { Name = clean });
        }
        else
        {
            db.TargetGroups.Add(new TargetGroup { Name = clean });
        }

        if (!await TrySaveAsync(list, null, name, ct))
        {
            await LoadAsync(ct);
            return Page();
        }

        TempData.SetMessage("»{0}« er tilføjet.", clean);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRenameAsync(ListKind? kind, int id, string? name, CancellationToken ct)
    {
        if (kind is not { } list)
        {
            return NotFound();
        }

        var clean = await CheckNameAsync(list, id, name, ct);
        if (clean is null)
        {
            if (!await ExistsAsync(list, id, ct))
            {
                return NotFound();
            }

            await LoadAsync(ct);
            return Page();
        }

        var (changed, teams) = await db.InTransactionAsync(
            async ct =>
            {
                int changed = list == ListKind.Activity
                    ? await db.Activities.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Name, clean), ct)
                    : await db.TargetGroups.Where(g => g.Id == id).ExecuteUpdateAsync(s => s.SetProperty(g => g.Name, clean), ct);
                if (changed == 0)
                {
                    return (0, 0);
                }

                // The name is part of each team's search text.
                var teams = list == ListKind.Activity
                    ? await TeamSearchTexts.RefreshAsync(db, t => t.ActivityId == id, ct)
                    : await TeamSearchTexts.RefreshAsync(db, t => t.TargetGroups.Any(g => g.Id == id), ct);
                return (changed, teams);
            },
            ct);
        if (changed == 0)
        {
            return NotFound();
        }

        TempData.SetMessage("Navnet er ændret til »{0}«. {1} hold er opdateret.", clean, teams);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostArchiveAsync(ListKind? kind, int id, bool? archived, CancellationToken ct)
    {
        if (archived is not { } archive)
        {
            return kind is { } list && await ExistsAsync(list, id, ct)
                ? await RefusedAsync("Vælg, om punktet skal arkiveres eller tages i brug igen.", ct)
                : NotFound();
        }

        int changed = kind switch
        {
            ListKind.Activity => await db.Activities.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Archived, archive), ct),
            ListKind.TargetGroup => await db.TargetGroups.Where(g => g.Id == id).ExecuteUpdateAsync(s => s.SetProperty(g => g.Archived, archive), ct),
            _ => 0,
        };
        if (changed == 0)
        {
            return NotFound();
        }

        TempData["Message"] = archive
            ? "Punktet er arkiveret og tilbydes ikke længere for hold. Hold, der har det, beholder det."
            : "Punktet er taget i brug igen.";
        return RedirectToPage();
    }

    /// <summary>The page again with a Danish error for a choice the form did not send (no field of its own to mark).</summary>
    private async Task<IActionResult> RefusedAsync(string message, CancellationToken ct)
    {
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, message);
        await LoadAsync(ct);
        return Page();
    }

    private async Task<bool> ExistsAsync(ListKind kind, int id, CancellationToken ct) =>
        kind == ListKind.Activity ? await db.Activities.AnyAsync(a => a.Id == id, ct) : await db.TargetGroups.AnyAsync(g => g.Id == id, ct);

    /// <summary>The trimmed name, or null after recording a Danish error on the field.</summary>
    private async Task<string?> CheckNameAsync(ListKind kind, int? id, string? name, CancellationToken ct)
    {
        if (!Enum.IsDefined(kind))
        {
            Fail(kind, id, name, "Vælg, om det er en aktivitet eller en målgruppe.");
            return null;
        }

        var clean = name?.Trim() ?? "";
        if (TextInput.Problem(name) is { } problem)
        {
            Fail(kind, id, name, problem);
            return null;
        }

        if (clean.Length == 0)
        {
            Fail(kind, id, name, "Skriv et navn.");
            return null;
        }

        if (clean.Length > MaxName)
        {
            Fail(kind, id, name, $"Navnet må højst være {MaxName} tegn.");
            return null;
        }

        // The unique index is case-sensitive on PostgreSQL, but "yoga" beside "Yoga" is still a duplicate
        // to a person: compare search-normalised names. The lists are short, so they are read whole.
        var key = SearchText.Normalize(clean);
        var others = kind == ListKind.Activity
            ? await db.Activities.Where(a => a.Id != id).Select(a => a.Name).ToListAsync(ct)
            : await db.TargetGroups.Where(g => g.Id != id).Select(g => g.Name).ToListAsync(ct);
        var taken = others.Exists(n => SearchText.Normalize(n) == key);
        if (taken)
        {
            Fail(kind, id, name, $"»{clean}« findes allerede på listen.");
            return null;
        }

        return clean;
    }

    private async Task<bool> TrySaveAsync(ListKind kind, int? id, string? name, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (e.InnerException is { } inner && ConflictExceptionHandler.IsUniqueViolation(inner))
        {
            db.ChangeTracker.Clear();
            Fail(kind, id, name, $"»{name?.Trim()}« findes allerede på listen.");
            return false;
        }
    }

    private void Fail(ListKind kind, int? id, string? typed, string message)
    {
        FailedField = FieldId(kind, id);
        FailedValue = typed;
        ModelState.AddModelError(FailedField, message);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Activities = await db.Activities.AsNoTracking().OrderBy(a => a.Archived).ThenBy(a => a.Name)
            .Select(a => new Entry(a.Id, a.Name, a.Archived, db.Teams.Count(t => t.ActivityId == a.Id && t.Status != TeamStatus.Archived)))
            .ToListAsync(ct);
        TargetGroups = await db.TargetGroups.AsNoTracking().OrderBy(g => g.Archived).ThenBy(g => g.Name)
            .Select(g => new Entry(g.Id, g.Name, g.Archived, g.Teams.Count(t => t.Status != TeamStatus.Archived)))
            .ToListAsync(ct);
    }
}
