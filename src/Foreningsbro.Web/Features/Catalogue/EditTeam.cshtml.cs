using System.Globalization;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Admin;
using Foreningsbro.Web.Features.Catalogue.Search;
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
/// Both pages share this model and the _TeamForm partial; the form's fields and checks are in EditTeamInput.cs.
/// </summary>
[Authorize(Policy = Policies.EditsTeams)]
public partial class EditTeamModel(AppDbContext db, TimeProvider clock) : PageModel
{
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

            Input = new InputModel { ClubId = forening, Intensity = Intensity.Light, GenderMix = GenderMix.Mixed, Status = TeamStatus.Active, LowThreshold = true, ReservedPlaces = 0 };
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
        var version = 0;
        if (team is not null)
        {
            ModelState.TryGetVersion("Input.Version", Input.Version, out version);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (team is not null && team.Version != version)
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
            db.Entry(team).Property(t => t.Version).OriginalValue = version;
            db.Entry(team).Property(t => t.UpdatedAtUtc).IsModified = true;
        }

        await ApplyAsync(team, now, ct);
        if (!await StaleEdit.TrySaveAsync(db, ct))
        {
            var current = await LoadAsync(team.Id, tracked: false, ct);
            if (current is null)
            {
                return NotFound();
            }

            ShowStale(current);
            return Page();
        }

        TempData.SetMessage("Holdet »{0}« er gemt.", team.Title);
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
        if (await ListingConfirmation.ConfirmAsync(ScopedTeams(), id.Value, now, User.DisplayName(), ct) == 0)
        {
            return NotFound();
        }

        TempData["Message"] = "Tak. Holdets oplysninger er markeret som aktuelle.";
        return Redirect($"/hold/{id}/rediger");
    }

    /// <summary>The teams this user may edit: their municipality's for a coordinator, their own club's for a club contact (ADR 0013).</summary>
    private IQueryable<Team> ScopedTeams()
    {
        return db.Teams.EditableBy(User);
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
            var clubs = await db.Clubs.AsNoTracking().EditableBy(User).Where(c => !c.Archived || c.Id == clubId)
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

    private void AddBlankRows()
    {
        WeeklyScheduleInput.AddBlankRows(Input.Schedules, Input.Schedules.Count == 0 ? 3 : 2);
        for (var i = 0; i < 2 && Input.Breaks.Count < MaxBreakRows; i++)
        {
            Input.Breaks.Add(new BreakRow());
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
        team.Intensity = Input.Intensity!.Value;
        team.AgeFrom = Input.AgeFrom;
        team.AgeTo = Input.AgeTo;
        team.GenderMix = Input.GenderMix!.Value;
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
        team.Status = Input.Status!.Value;
        team.SeasonStart = seasonStart;
        team.SeasonEnd = seasonEnd;
        team.UpdatedAtUtc = now;

        // Rows are replaced rather than matched up: nothing refers to a schedule or break row.
        team.Schedules.Clear();
        team.Schedules.AddRange(schedules.Select(s => new TeamSchedule { Weekday = s.Weekday, Start = s.Start, End = s.End }));
        team.Breaks.Clear();
        team.Breaks.AddRange(breaks);

        var wanted = Input.TargetGroups.Where(c => c.Selected).Select(c => c.Id).ToList();
        var groups = await db.TargetGroups.Where(g => wanted.Contains(g.Id)).ToListAsync(ct);
        team.TargetGroups.RemoveAll(g => !wanted.Contains(g.Id));
        team.TargetGroups.AddRange([.. groups.Where(g => !team.TargetGroups.Contains(g))]);

        var clubName = await db.Clubs.Where(c => c.Id == team.ClubId).Select(c => c.Name).SingleAsync(ct);
        var venue = await db.Venues.AsNoTracking().SingleAsync(v => v.Id == team.VenueId, ct);
        var activity = await db.Activities.Where(a => a.Id == team.ActivityId).Select(a => a.Name).SingleAsync(ct);
        team.SearchText = SearchText.ForTeam(team, clubName, venue, activity, team.TargetGroups.Select(g => g.Name));
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
}
