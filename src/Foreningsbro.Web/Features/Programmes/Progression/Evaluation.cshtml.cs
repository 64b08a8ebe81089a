using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>
/// The group evaluation Furesø used to do by hand: attendance and average rating per session and per
/// week, and the participants' reasons without names. For the department's professionals, the
/// coordinator and the programme's instructors.
/// </summary>
[Authorize(Policy = Policies.WorksWithProgrammes)]
public class EvaluationModel(AppDbContext db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public int ProgrammeId { get; private set; }
    public string Name { get; private set; } = "";
    public ProgrammeEvaluation? Result { get; private set; }
    /// <summary>
    /// The programme's participants' average change per questionnaire, with n: for coordinators and professionals
    /// only (an instructor never sees answers, not even averaged: with n = 1 an average is one person's answer).
    /// </summary>
    public List<(Outcomes.Instrument Instrument, double? AverageChange, int N)>? GroupChange { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var programme = await db.Programmes.AsNoTracking().VisibleTo(User).Where(p => p.Id == id)
            .Select(p => new { p.Id, p.Name, p.StartDate }).SingleOrDefaultAsync(ct);
        if (programme is null)
        {
            return NotFound();
        }

        ProgrammeId = programme.Id;
        Name = programme.Name;
        var now = time.GetUtcNow();
        var (from, to) = Progression.DefaultPeriod(programme.StartDate, DanishTime.Today(now));
        From ??= from;
        To ??= to;
        if (!ModelState.IsValid)
        {
            // A date the browser could not send as a date (typed by hand in an old browser): say which.
            return Page();
        }

        if (!ApiInput.InRange(From.Value) || !ApiInput.InRange(To.Value))
        {
            ModelState.AddModelError(ApiInput.InRange(From.Value) ? nameof(To) : nameof(From), ApiInput.DateRangeMessage);
            return Page();
        }

        if (To < From)
        {
            ModelState.AddModelError(nameof(To), "Slutdatoen skal ligge efter startdatoen.");
            return Page();
        }

        Result = await Progression.LoadEvaluationAsync(db, id, From.Value, To.Value, now, ct);
        if (User.SeesProgression())
        {
            var periodFrom = From.Value;
            var periodTo = To.Value;
            var participants = await db.Enrolments.AsNoTracking().VisibleTo(User)
                .Where(e => e.ProgrammeId == id && e.StartDate <= periodTo && (e.EndDate == null || e.EndDate >= periodFrom))
                .Select(e => e.CitizenId).Distinct().ToListAsync(ct);
            // Averages without names; the evaluation's list entry below is the access log of this view too.
            GroupChange = await Outcomes.OutcomeSummary.GroupChangeAsync(db, participants, ct);
        }

        await AccessLog.WriteListAsync(db, User, now, "Forløb: evaluering", $"{Name} {From:yyyy-MM-dd}–{To:yyyy-MM-dd}", Result.Participants, ct);
        return Page();
    }
}
