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

/// <summary>/forloeb/deltager/{enrolmentId}/rediger: a participant's next-step team and consultant, and ending the enrolment with a reason.</summary>
[Authorize(Policy = Policies.ManagesProgrammes)]
public class EnrolmentEditModel(AppDbContext db, TimeProvider time) : PageModel
{
    public const string StaleMessage = "Deltagelsen er blevet ændret af en anden i mellemtiden. Se den aktuelle udgave herunder og prøv igen.";

    [BindProperty]
    public StepInput Step { get; set; } = new();

    [BindProperty]
    public EndInput End { get; set; } = new();

    public Facts Enrolment { get; private set; } = null!;

    public List<SelectListItem> Consultants { get; private set; } = [];

    public List<SelectListItem> Teams { get; private set; } = [];

    public string? StaleText { get; private set; }

    public sealed record Facts(int Id, int CitizenId, string CitizenName, int ProgrammeId, string ProgrammeName, int DepartmentId, int MunicipalityId,
        DateOnly ProgrammeStart, int? Weeks, DateOnly StartDate, DateOnly? EndDate, EnrolmentEndReason? EndReason, string? EndNote,
        int? NextStepTeamId, string? ConsultantId, int Version)
    {
        public DateOnly? LastDay => Weeks is int w ? ProgrammeStart.AddDays(7 * w - 1) : null;
    }

    public class StepInput
    {
        public int? NextStepTeamId { get; set; }

        public string? ConsultantId { get; set; }

        public int? Version { get; set; }
    }

    public class EndInput
    {
        [StringLength(10, ErrorMessage = "Skriv datoen som dd-mm-åååå.")]
        public string? Date { get; set; }

        public EnrolmentEndReason? Reason { get; set; }

        [StringLength(ProgrammeModel.ReasonLength, ErrorMessage = "Noten må højst være {1} tegn.")]
        [PlainText(MultiLine = true)]
        public string? Note { get; set; }

