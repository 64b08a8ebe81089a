using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Admin;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.ClubContact;

/// <summary>A club contact keeps their own club's contact persons current; the rest of the club's record is the coordinator's.</summary>
[Authorize(Policy = Policies.ClubContact)]
public class ContactPersonsModel(AppDbContext db) : PageModel
{
    public const string StaleMessage = "Foreningens kontaktpersoner er blevet ændret af en anden, mens du redigerede.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ClubName { get; private set; } = "";

    public StaleEdit? Stale { get; private set; }

    public class InputModel
    {
        public List<ContactPersonRow> Contacts { get; set; } = [];

        public int? Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var club = await db.Clubs.AsNoTracking().Include(c => c.ContactPersons).SingleOrDefaultAsync(c => c.Id == User.ClubId(), ct);
        if (club is null)
        {
            return NotFound();
        }

        ClubName = club.Name;
        Input = new InputModel { Contacts = ContactPersonRow.From(club.ContactPersons), Version = club.Version };
        ContactPersonRow.AddBlankRows(Input.Contacts);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var club = await db.Clubs.Include(c => c.ContactPersons).SingleOrDefaultAsync(c => c.Id == User.ClubId(), ct);
        if (club is null)
        {
            return NotFound();
        }

        ClubName = club.Name;
        ContactPersonRow.Validate(Input.Contacts, ModelState, "Input.Contacts");
        ModelState.TryGetVersion("Input.Version", Input.Version, out var version);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (club.Version != version)
        {
            ShowStale(club);
            return Page();
        }

        db.Entry(club).Property(c => c.Version).OriginalValue = version;
        db.Entry(club).Property(c => c.Name).IsModified = true;
        ContactPersonRow.Apply(club, Input.Contacts);
        if (!await StaleEdit.TrySaveAsync(db, ct))
        {
            ShowStale(await db.Clubs.AsNoTracking().Include(c => c.ContactPersons).SingleAsync(c => c.Id == club.Id, ct));
            return Page();
        }

        TempData["Message"] = "Kontaktpersonerne er gemt.";
        return Redirect("/min-forening");
    }

    private void ShowStale(Club current)
    {
        var saved = ContactPersonRow.Describe(ContactPersonRow.From(current.ContactPersons));
        Stale = new StaleEdit(
            StaleMessage,
            StaleEdit.Compare([("Kontaktpersoner", ContactPersonRow.Describe(Input.Contacts))], [("Kontaktpersoner", saved)]),
            "/min-forening/kontaktpersoner");
        ModelState.Remove("Input.Version");
        Input.Version = current.Version;
    }
}
