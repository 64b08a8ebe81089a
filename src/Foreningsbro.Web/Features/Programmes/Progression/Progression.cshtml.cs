using System.ComponentModel.DataAnnotations;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>
/// One participant's progression on a programme. Coordinators and the department's professionals see
/// everything incl. notes and next step; the programme's instructors a reduced view (first name,
/// attendance, check-in/out). Every view is written to the citizen's access log.
/// </summary>
[Authorize(Policy = Policies.WorksWithProgrammes)]
public class ProgressionModel(AppDbContext db, TimeProvider time) : PageModel
{
    /// <summary>LastName, TargetGroup and Consultant are null for instructors: not even loaded.</summary>
    public sealed record Header(
        int EnrolmentId, int ProgrammeId, string Programme, int CitizenId, string FirstName, string? LastName, CitizenTargetGroup? TargetGroup,
        string? Consultant, DateOnly StartDate, DateOnly? EndDate, EnrolmentEndReason? EndReason, string? EndNote,
        int? NextStepTeamId, string? NextStepTeam, string? NextStepClub);

    public sealed record NoteRow(DateTime AtUtc, string By, string Text);

    public sealed record NextStepReferral(int Id, ReferralStatus Status, DateTime StatusChangedAtUtc);

    public sealed class InputModel
    {
        [Display(Name = "Ny note")]
        [Required(ErrorMessage = "Skriv noten, før du gemmer.")]
        [StringLength(Limits.Text, ErrorMessage = "Noten må højst være på 4000 tegn.")]
        [PlainText(MultiLine = true)]
        public string? Text { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Header Participant { get; private set; } = null!;
    public bool Full { get; private set; }
    public bool CitizenVisible { get; private set; }
    public ParticipantProgress Progress { get; private set; } = null!;
    public List<NoteRow> Notes { get; private set; } = [];
    public NextStepReferral? NextStep { get; private set; }
    /// <summary>The citizen's questionnaire scores at start and latest, for coordinators and professionals only (never instructors).</summary>
    public List<Outcomes.InstrumentChange> OutcomeChanges { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int enrolmentId, CancellationToken ct) =>
        await LoadAsync(enrolmentId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostNoteAsync(int enrolmentId, CancellationToken ct)
    {
        var visible = await db.Enrolments.AsNoTracking().VisibleTo(User).AnyAsync(e => e.Id == enrolmentId, ct);
        if (!visible)
        {
            return NotFound();
        }

        // Instructors may see the participant, but notes are the consultant's (case notes).
        if (!User.SeesProgression())
        {
            return Forbid();
        }

        var text = Input.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            ModelState.AddModelError("Input.Text", "Skriv noten, før du gemmer.");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(enrolmentId, ct);
            return Page();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var by = User.DisplayName();
        // A double click sends the same note twice within seconds; keep one. (ProgressNote has no idempotency key.)
        var since = now.AddMinutes(-2);
        var duplicate = await db.ProgressNotes.AnyAsync(n => n.EnrolmentId == enrolmentId && n.By == by && n.Text == text && n.AtUtc >= since, ct);
        if (!duplicate)
        {
            db.ProgressNotes.Add(new ProgressNote { EnrolmentId = enrolmentId, AtUtc = now, By = by, Text = text! });
            await db.SaveChangesAsync(ct);
        }

        TempData["Message"] = "Noten er gemt.";
        return Redirect($"/forloeb/deltager/{enrolmentId}#noter");
    }

    private async Task<bool> LoadAsync(int enrolmentId, CancellationToken ct)
    {
        Full = User.SeesProgression();
        var full = Full;
        var header = await db.Enrolments.AsNoTracking().VisibleTo(User).Where(e => e.Id == enrolmentId)
            .Select(e => new Header(
                e.Id, e.ProgrammeId, e.Programme.Name, e.CitizenId, e.Citizen.FirstName,
                full ? e.Citizen.LastName : null,
                full ? (CitizenTargetGroup?)e.Citizen.TargetGroup : null,
                full && e.Consultant != null ? e.Consultant.DisplayName : null,
                e.StartDate, e.EndDate, e.EndReason, full ? e.EndNote : null,
                full ? e.NextStepTeamId : null,
                full && e.NextStepTeam != null ? e.NextStepTeam.Title : null,
                full && e.NextStepTeam != null ? e.NextStepTeam.Club.Name : null))
            .SingleOrDefaultAsync(ct);
        if (header is null)
        {
            return false;
        }

        Participant = header;
        var now = time.GetUtcNow();
        Progress = await Progression.LoadParticipantAsync(db, header.ProgrammeId, new EnrolmentPeriod(header.EnrolmentId, header.StartDate, header.EndDate), now, ct);
        if (Full)
        {
            Notes = await db.ProgressNotes.AsNoTracking().Where(n => n.EnrolmentId == enrolmentId)
                .OrderByDescending(n => n.AtUtc).ThenByDescending(n => n.Id)
                .Select(n => new NoteRow(n.AtUtc, n.By, n.Text)).ToListAsync(ct);
            CitizenVisible = await db.Citizens.AsNoTracking().VisibleTo(User).AnyAsync(c => c.Id == header.CitizenId, ct);
            if (header.NextStepTeamId is int teamId)
            {
                NextStep = await db.Referrals.AsNoTracking().VisibleTo(User)
                    .Where(r => r.CitizenId == header.CitizenId && r.TeamId == teamId)
                    .OrderByDescending(r => r.CreatedAtUtc).ThenByDescending(r => r.Id)
                    .Select(r => new NextStepReferral(r.Id, r.Status, r.StatusChangedAtUtc))
                    .FirstOrDefaultAsync(ct);
            }

            OutcomeChanges = Outcomes.OutcomeSummary.Changes(await Outcomes.OutcomeSummary.ResponsesAsync(db, header.CitizenId, ct));
        }

        // The full view shows the questionnaire scores too: this entry is the log of seeing them (ADR 0017).
        await AccessLog.WriteViewAsync(db, User, now, header.CitizenId, Full ? "Forløb: deltagerens progression" : "Forløb: deltager (instruktør)", ct);
        return true;
    }
}