        public int? Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int enrolmentId, CancellationToken ct)
    {
        if (!await LoadAsync(enrolmentId, ct))
        {
            return NotFound();
        }

        ModelState.Clear();
        Fill();
        await AccessLog.WriteViewAsync(db, User, time.GetUtcNow(), Enrolment.CitizenId, "Forløbsdeltagelse", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostStepAsync(int enrolmentId, CancellationToken ct)
    {
        var enrolment = await db.Enrolments.VisibleTo(User).SingleOrDefaultAsync(e => e.Id == enrolmentId, ct);
        if (enrolment is null || !await LoadAsync(enrolmentId, ct))
        {
            return NotFound();
        }

        var team = Forms.Clean(Step.NextStepTeamId?.ToString(CultureInfo.InvariantCulture));
        if (team is not null && !Teams.Exists(t => t.Value == team))
        {
            ModelState.AddModelError("Step.NextStepTeamId", "Vælg et aktivt hold.");
        }

        var consultant = Forms.Clean(Step.ConsultantId);
        if (consultant is not null && !Consultants.Exists(c => c.Value == consultant))
        {
            ModelState.AddModelError("Step.ConsultantId", "Vælg en kontaktperson fra forløbets afdeling.");
        }

        ModelState.TryGetVersion("Step.Version", Step.Version, out var version);
        if (!ModelState.IsValid)
        {
            return Refused(nameof(Step));
        }

        enrolment.NextStepTeamId = Step.NextStepTeamId;
        enrolment.ConsultantId = consultant;
        if (!await SaveAsync(enrolment, version, ct))
        {
            return Page();
        }

        TempData["Message"] = "Næste skridt og kontaktperson er gemt.";
        return Redirect($"/forloeb/{enrolment.ProgrammeId}");
    }

    public async Task<IActionResult> OnPostEndAsync(int enrolmentId, CancellationToken ct)
    {
        var enrolment = await db.Enrolments.VisibleTo(User).SingleOrDefaultAsync(e => e.Id == enrolmentId, ct);
        if (enrolment is null || !await LoadAsync(enrolmentId, ct))
        {
            return NotFound();
        }

        var today = DanishTime.Today(time);
        var hasDate = Forms.TryParseDate(End.Date, out var date);
        var note = Forms.Clean(End.Note);

        // The same form sent twice: it is already done.
        if (enrolment.EndDate is { } ended && hasDate && ended == date && enrolment.EndReason == End.Reason)
        {
            TempData["Message"] = "Deltagelsen er afsluttet.";
            return Redirect($"/forloeb/{enrolment.ProgrammeId}");
        }

        if (!hasDate)
        {
            Error("End.Date", "Skriv sidste dag på forløbet som dd-mm-åååå, fx 24-11-2026.");
        }
        else if (date < enrolment.StartDate)
        {
            Error("End.Date", $"Sidste dag kan ikke ligge før startdatoen ({enrolment.StartDate.ToString("d. MMM yyyy", Localization.Danish)}).");
        }
        else if (date > today.AddDays(60))
        {
            Error("End.Date", "Sidste dag kan højst ligge 60 dage frem.");
        }
        else if (Enrolment.LastDay is { } last && date > last)
        {
            Error("End.Date", $"Forløbet slutter {last.ToString("d. MMM yyyy", Localization.Danish)}; deltagelsen slutter senest der.");
        }

        if (End.Reason is not { } reason || !Enum.IsDefined(reason))
        {
            Error("End.Reason", "Vælg hvorfor deltagelsen slutter.");
        }
        else if (reason == EnrolmentEndReason.Other && note is null)
        {
            Error("End.Note", "Skriv kort hvorfor deltagelsen slutter.");
        }

        ModelState.TryGetVersion("End.Version", End.Version, out var version);
        if (!ModelState.IsValid)
        {
            return Refused(nameof(End));
        }

        enrolment.EndDate = date;
        enrolment.EndReason = End.Reason;
        enrolment.EndNote = note;
        if (!await SaveAsync(enrolment, version, ct))
        {
            return Page();
        }

        TempData.SetMessage("{0}s deltagelse i »{1}« er afsluttet.", Enrolment.CitizenName, Enrolment.ProgrammeName);
        return Redirect($"/forloeb/{enrolment.ProgrammeId}");
    }

    private void Error(string key, string message)
    {
        if (ModelState.GetFieldValidationState(key) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            ModelState.AddModelError(key, message);
        }
    }

    private async Task<bool> SaveAsync(Enrolment enrolment, int version, CancellationToken ct)
    {
        db.Entry(enrolment).Property(e => e.Version).OriginalValue = version;
        db.Entry(enrolment).Property(e => e.Version).IsModified = true;
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(enrolment.Id, ct);
            StaleText = StaleMessage;
            ModelState.Clear();
            Fill();
            return false;
        }
    }

    /// <summary>The page again after a refused form: that form keeps what was sent, the other shows what is saved with its version.</summary>
    private PageResult Refused(string form)
    {
        var (step, end) = (Step, End);
        Fill();
        (Step, End) = form == nameof(Step) ? (step, End) : (Step, end);
        return Page();
    }

    private void Fill()
    {
        var e = Enrolment;
        Step = new StepInput { NextStepTeamId = e.NextStepTeamId, ConsultantId = e.ConsultantId, Version = e.Version };
        var today = DanishTime.Today(time);
        End = new EndInput { Date = Forms.IsoDate(e.EndDate ?? (e.LastDay is { } l && l < today ? l : today)), Reason = e.EndReason, Note = e.EndNote, Version = e.Version };
    }

    private async Task<bool> LoadAsync(int enrolmentId, CancellationToken ct)
    {
        var e = await db.Enrolments.AsNoTracking().VisibleTo(User).Where(x => x.Id == enrolmentId)
            .Select(x => new Facts(x.Id, x.CitizenId, x.Citizen.FirstName + " " + x.Citizen.LastName, x.ProgrammeId, x.Programme.Name, x.Programme.DepartmentId,
                x.Programme.Department.MunicipalityId, x.Programme.StartDate, x.Programme.Weeks, x.StartDate, x.EndDate, x.EndReason, x.EndNote,
                x.NextStepTeamId, x.ConsultantId, x.Version))
            .SingleOrDefaultAsync(ct);
        if (e is null)
        {
            return false;
        }

        Enrolment = e;
        Consultants = [.. (await ProgrammeCommands.Consultants(db, e.DepartmentId).AsNoTracking().OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct)).Select(u => new SelectListItem(u.DisplayName, u.Id))];
        var teams = await db.Teams.AsNoTracking().Where(t => (t.Status == TeamStatus.Active && t.Club.MunicipalityId == e.MunicipalityId) || t.Id == e.NextStepTeamId)
            .OrderBy(t => t.Title).ThenBy(t => t.Id).Select(t => new { t.Id, t.Title, Club = t.Club.Name }).ToListAsync(ct);
        Teams = [.. teams.Select(t => new SelectListItem($"{t.Title} ({t.Club})", t.Id.ToString(CultureInfo.InvariantCulture)))];
        return true;
    }
}
