using System.Collections.Concurrent;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Foreningsbro.Web.Features.Admin.Import;

/// <summary>
/// "Importér hold" (/administration/hold/import): the coordinator uploads a CSV or Excel file in the export's
/// columns, sees every row's problems by line and column, and only then imports. The checked file travels with
/// the confirming form (as base64) and is checked again before anything is saved, so a changed catalogue or an
/// edited form field cannot slip past the check. One import per municipality at a time (per app instance).
/// </summary>
[Authorize(Policy = Policies.Coordinator)]
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit, ValueLengthLimit = RequestLimit)]
public class ImportCatalogueModel(AppDbContext db, TimeProvider time) : PageModel
{
    /// <summary>A file of MaxBytes as base64 in the confirming form, with room for the rest of the form.</summary>
    private const int RequestLimit = CatalogueImport.MaxBytes / 3 * 4 + 64 * 1024;

    private static readonly ConcurrentDictionary<int, SemaphoreSlim> Running = new();

    [BindProperty]
    public string? FileData { get; set; }

    [BindProperty]
    public string? FileName { get; set; }

    public ImportPlan? Plan { get; private set; }

    public ImportResult? Result { get; private set; }

    public IActionResult OnGetTemplate() =>
        File(CatalogueImport.Template(), "text/csv; charset=utf-8", "foreningsbro-hold-skabelon.csv");

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? file, CancellationToken ct)
    {
        if (User.MunicipalityId() is null)
        {
            return Forbid();
        }

        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", "Vælg en fil.");
            return Page();
        }

        if (file.Length > CatalogueImport.MaxBytes)
        {
            ModelState.AddModelError("file", $"Filen er for stor (højst {CatalogueImport.MaxBytes / 1024 / 1024} MB).");
            return Page();
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        FileName = Path.GetFileName(file.FileName);
        Plan = await CatalogueImport.CheckAsync(db, User, bytes, FileName, ct);
        if (Plan.FileProblem is { } problem)
        {
            ModelState.AddModelError("file", problem);
            return Page();
        }

        FileData = Convert.ToBase64String(bytes);
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        if (User.MunicipalityId() is not { } municipality)
        {
            return Forbid();
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(FileData ?? "");
        }
        catch (FormatException)
        {
            bytes = [];
        }

        if (bytes.Length == 0 || string.IsNullOrEmpty(FileName))
        {
            FileData = null;
            ModelState.AddModelError("file", "Vælg filen igen; forhåndsvisningen var udløbet.");
            return Page();
        }

        var gate = Running.GetOrAdd(municipality, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(0, ct))
        {
            ModelState.AddModelError("file", "En import for kommunen kører allerede. Vent, til den er færdig, og se så holdlisten.");
            return Page();
        }

        try
        {
            Plan = await CatalogueImport.CheckAsync(db, User, bytes, FileName, ct);
            if (!Plan.CanImport)
            {
                if (Plan.FileProblem is { } problem)
                {
                    ModelState.AddModelError("file", problem);
                }

                return Page();
            }

            Result = await CatalogueImport.ApplyAsync(db, User, Plan.Rows, time.GetUtcNow().UtcDateTime, ct);
            FileData = null;
            return Page();
        }
        finally
        {
            gate.Release();
        }
    }
}
