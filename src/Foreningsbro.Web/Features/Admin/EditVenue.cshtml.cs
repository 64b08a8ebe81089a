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
/// Creating (/administration/steder/nyt) and editing (/administration/steder/{id}) a venue. An
/// archived venue is no longer offered for teams; teams already there keep it.
/// </summary>
[Authorize(Policy = Policies.Coordinator)]
public class EditVenueModel(AppDbContext db) : PageModel
{
    public const string StaleMessage = "Stedet er blevet ændret af en anden, mens du redigerede.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int? VenueId { get; private set; }

    public bool Archived { get; private set; }

    public string SavedName { get; private set; } = "";

    public int TeamCount { get; private set; }

    public List<SelectListItem> Municipalities { get; private set; } = [];

    public StaleEdit? Stale { get; private set; }

    public class InputModel
    {
        public int? MunicipalityId { get; set; }

        [Required(ErrorMessage = "Skriv stedets navn.")]
        [StringLength(Limits.Name, ErrorMessage = "Navnet må højst være {1} tegn.")]
        [PlainText]
        public string Name { get; set; } = "";

        [StringLength(Limits.Address, ErrorMessage = "Adressen må højst være {1} tegn.")]
        [PlainText]
        public string? Address { get; set; }

        [Required(ErrorMessage = "Skriv et postnummer med 4 cifre.")]
        [PostalCode]
        [StringLength(10, ErrorMessage = "Skriv et postnummer med 4 cifre.")]
        public string PostalCode { get; set; } = "";

        [Required(ErrorMessage = "Skriv byen.")]
        [StringLength(Limits.Town, ErrorMessage = "Byen må højst være {1} tegn.")]
        [PlainText]
        public string Town { get; set; } = "";

        /// <summary>Text, so that both 55,6517 and 55.6517 are read (see Forms.TryParseCoordinate).</summary>
        [StringLength(20, ErrorMessage = "Skriv breddegraden som et decimaltal, fx 55,6517.")]
        public string? Latitude { get; set; }

        [StringLength(20, ErrorMessage = "Skriv længdegraden som et decimaltal, fx 12,2927.")]
        public string? Longitude { get; set; }

        [StringLength(Limits.Text, ErrorMessage = "Teksten om tilgængelighed må højst være {1} tegn.")]
        [PlainText(MultiLine = true)]
        public string? AccessibilityNotes { get; set; }

