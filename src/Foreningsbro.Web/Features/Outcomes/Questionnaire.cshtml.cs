using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Outcomes;

/// <summary>
/// A professional fills in the questionnaires with the citizen during a conversation: every instrument on one
/// form; an instrument left blank is not saved. A second submit keeps the first answers.
/// </summary>
[Authorize(Policy = Policies.WorksWithCitizens)]
public class QuestionnaireModel(AppDbContext db, TimeProvider time) : PageModel
{
    public int CitizenId { get; private set; }
    public string CitizenName { get; private set; } = "";
    public IReadOnlyList<int> Points { get; private set; } = [];
    public int? Months { get; private set; }
    public HashSet<(string, int)> Answered { get; private set; } = [];
    /// <summary>What was posted, to show again after a refusal.</summary>
    public IFormCollection? Posted { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int? maaling, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (Points.Count == 0)
        {
            return Page();
        }

        var due = await OutcomeSchedule.DueForAsync(db, db.Citizens.VisibleTo(User).Where(c => c.Id == id), DanishTime.Today(time.GetUtcNow()), ct);
        Months = maaling is { } m && Points.Contains(m) ? m : due?.Point.Months ?? Points[0];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int? months, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Posted = Request.Form;
        Months = months;
        var (answers, problem) = AnswerForm.Read(Request.Form, Instruments.Current);
        var outcome = problem is { } p
            ? Outcome.Bad(p.Field, p.Message)
            : await OutcomeCommands.SaveAsync(db, db.Citizens.VisibleTo(User).Where(c => c.Id == id), months, answers, Answerer.Of(User), time.GetUtcNow(), ct);
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }

        if (outcome.Kind != OutcomeKind.Ok)
        {
            ModelState.AddModelError(outcome.Field is "months" ? "months" : outcome.Field ?? "", outcome.Message!);
            return Page();
        }

        TempData.SetMessage(outcome.Id == 0
            ? "Spørgeskemaerne var allerede besvaret ved dette måletidspunkt. De første svar står uændret."
            : "Svarene er gemt.");
        return Redirect($"/borgere/{id}/maalinger");
    }

    /// <summary>The value to show for a field: what was posted after a refusal, else nothing.</summary>
    public string? Value(string field) => Posted?[field].ToString();

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var citizen = await db.Citizens.AsNoTracking().VisibleTo(User).Where(c => c.Id == id).Select(c => new { c.Id, c.FirstName, c.LastName }).SingleOrDefaultAsync(ct);
        if (citizen is null)
        {
            return false;
        }

        CitizenId = citizen.Id;
        CitizenName = $"{citizen.FirstName} {citizen.LastName}";
        var starts = await OutcomeSchedule.StartsAsync(db, db.Citizens.VisibleTo(User).Where(c => c.Id == id), ct);
        Points = starts.TryGetValue(id, out var s) ? s.Points : [];
        Answered = (await OutcomeSchedule.AnsweredAsync(db, [id], ct)).GetValueOrDefault(id) ?? [];
        return true;
    }
}
