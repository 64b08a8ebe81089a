using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>
/// /borgere/{id}/forloeb/{programmeId}: "henvis til forløb". Everything is filled in (start at the
/// next session, the referring professional as consultant), so it is one click from the citizen page
/// and one to send. A hidden key makes a second submit return the first enrolment.
/// </summary>
[Authorize(Policy = Policies.ManagesProgrammes)]
public class EnrolModel(AppDbContext db, TimeProvider time) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int CitizenId { get; private set; }

    /// <summary>The programme is not the citizen's department's: it cannot be joined (ADR 0013), and the page says so.</summary>
    public bool OtherDepartment { get; private set; }

    public string CitizenName { get; private set; } = "";

    public ProgrammeInfo Programme { get; private set; } = null!;

    public List<SelectListItem> Consultants { get; private set; } = [];

    public List<SelectListItem> Teams { get; private set; } = [];

    public sealed record ProgrammeInfo(int Id, string Name, string Venue, List<(DayOfWeek, TimeOnly, TimeOnly)> Schedule, int Capacity, int Taken, DateOnly? NextSession, DateOnly? LastDay);

    public class InputModel
    {
        [StringLength(10, ErrorMessage = "Skriv datoen som dd-mm-åååå.")]
        public string? StartDate { get; set; }

        public string? ConsultantId { get; set; }

        public int? NextStepTeamId { get; set; }

        public Guid IdempotencyKey { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, int programmeId, CancellationToken ct)
    {
        if (!await LoadAsync(id, programmeId, ct))
        {
            return NotFound();
        }

        ModelState.Clear();
        if (OtherDepartment)
        {
            ModelState.AddModelError(string.Empty, EnrolmentCommands.OtherDepartment);
        }

        Input = new InputModel
        {
            StartDate = Forms.IsoDate(Programme.NextSession ?? DanishTime.Today(time)),
            ConsultantId = Consultants.Exists(c => c.Value == User.UserId()) ? User.UserId() : null,
            IdempotencyKey = Guid.NewGuid(),
        };
        await AccessLog.WriteViewAsync(db, User, time.GetUtcNow(), id, "Tilmelding til forløb", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int programmeId, CancellationToken ct)
    {
        if (!await LoadAsync(id, programmeId, ct))
        {
            return NotFound();
        }

        DateOnly? start = null;
        if (string.IsNullOrWhiteSpace(Input.StartDate))
        {
            ModelState.AddModelError("Input.StartDate", "Vælg en startdato.");
        }
        else if (Forms.TryParseDate(Input.StartDate, out var parsed))
        {
            start = parsed;
        }
        else if (ModelState.GetFieldValidationState("Input.StartDate") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            ModelState.AddModelError("Input.StartDate", "Skriv datoen som dd-mm-åååå, fx 24-11-2026.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await EnrolmentCommands.EnrolAsync(db, User,
            new NewEnrolment(id, programmeId, start, Forms.Clean(Input.ConsultantId), Input.NextStepTeamId, Input.IdempotencyKey), time.GetUtcNow(), ct);
        if (outcome.Kind == OutcomeKind.Ok)
        {
            TempData.SetMessage("{0} er tilmeldt »{1}«.", CitizenName, Programme.Name);
            return Redirect($"/borgere/{id}#forloeb");
        }

        return outcome.ToPageResult(this, f => f == "programmeId" ? null : OutcomeResults.InputField(f)) ?? Page();
    }

    private async Task<bool> LoadAsync(int id, int programmeId, CancellationToken ct)
    {
        var citizen = await db.Citizens.AsNoTracking().VisibleTo(User).Where(c => c.Id == id)
            .Select(c => new { c.Id, c.DepartmentId, Name = c.FirstName + " " + c.LastName }).SingleOrDefaultAsync(ct);
        var today = DanishTime.Today(time);
        var p = await db.Programmes.AsNoTracking().VisibleTo(User).Where(x => x.Id == programmeId && !x.Archived)
            .Select(x => new
            {
                x.Id,
                x.Name,
                Venue = x.Venue.Name + ", " + x.Venue.Town,
                x.DepartmentId,
                x.Department.MunicipalityId,
                x.Capacity,
                x.StartDate,
                x.Weeks,
                Schedule = x.Schedules.Select(s => new { s.Weekday, s.Start, s.End }).ToList(),
                Taken = x.Enrolments.Count(e => e.EndDate == null || e.EndDate >= today),
                Next = x.Sessions.Where(s => !s.Cancelled && s.Date >= today).OrderBy(s => s.Date).Select(s => (DateOnly?)s.Date).FirstOrDefault(),
            })
            .AsSplitQuery()
            .SingleOrDefaultAsync(ct);
        if (citizen is null || p is null)
        {
            return false;
        }

        CitizenId = citizen.Id;
        CitizenName = citizen.Name;
        OtherDepartment = p.DepartmentId != citizen.DepartmentId;
        Programme = new ProgrammeInfo(p.Id, p.Name, p.Venue, [.. p.Schedule.Select(s => (s.Weekday, s.Start, s.End))], p.Capacity, p.Taken, p.Next,
            p.Weeks is int w ? p.StartDate.AddDays(7 * w - 1) : null);
        Consultants = [.. (await ProgrammeCommands.Consultants(db, p.DepartmentId).AsNoTracking().OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct)).Select(u => new SelectListItem(u.DisplayName, u.Id))];
        var teams = await db.Teams.AsNoTracking().Where(t => t.Status == TeamStatus.Active && t.Club.MunicipalityId == p.MunicipalityId)
            .OrderBy(t => t.Title).ThenBy(t => t.Id).Select(t => new { t.Id, t.Title, Club = t.Club.Name }).ToListAsync(ct);
        Teams = [.. teams.Select(t => new SelectListItem($"{t.Title} ({t.Club})", t.Id.ToString(CultureInfo.InvariantCulture)))];
        return true;
    }
}
