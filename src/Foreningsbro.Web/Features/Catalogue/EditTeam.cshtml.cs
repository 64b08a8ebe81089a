using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Catalogue;

/// <summary>
/// Creating a team (/administration/hold/nyt, coordinators only: NewTeam.cshtml adds that policy) and
/// editing one (/hold/{id}/rediger: a coordinator, or a club contact for their own club's teams).
/// Both pages share this model and the _TeamForm partial.
/// </summary>
[Authorize(Policy = Policies.EditsTeams)]
public class EditTeamModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const int MaxScheduleRows = 14;
    public const int MaxBreakRows = 20;
    public const string StaleMessage = "Holdet er blevet ændret af en anden, mens du redigerede.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Null while creating.</summary>
    public int? TeamId { get; private set; }

    public bool IsCoordinator => User.IsInRole(Roles.Coordinator);

    /// <summary>The team's club, shown to club contacts, who cannot move a team to another club.</summary>
    public string ClubName { get; private set; } = "";

    /// <summary>The saved title, for the heading (the field may hold something else while being edited).</summary>
    public string SavedTitle { get; private set; } = "";

    public DateTime? LastConfirmedAtUtc { get; private set; }

    public string? LastConfirmedBy { get; private set; }

    public List<SelectListItem> Clubs { get; private set; } = [];

    public List<SelectListItem> Venues { get; private set; } = [];

    public List<SelectListItem> Activities { get; private set; } = [];

    public Dictionary<int, string> TargetGroupNames { get; private set; } = [];

    public StaleEdit? Stale { get; private set; }

    public class InputModel
    {
        public int? ClubId { get; set; }

        public int? VenueId { get; set; }

        public int? ActivityId { get; set; }

        [Required(ErrorMessage = "Skriv holdets navn.")]
        [StringLength(Limits.Name, ErrorMessage = "Holdets navn må højst være {1} tegn.")]
        [Display(Name = "Holdets navn")]
        public string Title { get; set; } = "";

        [StringLength(Limits.Text, ErrorMessage = "Beskrivelsen må højst være {1} tegn.")]
        public string? Description { get; set; }

        [StringLength(Limits.Text, ErrorMessage = "Teksten om første gang må højst være {1} tegn.")]
        public string? FirstTime { get; set; }

        [EnumDataType(typeof(Intensity), ErrorMessage = "Vælg en intensitet.")]
        [Display(Name = "Intensitet")]
        public Intensity Intensity { get; set; }

        [Range(0, 120, ErrorMessage = "Alder fra skal være mellem 0 og 120.")]
        [Display(Name = "Alder fra")]
        public int? AgeFrom { get; set; }

        [Range(0, 120, ErrorMessage = "Alder til skal være mellem 0 og 120.")]
        [Display(Name = "Alder til")]
        public int? AgeTo { get; set; }

        [EnumDataType(typeof(GenderMix), ErrorMessage = "Vælg kønsfordeling.")]
        [Display(Name = "Kønsfordeling")]
        public GenderMix GenderMix { get; set; }

        [StringLength(500, ErrorMessage = "Teksten om deltagerne må højst være {1} tegn.")]
        public string? TypicalParticipants { get; set; }

        /// <summary>Text, read by Forms.TryParseAmount: see there why not a number field.</summary>
        [StringLength(20, ErrorMessage = "Skriv prisen i kroner, fx 300 eller 300,50.")]
        public string? Price { get; set; }

        public bool FeeSubsidyPossible { get; set; }

        [Range(0, 10000, ErrorMessage = "Antal pladser skal være et tal fra 0 til 10000.")]
        [Display(Name = "Pladser i alt")]
        public int? Capacity { get; set; }

        [Range(0, 10000, ErrorMessage = "Reserverede pladser skal være et tal fra 0 til 10000.")]
        [Display(Name = "Reserverede pladser")]
        public int? ReservedPlaces { get; set; }

        [Range(0, 10000, ErrorMessage = "Ledige pladser skal være et tal fra 0 til 10000.")]
        [Display(Name = "Ledige pladser")]
        public int? FreePlaces { get; set; }

        [StringLength(Limits.Name, ErrorMessage = "Kontaktpersonens navn må højst være {1} tegn.")]
        public string? ContactName { get; set; }

        [StringLength(Limits.Phone, ErrorMessage = "Telefonnummeret må højst være {1} tegn.")]
        [PhoneNumber]
        public string? ContactPhone { get; set; }

        [StringLength(Limits.Email, ErrorMessage = "E-mailadressen må højst være {1} tegn.")]
        [Email]
        public string? ContactEmail { get; set; }

        [StringLength(Limits.Url, ErrorMessage = "Webadressen må højst være {1} tegn.")]
        [HttpUrl]
        public string? VideoUrl { get; set; }

        [StringLength(Limits.Url, ErrorMessage = "Webadressen må højst være {1} tegn.")]
        [HttpUrl]
        public string? PhotoUrl { get; set; }

        [StringLength(300, ErrorMessage = "Billedteksten må højst være {1} tegn.")]
        public string? PhotoAlt { get; set; }

        public bool LowThreshold { get; set; }

        [EnumDataType(typeof(TeamStatus), ErrorMessage = "Vælg en status.")]
        [Display(Name = "Status")]
        public TeamStatus Status { get; set; }

        [StringLength(10, ErrorMessage = "Skriv datoen som dd-mm-åååå.")]
        public string? SeasonStart { get; set; }

        [StringLength(10, ErrorMessage = "Skriv datoen som dd-mm-åååå.")]
        public string? SeasonEnd { get; set; }

        public List<ScheduleRow> Schedules { get; set; } = [];

        public List<BreakRow> Breaks { get; set; } = [];

        public List<TargetGroupChoice> TargetGroups { get; set; } = [];

        /// <summary>The version the editor loaded: saving fails if someone saved in between.</summary>
        public int Version { get; set; }

        public static InputModel From(Team t) => new()
        {
            ClubId = t.ClubId,
            VenueId = t.VenueId,
            ActivityId = t.ActivityId,
            Title = t.Title,
            Description = t.Description,
            FirstTime = t.FirstTime,
            Intensity = t.Intensity,
            AgeFrom = t.AgeFrom,
            AgeTo = t.AgeTo,
            GenderMix = t.GenderMix,
            TypicalParticipants = t.TypicalParticipants,
            Price = Forms.Amount(t.PricePerSeason),
            FeeSubsidyPossible = t.FeeSubsidyPossible,
            Capacity = t.Capacity,
            ReservedPlaces = t.ReservedPlaces,
            FreePlaces = t.FreePlaces,
            ContactName = t.ContactName,
            ContactPhone = t.ContactPhone,
            ContactEmail = t.ContactEmail,
            VideoUrl = t.VideoUrl,
            PhotoUrl = t.PhotoUrl,
            PhotoAlt = t.PhotoAlt,
            LowThreshold = t.LowThreshold,
            Status = t.Status,
            SeasonStart = Forms.IsoDate(t.SeasonStart),
            SeasonEnd = Forms.IsoDate(t.SeasonEnd),
            Schedules = [.. t.Schedules.OrderBy(s => s.Weekday == DayOfWeek.Sunday ? 7 : (int)s.Weekday).ThenBy(s => s.Start)
                .Select(s => new ScheduleRow { Weekday = s.Weekday, Start = Forms.Time(s.Start), End = Forms.Time(s.End) })],
            Breaks = [.. t.Breaks.OrderBy(b => b.From).Select(b => new BreakRow { Name = b.Name, From = Forms.IsoDate(b.From), To = Forms.IsoDate(b.To) })],
            TargetGroups = [.. t.TargetGroups.Select(g => new TargetGroupChoice { Id = g.Id, Selected = true })],
            Version = t.Version,
        };
    }

    public class ScheduleRow
    {
        [EnumDataType(typeof(DayOfWeek), ErrorMessage = "Vælg en ugedag.")]
        [Display(Name = "Ugedag")]
        public DayOfWeek? Weekday { get; set; }

        [StringLength(12, ErrorMessage = "Skriv tidspunktet som tt:mm, fx 10:00.")]
        public string? Start { get; set; }

        [StringLength(12, ErrorMessage = "Skriv tidspunktet som tt:mm, fx 11:00.")]
        public string? End { get; set; }

        public bool Remove { get; set; }

        public bool IsBlank => Weekday is null && string.IsNullOrWhiteSpace(Start) && string.IsNullOrWhiteSpace(End);
    }

    public class BreakRow
    {
        [StringLength(100, ErrorMessage = "Pausens navn må højst være {1} tegn.")]
        public string? Name { get; set; }

        [StringLength(10, ErrorMessage = "Skriv datoen som dd-mm-åååå.")]
        public string? From { get; set; }

        [StringLength(10, ErrorMessage = "Skriv datoen som dd-mm-åååå.")]
        public string? To { get; set; }

        public bool Remove { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(From) && string.IsNullOrWhiteSpace(To);
    }

    public class TargetGroupChoice
    {
        public int Id { get; set; }

        public bool Selected { get; set; }
    }

    // Values read while validating, used when saving.
    private readonly List<TeamSchedule> schedules = [];
    private readonly List<TeamBreak> breaks = [];
    private DateOnly? seasonStart;
    private DateOnly? seasonEnd;
    private decimal? price;

    public async Task<IActionResult> OnGetAsync([FromRoute] int? id, int? forening, CancellationToken ct)
    {
        // A malformed ?forening= is ignored, not shown as a form error.
        ModelState.Clear();
        Team? team = null;
        if (id is null)
        {
            if (!IsCoordinator)
            {
                return Forbid();
            }

            Input = new InputModel { ClubId = forening, Status = TeamStatus.Active, LowThreshold = true, ReservedPlaces = 0 };
        }
        else
        {
            team = await LoadAsync(id.Value, tracked: false, ct);
            if (team is null)
            {
                return NotFound();
            }

            Input = InputModel.From(team);
        }

        AddBlankRows();
        await LoadFormAsync(team, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] int? id, CancellationToken ct)
    {
        Team? team = null;
        if (id is null)
        {
            if (!IsCoordinator)
            {
                return Forbid();
            }
        }
        else
        {
            team = await LoadAsync(id.Value, tracked: true, ct);
            if (team is null)
            {
                return NotFound();
            }

            if (!IsCoordinator)
            {
                // A club contact's team stays in their club, whatever the form says.
                Input.ClubId = team.ClubId;
            }
        }

        await LoadFormAsync(team, ct);
        Validate();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (team is not null && team.Version != Input.Version)
        {
            ShowStale(team);
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (team is null)
        {
            team = new Team { Title = "", LastConfirmedAtUtc = now, LastConfirmedBy = User.DisplayName() };
            db.Teams.Add(team);
        }
        else
        {
            // The UPDATE carries "WHERE Version = <what the editor loaded>" (see AppDbContext), and is
            // forced even when only schedules or target groups changed, so those edits are guarded too.
            db.Entry(team).Property(t => t.Version).OriginalValue = Input.Version;
            db.Entry(team).Property(t => t.UpdatedAtUtc).IsModified = true;
        }

        await ApplyAsync(team, now, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await LoadAsync(team.Id, tracked: false, ct);
            if (current is null)
            {
                return NotFound();
            }

            ShowStale(current);
            return Page();
        }

        TempData["Message"] = $"Holdet »{team.Title}« er gemt.";
        return Redirect(IsCoordinator ? "/administration/hold" : "/min-forening");
    }

    /// <summary>The "Oplysningerne er aktuelle" button on the edit page.</summary>
    public async Task<IActionResult> OnPostConfirmAsync([FromRoute] int? id, CancellationToken ct)
    {
        if (id is null)
        {
            return NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (await ConfirmAsync(ScopedTeams(), id.Value, now, User.DisplayName(), ct) == 0)
        {
            return NotFound();
        }

        TempData["Message"] = "Tak. Holdets oplysninger er markeret som aktuelle.";
        return Redirect($"/hold/{id}/rediger");
    }

    /// <summary>
    /// Stamps a team's listing as confirmed current. The scope check is in the WHERE, and confirming
    /// twice only writes the same kind of stamp again, so a double submit is harmless. The version is
    /// left alone: a confirmation changes nothing an editor could overwrite.
    /// </summary>
    public static Task<int> ConfirmAsync(IQueryable<Team> scopedTeams, int teamId, DateTime nowUtc, string confirmedBy, CancellationToken ct) =>
        scopedTeams.Where(t => t.Id == teamId).ExecuteUpdateAsync(
            s => s.SetProperty(t => t.LastConfirmedAtUtc, nowUtc).SetProperty(t => t.LastConfirmedBy, confirmedBy), ct);

    /// <summary>The teams this user may edit: all for a coordinator, their own club's for a club contact.</summary>
    private IQueryable<Team> ScopedTeams()
    {
        if (IsCoordinator)
        {
            return db.Teams;
        }

        var club = User.ClubId();
        return db.Teams.Where(t => t.ClubId == club);
    }

    private async Task<Team?> LoadAsync(int id, bool tracked, CancellationToken ct)
    {
        var query = ScopedTeams().Include(t => t.Schedules).Include(t => t.Breaks).Include(t => t.TargetGroups).AsSplitQuery();
        if (!tracked)
        {
            query = query.AsNoTracking();
        }

        return await query.SingleOrDefaultAsync(t => t.Id == id, ct);
    }

    private sealed record Option(int Id, string Name, bool Archived);

    /// <summary>The choices of the form: archived clubs, venues, activities and target groups are not offered, except those the team already has.</summary>
    private async Task LoadFormAsync(Team? team, CancellationToken ct)
    {
        TeamId = team?.Id;
        SavedTitle = team?.Title ?? "";
        LastConfirmedAtUtc = team?.LastConfirmedAtUtc;
        LastConfirmedBy = team?.LastConfirmedBy;
        int? clubId = team?.ClubId, venueId = team?.VenueId, activityId = team?.ActivityId;

        if (IsCoordinator)
        {
            var clubs = await db.Clubs.AsNoTracking().Where(c => !c.Archived || c.Id == clubId)
                .OrderBy(c => c.Name).Select(c => new Option(c.Id, c.Name, c.Archived)).ToListAsync(ct);
            Clubs = [.. clubs.Select(ToItem)];
        }
        else if (team is not null)
        {
            ClubName = await db.Clubs.Where(c => c.Id == team.ClubId).Select(c => c.Name).SingleAsync(ct);
        }

        var venues = await db.Venues.AsNoTracking().Where(v => !v.Archived || v.Id == venueId)
            .OrderBy(v => v.Name).Select(v => new Option(v.Id, v.Name + ", " + v.Town, v.Archived)).ToListAsync(ct);
        Venues = [.. venues.Select(ToItem)];

        var activities = await db.Activities.AsNoTracking().Where(a => !a.Archived || a.Id == activityId)
            .OrderBy(a => a.Name).Select(a => new Option(a.Id, a.Name, a.Archived)).ToListAsync(ct);
        Activities = [.. activities.Select(ToItem)];

        var had = team?.TargetGroups.Select(g => g.Id).ToList() ?? [];
        var groups = await db.TargetGroups.AsNoTracking().Where(g => !g.Archived || had.Contains(g.Id))
            .OrderBy(g => g.Name).Select(g => new Option(g.Id, g.Name, g.Archived)).ToListAsync(ct);
        TargetGroupNames = groups.ToDictionary(g => g.Id, g => g.Archived ? g.Name + " (arkiveret)" : g.Name);

        // One checkbox per offered group; ids that are not offered cannot be selected.
        var selected = Input.TargetGroups.Where(c => c.Selected).Select(c => c.Id).ToHashSet();
        Input.TargetGroups = [.. groups.Select(g => new TargetGroupChoice { Id = g.Id, Selected = selected.Contains(g.Id) })];
    }

    private static SelectListItem ToItem(Option o) =>
        new(o.Archived ? o.Name + " (arkiveret)" : o.Name, o.Id.ToString(CultureInfo.InvariantCulture));

    private static bool Offers(List<SelectListItem> items, int? id) =>
        id is { } i && items.Exists(o => o.Value == i.ToString(CultureInfo.InvariantCulture));

    private void AddBlankRows()
    {
        var blankSchedules = Input.Schedules.Count == 0 ? 3 : 2;
        for (var i = 0; i < blankSchedules && Input.Schedules.Count < MaxScheduleRows; i++)
        {
            Input.Schedules.Add(new ScheduleRow());
        }

        for (var i = 0; i < 2 && Input.Breaks.Count < MaxBreakRows; i++)
        {
            Input.Breaks.Add(new BreakRow());
        }
    }

    private void Error(string key, string message)
    {
        // One message per field: a value that could not even be read already has its error.
        var full = "Input." + key;
        if (ModelState.GetFieldValidationState(full) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            ModelState.AddModelError(full, message);
        }
    }

    private void Validate()
    {
        if (IsCoordinator && !Offers(Clubs, Input.ClubId))
        {
            Error(nameof(InputModel.ClubId), "Vælg en forening.");
        }

        if (!Offers(Venues, Input.VenueId))
        {
            Error(nameof(InputModel.VenueId), "Vælg et sted.");
        }

        if (!Offers(Activities, Input.ActivityId))
        {
            Error(nameof(InputModel.ActivityId), "Vælg en aktivitet.");
        }

        if (Input.AgeFrom is { } from && Input.AgeTo is { } to && from > to)
        {
            Error(nameof(InputModel.AgeTo), "Alder til skal være den samme som eller højere end alder fra.");
        }

        if (Input.Capacity is { } capacity)
        {
            if (Input.ReservedPlaces is { } reserved && reserved > capacity)
            {
                Error(nameof(InputModel.ReservedPlaces), "Der kan ikke være flere reserverede pladser end pladser i alt.");
            }

            if (Input.FreePlaces is { } free && free > capacity)
            {
                Error(nameof(InputModel.FreePlaces), "Der kan ikke være flere ledige pladser end pladser i alt.");
            }
        }

        if (!string.IsNullOrWhiteSpace(Input.Price))
        {
            if (Forms.TryParseAmount(Input.Price, out var amount))
            {
                price = amount;
            }
            else
            {
                Error(nameof(InputModel.Price), "Skriv prisen i kroner, fx 300 eller 300,50.");
            }
        }

        if (!string.IsNullOrWhiteSpace(Input.PhotoUrl) && string.IsNullOrWhiteSpace(Input.PhotoAlt))
        {
            Error(nameof(InputModel.PhotoAlt), "Skriv en billedtekst, der fortæller, hvad fotoet viser (for dem, der ikke kan se det).");
        }

        seasonStart = ReadDate(Input.SeasonStart, nameof(InputModel.SeasonStart));
        seasonEnd = ReadDate(Input.SeasonEnd, nameof(InputModel.SeasonEnd));
        if (seasonStart is { } start && seasonEnd is { } end && end <= start)
        {
            Error(nameof(InputModel.SeasonEnd), "Sæsonen skal slutte efter, at den begynder.");
        }

        ValidateSchedules();
        ValidateBreaks();
    }

    private DateOnly? ReadDate(string? text, string key)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Forms.TryParseDate(text, out var date))
        {
            return date;
        }

        Error(key, "Skriv datoen som dd-mm-åååå, fx 15-08-2026.");
        return null;
    }

    private void ValidateSchedules()
    {
        if (Input.Schedules.Count > MaxScheduleRows)
        {
            Error(nameof(InputModel.Schedules), $"Et hold kan højst have {MaxScheduleRows} ugentlige tidspunkter.");
            return;
        }

        var used = 0;
        for (var i = 0; i < Input.Schedules.Count; i++)
        {
            var row = Input.Schedules[i];
            if (row.Remove || row.IsBlank)
            {
                continue;
            }

            used++;
            var key = $"{nameof(InputModel.Schedules)}[{i}].";
            if (row.Weekday is null)
            {
                Error(key + nameof(ScheduleRow.Weekday), $"Vælg ugedag for tidspunkt {i + 1}.");
            }

            var hasStart = Forms.TryParseTime(row.Start, out var start);
            var hasEnd = Forms.TryParseTime(row.End, out var end);
            if (!hasStart)
            {
                Error(key + nameof(ScheduleRow.Start), $"Skriv starttidspunkt {i + 1} som tt:mm, fx 10:00.");
            }

            if (!hasEnd)
            {
                Error(key + nameof(ScheduleRow.End), $"Skriv sluttidspunkt {i + 1} som tt:mm, fx 11:00.");
            }
            else if (hasStart && end <= start)
            {
                Error(key + nameof(ScheduleRow.End), $"Tidspunkt {i + 1} skal slutte efter, at det begynder.");
            }

            if (row.Weekday is { } day && hasStart && hasEnd && end > start)
            {
                schedules.Add(new TeamSchedule { Weekday = day, Start = start, End = end });
            }
        }

        if (used == 0)
        {
            Error(nameof(InputModel.Schedules), "Angiv mindst ét ugentligt tidspunkt: ugedag, start og slut.");
        }
    }

    private void ValidateBreaks()
    {
        if (Input.Breaks.Count > MaxBreakRows)
        {
            Error(nameof(InputModel.Breaks), $"Et hold kan højst have {MaxBreakRows} pauser.");
            return;
        }

        for (var i = 0; i < Input.Breaks.Count; i++)
        {
            var row = Input.Breaks[i];
            if (row.Remove || row.IsBlank)
            {
                continue;
            }

            var key = $"{nameof(InputModel.Breaks)}[{i}].";
            if (string.IsNullOrWhiteSpace(row.Name))
            {
                Error(key + nameof(BreakRow.Name), $"Skriv et navn på pause {i + 1}, fx Juleferie.");
            }

            var hasFrom = Forms.TryParseDate(row.From, out var from);
            var hasTo = Forms.TryParseDate(row.To, out var to);
            if (!hasFrom)
            {
                Error(key + nameof(BreakRow.From), $"Skriv første dag i pause {i + 1} som dd-mm-åååå.");
            }

            if (!hasTo)
            {
                Error(key + nameof(BreakRow.To), $"Skriv sidste dag i pause {i + 1} som dd-mm-åååå.");
            }
            else if (hasFrom && to < from)
            {
                Error(key + nameof(BreakRow.To), $"Pause {i + 1} kan ikke slutte, før den begynder.");
            }

            if (!string.IsNullOrWhiteSpace(row.Name) && hasFrom && hasTo && to >= from)
            {
                breaks.Add(new TeamBreak { Name = row.Name.Trim(), From = from, To = to });
            }
        }
    }

    private async Task ApplyAsync(Team team, DateTime now, CancellationToken ct)
    {
        team.ClubId = Input.ClubId!.Value;
        team.VenueId = Input.VenueId!.Value;
        team.ActivityId = Input.ActivityId!.Value;
        team.Title = Input.Title.Trim();
        team.Description = Forms.Clean(Input.Description);
        team.FirstTime = Forms.Clean(Input.FirstTime);
        team.Intensity = Input.Intensity;
        team.AgeFrom = Input.AgeFrom;
        team.AgeTo = Input.AgeTo;
        team.GenderMix = Input.GenderMix;
        team.TypicalParticipants = Forms.Clean(Input.TypicalParticipants);
        team.PricePerSeason = price;
        team.FeeSubsidyPossible = Input.FeeSubsidyPossible;
        team.Capacity = Input.Capacity;
        team.ReservedPlaces = Input.ReservedPlaces ?? 0;
        team.FreePlaces = Input.FreePlaces;
        team.ContactName = Forms.Clean(Input.ContactName);
        team.ContactPhone = Forms.Clean(Input.ContactPhone);
        team.ContactEmail = Forms.Clean(Input.ContactEmail);
        team.VideoUrl = Forms.Clean(Input.VideoUrl);
        team.PhotoUrl = Forms.Clean(Input.PhotoUrl);
        team.PhotoAlt = team.PhotoUrl is null ? null : Forms.Clean(Input.PhotoAlt);
        team.LowThreshold = Input.LowThreshold;
        team.Status = Input.Status;
        team.SeasonStart = seasonStart;
        team.SeasonEnd = seasonEnd;
        team.UpdatedAtUtc = now;

        // Rows are replaced rather than matched up: nothing refers to a schedule or break row.
        team.Schedules.Clear();
        team.Schedules.AddRange(schedules);
        team.Breaks.Clear();
        team.Breaks.AddRange(breaks);

        var wanted = Input.TargetGroups.Where(c => c.Selected).Select(c => c.Id).ToList();
        var groups = await db.TargetGroups.Where(g => wanted.Contains(g.Id)).ToListAsync(ct);
        team.TargetGroups.RemoveAll(g => !wanted.Contains(g.Id));
        team.TargetGroups.AddRange([.. groups.Where(g => !team.TargetGroups.Contains(g))]);

        var clubName = await db.Clubs.Where(c => c.Id == team.ClubId).Select(c => c.Name).SingleAsync(ct);
        var venue = await db.Venues.AsNoTracking().SingleAsync(v => v.Id == team.VenueId, ct);
        var activity = await db.Activities.Where(a => a.Id == team.ActivityId).Select(a => a.Name).SingleAsync(ct);
        // Target groups in a fixed order, so the same team always gets the same text (see TeamSearchTexts).
        team.SearchText = SearchText.ForTeam(team, clubName, venue, activity, team.TargetGroups.Select(g => g.Name).Order(StringComparer.Ordinal));
    }

    /// <summary>Someone saved first: keep what this user typed, tell them, show what is saved now, and let a deliberate second save win.</summary>
    private void ShowStale(Team current)
    {
        var saved = InputModel.From(current);
        Stale = new StaleEdit(
            StaleMessage,
            StaleEdit.Compare(Describe(Input), Describe(saved)),
            $"/hold/{current.Id}/rediger");
        ModelState.Remove("Input.Version");
        Input.Version = current.Version;
    }

    /// <summary>The form's values as labelled text, to tell an editor which fields someone else changed.</summary>
    private List<(string Label, string Value)> Describe(InputModel x)
    {
        string Name(List<SelectListItem> items, int? id) =>
            items.Find(o => o.Value == id?.ToString(CultureInfo.InvariantCulture))?.Text ?? (id is null ? "" : "#" + id);
        static string T(string? s) => s?.Trim() ?? "";
        static string N(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";
        static string YesNo(bool b) => b ? "Ja" : "Nej";
        static string Date(string? s) => Forms.TryParseDate(s, out var d) ? d.ToString("d. MMM yyyy", Localization.Danish) : T(s);
        static string Clock(string? s) => Forms.TryParseTime(s, out var t) ? Forms.Time(t) : T(s);

        var schedule = string.Join("; ", x.Schedules.Where(r => !r.Remove && !r.IsBlank)
            .Select(r => $"{(r.Weekday is { } d ? WeekdayName(d) : "")} {Clock(r.Start)}–{Clock(r.End)}"));
        var pauses = string.Join("; ", x.Breaks.Where(r => !r.Remove && !r.IsBlank)
            .Select(r => $"{T(r.Name)} {Date(r.From)}–{Date(r.To)}"));
        var groups = string.Join(", ", x.TargetGroups.Where(g => g.Selected)
            .Select(g => TargetGroupNames.GetValueOrDefault(g.Id, "#" + g.Id)).Order(StringComparer.Ordinal));

        return
        [
            ("Forening", IsCoordinator ? Name(Clubs, x.ClubId) : ClubName),
            ("Sted", Name(Venues, x.VenueId)),
            ("Aktivitet", Name(Activities, x.ActivityId)),
            ("Holdets navn", T(x.Title)),
            ("Beskrivelse", T(x.Description)),
            ("Hvad sker der første gang", T(x.FirstTime)),
            ("Ugentlige tidspunkter", schedule),
            ("Sæsonstart", Date(x.SeasonStart)),
            ("Sæsonslut", Date(x.SeasonEnd)),
            ("Pauser", pauses),
            ("Intensitet", x.Intensity.Danish()),
            ("Målgrupper", groups),
            ("Alder fra", N(x.AgeFrom)),
            ("Alder til", N(x.AgeTo)),
            ("Kønsfordeling", x.GenderMix.Danish()),
            ("Hvem kommer på holdet", T(x.TypicalParticipants)),
            ("Pris pr. sæson", Forms.TryParseAmount(x.Price, out var p) ? Forms.Amount(p) + " kr." : T(x.Price)),
            ("Kontingentstøtte mulig", YesNo(x.FeeSubsidyPossible)),
            ("Pladser i alt", N(x.Capacity)),
            ("Reserverede pladser", N(x.ReservedPlaces ?? 0)),
            ("Ledige pladser", N(x.FreePlaces)),
            ("Kontaktperson", T(x.ContactName)),
            ("Telefon", T(x.ContactPhone)),
            ("E-mail", T(x.ContactEmail)),
            ("Video (webadresse)", T(x.VideoUrl)),
            ("Foto (webadresse)", T(x.PhotoUrl)),
            ("Billedtekst", T(x.PhotoAlt)),
            ("Lav tærskel", YesNo(x.LowThreshold)),
            ("Status", x.Status.Danish()),
        ];
    }

    public static string WeekdayName(DayOfWeek day) => Localization.Danish.DateTimeFormat.GetDayName(day) is var n && n.Length > 0
        ? char.ToUpper(n[0], Localization.Danish) + n[1..]
        : day.ToString();

    /// <summary>Monday first, as Danish calendars have it.</summary>
    public static readonly DayOfWeek[] Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];
}
