using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>
/// Creating a programme (/forloeb/nyt) and editing one (/forloeb/{id}/rediger): coordinators for any
/// department, professionals for their own. Saving a changed schedule replans the future sessions.
/// </summary>
[Authorize(Policy = Policies.ManagesProgrammes)]
public class ProgrammeEditModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const string StaleMessage = "Forløbet er blevet ændret af en anden, mens du redigerede.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int? ProgrammeId { get; private set; }

    public string SavedName { get; private set; } = "";

    public bool IsCoordinator => User.IsInRole(Roles.Coordinator);

    public List<SelectListItem> Departments { get; private set; } = [];

    public List<SelectListItem> Venues { get; private set; } = [];

    public List<SelectListItem> Consultants { get; private set; } = [];

    public Dictionary<string, string> InstructorNames { get; private set; } = [];

    public StaleEdit? Stale { get; private set; }

    public class InputModel
    {
        [Required(ErrorMessage = "Skriv forløbets navn.")]
        [StringLength(Limits.Name, ErrorMessage = "Navnet må højst være {1} tegn.")]
        [PlainText]
        [Display(Name = "Forløbets navn")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Vælg en type.")]
        [EnumDataType(typeof(ProgrammeKind), ErrorMessage = "Vælg en type.")]
        [Display(Name = "Type")]
        public ProgrammeKind? Kind { get; set; }

        public int? DepartmentId { get; set; }

        [StringLength(Limits.Text, ErrorMessage = "Beskrivelsen må højst være {1} tegn.")]
        [PlainText(MultiLine = true)]
        public string? Description { get; set; }

        public int? VenueId { get; set; }

        public string? ResponsibleConsultantId { get; set; }

        [StringLength(10, ErrorMessage = "Skriv datoen som dd-mm-åååå.")]
        public string? StartDate { get; set; }

        [Range(1, 104, ErrorMessage = "Antal uger skal være fra 1 til 104, eller tomt for løbende optag.")]
        [Display(Name = "Antal uger")]
        public int? Weeks { get; set; }

        [Range(1, 500, ErrorMessage = "Antal pladser skal være fra 1 til 500.")]
        [Display(Name = "Pladser")]
        public int? Capacity { get; set; }

        public List<WeeklyScheduleRow> Schedules { get; set; } = [];

        public List<InstructorChoice> Instructors { get; set; } = [];

        public int? Version { get; set; }
    }

    public class InstructorChoice
    {
        public string Id { get; set; } = "";

        public bool Selected { get; set; }
    }

    private List<WeeklyTime> schedules = [];
    private DateOnly startDate;

    public async Task<IActionResult> OnGetAsync([FromRoute] int? id, CancellationToken ct)
    {
        ModelState.Clear();
        Programme? programme = null;
        if (id is null)
        {
            Input = new InputModel
            {
                Kind = ProgrammeKind.TrainingProgramme,
                DepartmentId = User.DepartmentId(),
                StartDate = Forms.IsoDate(DanishTime.Today(clock)),
                Capacity = 12,
                ResponsibleConsultantId = IsCoordinator ? null : User.UserId(),
            };
        }
        else
        {
            programme = await LoadAsync(id.Value, tracked: false, ct);
            if (programme is null)
            {
                return NotFound();
            }

            Input = From(programme);
        }

        AddBlankRows();
        await LoadFormAsync(programme, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] int? id, CancellationToken ct)
    {
        Programme? programme = null;
        if (id is not null)
        {
            programme = await LoadAsync(id.Value, tracked: true, ct);
            if (programme is null)
            {
                return NotFound();
            }
        }

        if (!IsCoordinator)
        {
            // A professional's programme belongs to their own department, whatever the form says.
            Input.DepartmentId = User.DepartmentId();
        }

        await LoadFormAsync(programme, ct);
        Validate();
        var version = 0;
        if (programme is not null)
        {
            ModelState.TryGetVersion("Input.Version", Input.Version, out version);
        }

        if (!ModelState.IsValid)
        {
            AddBlankRows();
            return Page();
        }

        if (programme is null && await DuplicateAsync(ct) is { } duplicate)
        {
            // The create form sent twice (a double click): the programme the first submit made is the answer.
            return Redirect($"/forloeb/{duplicate}");
        }

        if (!ModelState.IsValid)
        {
            AddBlankRows();
            return Page();
        }

        if (programme is not null && programme.Version != version)
        {
            ShowStale(programme);
            AddBlankRows();
            return Page();
        }

        var now = clock.GetUtcNow();
        var creating = programme is null;
        if (programme is null)
        {
            programme = new Programme { Name = "", CreatedAtUtc = now.UtcDateTime, CreatedBy = User.DisplayName() };
            db.Programmes.Add(programme);
        }
        else
        {
            // "WHERE Version = <what the editor loaded>", forced also when only schedules or instructors changed.
            db.Entry(programme).Property(p => p.Version).OriginalValue = version;
            db.Entry(programme).Property(p => p.Version).IsModified = true;
        }

        Apply(programme);
        if (!await StaleEdit.TrySaveAsync(db, ct))
        {
            var current = await LoadAsync(programme.Id, tracked: false, ct);
            if (current is null)
            {
                return NotFound();
            }

            await LoadFormAsync(current, ct);
            ShowStale(current);
            AddBlankRows();
            return Page();
        }

        if (creating)
        {
            await SessionPlan.EnsureGeneratedAsync(db, programme.Id, now, ct);
        }
        else
        {
            await ProgrammeCommands.ReplanAsync(db, programme.Id, now, ct);
        }

        TempData.SetMessage(creating ? "Forløbet »{0}« er oprettet." : "Forløbet »{0}« er gemt.", programme.Name);
        return Redirect($"/forloeb/{programme.Id}");
    }

    /// <summary>
    /// A programme of the same name in the department: made by this user in the last few minutes, it is
    /// this form's own first submit (returned); otherwise the name is taken (an error on the field).
    /// </summary>
    private async Task<int?> DuplicateAsync(CancellationToken ct)
    {
        var name = Input.Name.Trim();
        var same = await db.Programmes.AsNoTracking().Where(p => p.DepartmentId == Input.DepartmentId && p.Name == name && !p.Archived)
            .Select(p => new { p.Id, p.CreatedBy, p.CreatedAtUtc }).FirstOrDefaultAsync(ct);
        if (same is null)
        {
            return null;
        }

        if (same.CreatedBy == User.DisplayName() && same.CreatedAtUtc > clock.GetUtcNow().UtcDateTime.AddMinutes(-5))
        {
            return same.Id;
        }

        Error(nameof(InputModel.Name), "Der er allerede et forløb med det navn i afdelingen.");
        return null;
    }

    private async Task<Programme?> LoadAsync(int id, bool tracked, CancellationToken ct)
    {
        var query = db.Programmes.VisibleTo(User).Include(p => p.Schedules).Include(p => p.Instructors).AsSplitQuery();
        if (!tracked)
        {
            query = query.AsNoTracking();
        }

        return await query.SingleOrDefaultAsync(p => p.Id == id, ct);
    }

    private static InputModel From(Programme p) => new()
    {
        Name = p.Name,
        Kind = p.Kind,
        DepartmentId = p.DepartmentId,
        Description = p.Description,
        VenueId = p.VenueId,
        ResponsibleConsultantId = p.ResponsibleConsultantId,
        StartDate = Forms.IsoDate(p.StartDate),
        Weeks = p.Weeks,
        Capacity = p.Capacity,
        Schedules = WeeklyScheduleInput.From(p.Schedules.Select(s => new WeeklyTime(s.Weekday, s.Start, s.End))),
        Instructors = [.. p.Instructors.Select(i => new InstructorChoice { Id = i.UserId, Selected = true })],
        Version = p.Version,
    };

    private sealed record Option(string Id, string Name);

    private async Task LoadFormAsync(Programme? programme, CancellationToken ct)
    {
        ProgrammeId = programme?.Id;
        SavedName = programme?.Name ?? "";
        // A coordinator's municipality's departments, a professional's own (ADR 0013): another is refused as unknown.
        var departments = db.Departments.AsNoTracking().VisibleTo(User);

        Departments = [.. (await departments.OrderBy(d => d.Name).Select(d => new Option(d.Id.ToString(CultureInfo.InvariantCulture), d.Name)).ToListAsync(ct))
            .Select(o => new SelectListItem(o.Name, o.Id))];

        // Venues of the department's municipality (the programme trains locally).
        var municipality = await db.Departments.Where(d => d.Id == Input.DepartmentId).Select(d => (int?)d.MunicipalityId).SingleOrDefaultAsync(ct);
        int? venueId = programme?.VenueId;
        var venues = await db.Venues.AsNoTracking().Where(v => (!v.Archived && (municipality == null || v.MunicipalityId == municipality)) || v.Id == venueId)
            .OrderBy(v => v.Name).Select(v => new Option(v.Id.ToString(CultureInfo.InvariantCulture), v.Name + ", " + v.Town)).ToListAsync(ct);
        Venues = [.. venues.Select(o => new SelectListItem(o.Name, o.Id))];

        var consultants = await ProgrammeCommands.Consultants(db, Input.DepartmentId ?? -1).AsNoTracking()
            .OrderBy(u => u.DisplayName).Select(u => new Option(u.Id, u.DisplayName)).ToListAsync(ct);
        Consultants = [.. consultants.Select(o => new SelectListItem(o.Name, o.Id))];

        var instructors = await ProgrammeCommands.Instructors(db).AsNoTracking().OrderBy(u => u.DisplayName).Select(u => new Option(u.Id, u.DisplayName)).ToListAsync(ct);
        InstructorNames = instructors.ToDictionary(o => o.Id, o => o.Name);
        var selected = Input.Instructors.Where(c => c.Selected).Select(c => c.Id).ToHashSet();
        Input.Instructors = [.. instructors.Select(o => new InstructorChoice { Id = o.Id, Selected = selected.Contains(o.Id) })];
    }

    private void AddBlankRows() => WeeklyScheduleInput.AddBlankRows(Input.Schedules, Input.Schedules.Count == 0 ? 2 : 1);

    private void Error(string key, string message) => ModelState.AddErrorOnce("Input." + key, message);

    private static bool Offers(List<SelectListItem> items, string? id) => id is not null && items.Exists(o => o.Value == id);

    private void Validate()
    {
        if (!Offers(Departments, Input.DepartmentId?.ToString(CultureInfo.InvariantCulture)))
        {
            Error(nameof(InputModel.DepartmentId), "Vælg en afdeling.");
        }

        if (!Offers(Venues, Input.VenueId?.ToString(CultureInfo.InvariantCulture)))
        {
            Error(nameof(InputModel.VenueId), "Vælg et sted.");
        }

        if (!string.IsNullOrEmpty(Input.ResponsibleConsultantId) && !Offers(Consultants, Input.ResponsibleConsultantId))
        {
            Error(nameof(InputModel.ResponsibleConsultantId), "Vælg en ansvarlig fra forløbets afdeling.");
        }

        if (Input.Capacity is null)
        {
            Error(nameof(InputModel.Capacity), "Skriv hvor mange pladser forløbet har.");
        }

        if (string.IsNullOrWhiteSpace(Input.StartDate))
        {
            Error(nameof(InputModel.StartDate), "Skriv hvornår forløbet begynder.");
        }
        else if (!Forms.TryParseDate(Input.StartDate, out startDate))
        {
            Error(nameof(InputModel.StartDate), "Skriv datoen som dd-mm-åååå, fx 05-01-2027.");
        }

        schedules = WeeklyScheduleInput.Read(Input.Schedules, ModelState, "Input." + nameof(InputModel.Schedules), "Et forløb");
    }

    private void Apply(Programme programme)
    {
        programme.Name = Input.Name.Trim();
        programme.Kind = Input.Kind!.Value;
        programme.DepartmentId = Input.DepartmentId!.Value;
        programme.Description = Forms.Clean(Input.Description);
        programme.VenueId = Input.VenueId!.Value;
        programme.ResponsibleConsultantId = Forms.Clean(Input.ResponsibleConsultantId);
        programme.StartDate = startDate;
        programme.Weeks = Input.Weeks;
        programme.Capacity = Input.Capacity!.Value;

        // Rows are replaced: sessions keep their own date and time, nothing refers to a schedule row.
        programme.Schedules.Clear();
        programme.Schedules.AddRange(schedules.Select(s => new ProgrammeSchedule { Weekday = s.Weekday, Start = s.Start, End = s.End }));
        var wanted = Input.Instructors.Where(c => c.Selected && InstructorNames.ContainsKey(c.Id)).Select(c => c.Id).ToHashSet();
        programme.Instructors.RemoveAll(i => !wanted.Contains(i.UserId));
        programme.Instructors.AddRange([.. wanted.Where(w => !programme.Instructors.Exists(i => i.UserId == w)).Select(w => new ProgrammeInstructor { UserId = w })]);
    }

    private void ShowStale(Programme current)
    {
        Stale = new StaleEdit(StaleMessage, StaleEdit.Compare(Describe(Input), Describe(From(current))), $"/forloeb/{current.Id}/rediger");
        ModelState.Remove("Input.Version");
        Input.Version = current.Version;
    }

    private List<(string Label, string Value)> Describe(InputModel x)
    {
        static string T(string? s) => s?.Trim() ?? "";
        static string N(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";
        string Name(List<SelectListItem> items, string? id) => items.Find(o => o.Value == id)?.Text ?? T(id);
        var instructors = string.Join(", ", x.Instructors.Where(i => i.Selected).Select(i => InstructorNames.GetValueOrDefault(i.Id, i.Id)).Order(StringComparer.Ordinal));
        return
        [
            ("Forløbets navn", T(x.Name)),
            ("Type", x.Kind is { } kind ? kind.Danish() : ""),
            ("Afdeling", Name(Departments, x.DepartmentId?.ToString(CultureInfo.InvariantCulture))),
            ("Sted", Name(Venues, x.VenueId?.ToString(CultureInfo.InvariantCulture))),
            ("Ansvarlig", Name(Consultants, x.ResponsibleConsultantId)),
            ("Startdato", Forms.TryParseDate(x.StartDate, out var d) ? d.ToString("d. MMM yyyy", Localization.Danish) : T(x.StartDate)),
            ("Antal uger", N(x.Weeks)),
            ("Pladser", N(x.Capacity)),
            ("Ugentlige tidspunkter", WeeklyScheduleInput.Describe(x.Schedules)),
            ("Instruktører", instructors),
            ("Beskrivelse", T(x.Description)),
        ];
    }
}
