using System.ComponentModel.DataAnnotations;

using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Infrastructure;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Referrals;

/// <summary>
/// The referral form: how the first visit happens and when (the team's next session is filled in).
/// A hidden key makes a second submit of the same form return the first referral instead of a new one.
/// </summary>
[Authorize(Policy = Policies.WorksWithCitizens)]
public class ReferModel(AppDbContext db, TimeProvider time, IConfiguration config) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int CitizenId { get; private set; }
    public string CitizenName { get; private set; } = "";
    public bool SharesWithClub { get; private set; }

    /// <summary>The citizen's open referral to the team, when sending would have made a second one.</summary>
    public int? ExistingReferralId { get; private set; }
    public TeamInfo Team { get; private set; } = null!;

    public sealed record TeamInfo(int Id, string Title, string ClubName, string Venue, string Town, IReadOnlyList<(DayOfWeek Weekday, TimeOnly Start)> Schedule, DateTime? NextSession);

    public class InputModel
    {
        [Display(Name = "Besøgsform")]
        /// <summary>No default here: a form posted without it is refused (the page fills in "alone").</summary>
        public VisitMode? VisitMode { get; set; }

        [Display(Name = "Dato")]
        public DateOnly? VisitDate { get; set; }

        [Display(Name = "Klokken")]
        public TimeOnly? VisitTime { get; set; }

        [Display(Name = "Godt for foreningen at vide")]
        public string? NeedsForClub { get; set; }

        public Guid IdempotencyKey { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, int teamId, CancellationToken ct)
    {
        if (!await Load(id, teamId, ct))
        {
            return NotFound();
        }

        if (Team.NextSession is { } next)
        {
            Input.VisitDate = DateOnly.FromDateTime(next);
            Input.VisitTime = TimeOnly.FromDateTime(next);
        }

        Input.VisitMode = VisitMode.Alone;
        Input.IdempotencyKey = Guid.NewGuid();
        // Already referred to this team: say so before the form is filled in, not only after sending.
        ExistingReferralId = (await ReferralCommands.OpenByTeamAsync(db, id, ct)).TryGetValue(teamId, out var open) ? open : null;
        await AccessLog.WriteViewAsync(db, User, time.GetUtcNow(), id, "Henvisningsformular", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int teamId, CancellationToken ct)
    {
        if (!await Load(id, teamId, ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await ReferralCommands.CreateAsync(db, User,
            new NewReferral(id, teamId, Input.VisitMode, Input.VisitDate, Input.VisitTime, Input.NeedsForClub, Input.IdempotencyKey), time.GetUtcNow(),
            SafeUrls.PublicBase(Request, config), ct);
        if (outcome.Kind == OutcomeKind.Ok)
        {
            TempData["Message"] = "Henvisningen er sendt. Borgeren og foreningen får besked.";
            return Redirect($"/henvisninger/{outcome.Id}");
        }

        if (outcome is { Kind: OutcomeKind.Conflict, Id: > 0 })
        {
            // Already referred to this team: the page shows the open referral with a link to it.
            ExistingReferralId = outcome.Id;
            ModelState.AddModelError(string.Empty, ReferralCommands.AlreadyOpenMessage);
            return Page();
        }

        return outcome.ToPageResult(this) ?? Page();
    }

    private async Task<bool> Load(int id, int teamId, CancellationToken ct)
    {
        var c = await db.Citizens.AsNoTracking().VisibleTo(User).Where(x => x.Id == id)
            .Select(x => new { x.Id, Name = x.FirstName + " " + x.LastName, Shares = x.Consents.AsQueryable().Any(ConsentRules.ActiveFor(ConsentPurpose.ShareWithClub)) })
            .SingleOrDefaultAsync(ct);
        var t = await db.Teams.AsNoTracking().Where(x => x.Id == teamId && x.Status == TeamStatus.Active)
            .Select(x => new
            {
                x.Id,
                x.Title,
                ClubName = x.Club.Name,
                Venue = x.Venue.Name,
                x.Venue.Town,
                x.SeasonStart,
                x.SeasonEnd,
                Schedule = x.Schedules.OrderBy(s => s.Weekday).ThenBy(s => s.Start).Select(s => new { s.Weekday, s.Start }).ToList(),
                Breaks = x.Breaks.Select(b => new { b.From, b.To }).ToList(),
            })
            .AsSplitQuery()
            .SingleOrDefaultAsync(ct);
        if (c is null || t is null)
        {
            return false;
        }

        CitizenId = c.Id;
        CitizenName = c.Name;
        SharesWithClub = c.Shares;
        var next = NextSession.Find([.. t.Schedule.Select(s => (s.Weekday, s.Start))], t.SeasonStart, t.SeasonEnd, [.. t.Breaks.Select(b => (b.From, b.To))], time.GetUtcNow());
        Team = new TeamInfo(t.Id, t.Title, t.ClubName, t.Venue, t.Town, [.. t.Schedule.Select(s => (s.Weekday, s.Start))], next);
        return true;
    }
}