        public int? Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync([FromRoute] int? id, CancellationToken ct)
    {
        Venue? venue = null;
        if (id is not null)
        {
            venue = await db.Venues.AsNoTracking().EditableBy(User).SingleOrDefaultAsync(v => v.Id == id, ct);
            if (venue is null)
            {
                return NotFound();
            }

            Input = From(venue);
        }

        await LoadFormAsync(venue, ct);
        if (venue is null)
        {
            Input.MunicipalityId = MunicipalityChoice.Only(Municipalities);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] int? id, CancellationToken ct)
    {
        Venue? venue = null;
        if (id is not null)
        {
            venue = await db.Venues.EditableBy(User).SingleOrDefaultAsync(v => v.Id == id, ct);
            if (venue is null)
            {
                return NotFound();
            }
        }

        await LoadFormAsync(venue, ct);
        MunicipalityChoice.Check(Municipalities, Input.MunicipalityId, ModelState);
        double? latitude = null, longitude = null;
        if (!string.IsNullOrWhiteSpace(Input.Latitude))
        {
            if (Forms.TryParseCoordinate(Input.Latitude, -90, 90, out var lat))
            {
                latitude = lat;
            }
            else
            {
                ModelState.AddErrorOnce("Input.Latitude", "Skriv breddegraden som et decimaltal mellem -90 og 90, fx 55,6517.");
            }
        }

        if (!string.IsNullOrWhiteSpace(Input.Longitude))
        {
            if (Forms.TryParseCoordinate(Input.Longitude, -180, 180, out var lon))
            {
                longitude = lon;
            }
            else
            {
                ModelState.AddErrorOnce("Input.Longitude", "Skriv længdegraden som et decimaltal mellem -180 og 180, fx 12,2927.");
            }
        }

        if (string.IsNullOrWhiteSpace(Input.Latitude) != string.IsNullOrWhiteSpace(Input.Longitude))
        {
            ModelState.AddErrorOnce(string.IsNullOrWhiteSpace(Input.Latitude) ? "Input.Latitude" : "Input.Longitude", "Udfyld både bredde- og længdegrad, eller ingen af dem.");
        }

        var version = 0;
        if (venue is not null)
        {
            ModelState.TryGetVersion("Input.Version", Input.Version, out version);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (venue is not null && venue.Version != version)
        {
            ShowStale(venue);
            return Page();
        }

        var searchedNameChanged = venue is not null
            && (venue.Name != Input.Name.Trim() || venue.Town != Input.Town.Trim() || venue.PostalCode != Input.PostalCode.Trim());
        if (venue is null)
        {
            venue = new Venue { Name = "", PostalCode = "", Town = "" };
            db.Venues.Add(venue);
        }
        else
        {
            db.Entry(venue).Property(v => v.Version).OriginalValue = version;
            db.Entry(venue).Property(v => v.Name).IsModified = true;
        }

        venue.MunicipalityId = Input.MunicipalityId!.Value;
        venue.Name = Input.Name.Trim();
        venue.Address = Forms.Clean(Input.Address);
        venue.PostalCode = Input.PostalCode.Trim();
        venue.Town = Input.Town.Trim();
        venue.TownKey = SearchText.Normalize(venue.Town);
        venue.Latitude = latitude;
        venue.Longitude = longitude;
        venue.AccessibilityNotes = Forms.Clean(Input.AccessibilityNotes);

        var venueId = venue.Id;
        if (!await TeamSearchTexts.SaveAsync(db, searchedNameChanged ? t => t.VenueId == venueId : null, ct))
        {
            var current = await db.Venues.AsNoTracking().EditableBy(User).SingleOrDefaultAsync(v => v.Id == id, ct);
            if (current is null)
            {
                return NotFound();
            }

            ShowStale(current);
            return Page();
        }

        TempData.SetMessage("Stedet »{0}« er gemt.", venue.Name);
        return Redirect("/administration/steder");
    }

    public Task<IActionResult> OnPostArchiveAsync([FromRoute] int? id, CancellationToken ct) => SetArchivedAsync(id, true, ct);

    public Task<IActionResult> OnPostRestoreAsync([FromRoute] int? id, CancellationToken ct) => SetArchivedAsync(id, false, ct);

    private async Task<IActionResult> SetArchivedAsync(int? id, bool archived, CancellationToken ct)
    {
        var changed = await db.Venues.EditableBy(User).Where(v => v.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Archived, archived).SetProperty(v => v.Version, v => v.Version + 1), ct);
        if (changed == 0)
        {
            return NotFound();
        }

        TempData["Message"] = archived
            ? "Stedet er arkiveret og tilbydes ikke længere til hold. Hold, der allerede bruger det, beholder det."
            : "Stedet er taget i brug igen.";
        return Redirect($"/administration/steder/{id}");
    }

    private static InputModel From(Venue v) => new()
    {
        MunicipalityId = v.MunicipalityId,
        Name = v.Name,
        Address = v.Address,
        PostalCode = v.PostalCode,
        Town = v.Town,
        Latitude = Forms.Coordinate(v.Latitude),
        Longitude = Forms.Coordinate(v.Longitude),
        AccessibilityNotes = v.AccessibilityNotes,
        Version = v.Version,
    };

    private async Task LoadFormAsync(Venue? venue, CancellationToken ct)
    {
        VenueId = venue?.Id;
        SavedName = venue?.Name ?? "";
        Archived = venue?.Archived ?? false;
        Municipalities = await MunicipalityChoice.OptionsAsync(db, User, ct);
        if (venue is not null)
        {
            TeamCount = await db.Teams.CountAsync(t => t.VenueId == venue.Id && t.Status != TeamStatus.Archived, ct);
        }
    }

    private void ShowStale(Venue current)
    {
        Stale = new StaleEdit(StaleMessage, StaleEdit.Compare(Describe(Input), Describe(From(current))), $"/administration/steder/{current.Id}");
        ModelState.Remove("Input.Version");
        Input.Version = current.Version;
    }

    private List<(string Label, string Value)> Describe(InputModel x)
    {
        static string Coordinate(string? s) => Forms.TryParseCoordinate(s, -180, 180, out var d) ? Forms.Coordinate(d) : s?.Trim() ?? "";
        return
        [
            ("Kommune", MunicipalityChoice.Name(Municipalities, x.MunicipalityId) ?? ""),
            ("Navn", x.Name.Trim()),
            ("Adresse", x.Address?.Trim() ?? ""),
            ("Postnummer", x.PostalCode.Trim()),
            ("By", x.Town.Trim()),
            ("Breddegrad", Coordinate(x.Latitude)),
            ("Længdegrad", Coordinate(x.Longitude)),
            ("Tilgængelighed", x.AccessibilityNotes?.Trim() ?? ""),
        ];
    }
}
