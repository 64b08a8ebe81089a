using System.ComponentModel.DataAnnotations;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue.Search;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Admin;

/// <summary>
/// Creating (/administration/foreninger/ny) and editing (/administration/foreninger/{id}) a club with
/// its contact persons; archiving a club archives its teams, so they leave the public catalogue.
/// </summary>
[Authorize(Policy = Policies.Coordinator)]
public class EditClubModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const string StaleMessage = "Foreningen er blevet ændret af en anden, mens du redigerede.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int? ClubId { get; private set; }

    public bool Archived { get; private set; }

    public string SavedName { get; private set; } = "";

    public List<SelectListItem> Municipalities { get; private set; } = [];

    public List<(int Id, string Title, TeamStatus Status)> Teams { get; private set; } = [];

    public StaleEdit? Stale { get; private set; }

    public class InputModel
    {
        public int? MunicipalityId { get; set; }

        [Required(ErrorMessage = "Skriv foreningens navn.")]
        [StringLength(Limits.Name, ErrorMessage = "Navnet må højst være {1} tegn.")]
        [PlainText]
        public string Name { get; set; } = "";

        [RegularExpression("^ *[0-9]{8} *$", ErrorMessage = "Et CVR-nummer har 8 cifre.")]
        [StringLength(10, ErrorMessage = "Et CVR-nummer har 8 cifre.")]
        public string? Cvr { get; set; }

        [StringLength(Limits.Address, ErrorMessage = "Adressen må højst være {1} tegn.")]
        [PlainText]
        public string? Address { get; set; }

        [PostalCode]
        [StringLength(10, ErrorMessage = "Skriv et postnummer med 4 cifre.")]
        public string? PostalCode { get; set; }

        [StringLength(Limits.Town, ErrorMessage = "Byen må højst være {1} tegn.")]
        [PlainText]
        public string? Town { get; set; }

        [HttpUrl]
        [StringLength(Limits.Url, ErrorMessage = "Webadressen må højst være {1} tegn.")]
        [PlainText]
        public string? Website { get; set; }

        public List<ContactPersonRow> Contacts { get; set; } = [];

        public int? Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync([FromRoute] int? id, CancellationToken ct)
    {
        Club? club = null;
        if (id is not null)
        {
            club = await db.Clubs.AsNoTracking().EditableBy(User).Include(c => c.ContactPersons).SingleOrDefaultAsync(c => c.Id == id, ct);
            if (club is null)
            {
                return NotFound();
            }

            Input = From(club);
        }

        ContactPersonRow.AddBlankRows(Input.Contacts);
        await LoadFormAsync(club, ct);
        if (club is null)
        {
            Input.MunicipalityId = MunicipalityChoice.Only(Municipalities);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] int? id, CancellationToken ct)
    {
        Club? club = null;
        if (id is not null)
        {
            club = await db.Clubs.EditableBy(User).Include(c => c.ContactPersons).SingleOrDefaultAsync(c => c.Id == id, ct);
            if (club is null)
            {
                return NotFound();
            }
        }

        await LoadFormAsync(club, ct);
        MunicipalityChoice.Check(Municipalities, Input.MunicipalityId, ModelState);
        ContactPersonRow.Validate(Input.Contacts, ModelState, "Input.Contacts");
        var version = 0;
        if (club is not null)
        {
            ModelState.TryGetVersion("Input.Version", Input.Version, out version);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (club is not null && club.Version != version)
        {
            ShowStale(club);
            return Page();
        }

        var renamed = club is not null && club.Name != Input.Name.Trim();
        if (club is null)
        {
            club = new Club { Name = "" };
            db.Clubs.Add(club);
        }
        else
        {
            db.Entry(club).Property(c => c.Version).OriginalValue = version;
            db.Entry(club).Property(c => c.Name).IsModified = true;
        }

        club.MunicipalityId = Input.MunicipalityId!.Value;
        club.Name = Input.Name.Trim();
        club.Cvr = Forms.Clean(Input.Cvr);
        club.Address = Forms.Clean(Input.Address);
        club.PostalCode = Forms.Clean(Input.PostalCode);
        club.Town = Forms.Clean(Input.Town);
        club.Website = Forms.Clean(Input.Website);
        ContactPersonRow.Apply(club, Input.Contacts);

        var clubId = club.Id;
        if (!await TeamSearchTexts.SaveAsync(db, renamed ? t => t.ClubId == clubId : null, ct))
        {
            var current = await db.Clubs.AsNoTracking().EditableBy(User).Include(c => c.ContactPersons).SingleOrDefaultAsync(c => c.Id == id, ct);
            if (current is null)
            {
                return NotFound();
            }

            ShowStale(current);
            return Page();
        }

        TempData.SetMessage("Foreningen »{0}« er gemt.", club.Name);
        return Redirect("/administration/foreninger");
    }

    /// <summary>Archives the club and all its teams: they leave the catalogue (the search shows active teams only).</summary>
    public async Task<IActionResult> OnPostArchiveAsync([FromRoute] int? id, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (clubs, teams) = await db.InTransactionAsync(
            async ct =>
            {
                var clubs = await db.Clubs.EditableBy(User).Where(c => c.Id == id)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Archived, true).SetProperty(c => c.Version, c => c.Version + 1), ct);
                var teams = clubs == 0 ? 0 : await db.Teams.Where(t => t.ClubId == id && t.Status != TeamStatus.Archived)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TeamStatus.Archived).SetProperty(t => t.UpdatedAtUtc, now).SetProperty(t => t.Version, t => t.Version + 1), ct);
                return (clubs, teams);
            },
            ct);
        if (clubs == 0)
        {
            return NotFound();
        }

        TempData.SetMessage("Foreningen er arkiveret. {0} hold er arkiveret med den og vises ikke længere i kataloget.", teams);
        return Redirect($"/administration/foreninger/{id}");
    }

    /// <summary>Takes the club back into use. Its teams stay archived: each is reactivated on its own page, once it is known to run again.</summary>
    public async Task<IActionResult> OnPostRestoreAsync([FromRoute] int? id, CancellationToken ct)
    {
        var clubs = await db.Clubs.EditableBy(User).Where(c => c.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Archived, false).SetProperty(c => c.Version, c => c.Version + 1), ct);
        if (clubs == 0)
        {
            return NotFound();
        }

        TempData["Message"] = "Foreningen er taget i brug igen. Dens hold er stadig arkiveret: sæt dem til »Aktivt« på holdenes egne sider.";
        return Redirect($"/administration/foreninger/{id}");
    }

    private static InputModel From(Club c) => new()
    {
        MunicipalityId = c.MunicipalityId,
        Name = c.Name,
        Cvr = c.Cvr,
        Address = c.Address,
        PostalCode = c.PostalCode,
        Town = c.Town,
        Website = c.Website,
        Contacts = ContactPersonRow.From(c.ContactPersons),
        Version = c.Version,
    };

    private async Task LoadFormAsync(Club? club, CancellationToken ct)
    {
        ClubId = club?.Id;
        SavedName = club?.Name ?? "";
        Archived = club?.Archived ?? false;
        Municipalities = await MunicipalityChoice.OptionsAsync(db, User, ct);
        if (club is not null)
        {
            var teams = await db.Teams.AsNoTracking().Where(t => t.ClubId == club.Id).OrderBy(t => t.Title)
                .Select(t => new { t.Id, t.Title, t.Status }).ToListAsync(ct);
            Teams = [.. teams.Select(t => (t.Id, t.Title, t.Status))];
        }
    }

    private void ShowStale(Club current)
    {
        Stale = new StaleEdit(StaleMessage, StaleEdit.Compare(Describe(Input), Describe(From(current))), $"/administration/foreninger/{current.Id}");
        ModelState.Remove("Input.Version");
        Input.Version = current.Version;
    }

    private List<(string Label, string Value)> Describe(InputModel x) =>
    [
        ("Kommune", MunicipalityChoice.Name(Municipalities, x.MunicipalityId) ?? ""),
        ("Navn", x.Name.Trim()),
        ("CVR-nummer", x.Cvr?.Trim() ?? ""),
        ("Adresse", x.Address?.Trim() ?? ""),
        ("Postnummer", x.PostalCode?.Trim() ?? ""),
        ("By", x.Town?.Trim() ?? ""),
        ("Hjemmeside", x.Website?.Trim() ?? ""),
        ("Kontaktpersoner", ContactPersonRow.Describe(x.Contacts)),
    ];
}
