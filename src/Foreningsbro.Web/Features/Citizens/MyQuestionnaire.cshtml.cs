using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Outcomes;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Citizens;

/// <summary>
/// The due questionnaires from the citizen's link, one question per screen with progress. The answers so far
/// travel in hidden fields from screen to screen (nothing is stored until the last one), so a citizen who stops
/// half-way leaves nothing half-saved. The last screen saves through the same command as the professional's form.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(CitizenLinks.RateLimit)]
public class MyQuestionnaireModel(AppDbContext db, TimeProvider time) : PageModel
{
    public sealed record Question(Instrument Instrument, int Item)
    {
        public string Field => OutcomeCommands.Field(Instrument.Code, Item);
    }

    public string Token { get; private set; } = "";
    /// <summary>Null: the link does not work, or there is nothing to answer (withdrawn consent, nothing due, all answered).</summary>
    public List<Question>? Questions { get; private set; }
    public int Step { get; private set; }
    public int Months { get; private set; }
    public bool Saved { get; private set; }
    public bool Invalid { get; private set; }
    public Dictionary<string, string> Carried { get; } = [];

    public Question Current => Questions![Step];

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        await LoadAsync(token, ct);
        return Page();
    }

    /// <param name="go">"next", "skip" or "back".</param>
    public async Task<IActionResult> OnPostAsync(string token, int step, string? go, CancellationToken ct)
    {
        if (await LoadAsync(token, ct) is not { } citizenId || Questions is null)
        {
            return Page();
        }

        foreach (var q in Questions)
        {
            var v = Request.Form[q.Field].ToString();
            if (v.Length > 0)
            {
                Carried[q.Field] = v;
            }
        }

        Step = Math.Clamp(step, 0, Questions.Count - 1);
        var current = Questions[Step];
        if (go == "back")
        {
            Step = Math.Max(0, Step - 1);
            return Page();
        }

        if (go == "skip")
        {
            Carried.Remove(current.Field);
        }
        else if (!Carried.TryGetValue(current.Field, out var text) || !int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) || !current.Instrument.IsValid(value))
        {
            Carried.Remove(current.Field);
            ModelState.AddModelError(current.Field, "Vælg et af svarene, eller tryk Spring over.");
            return Page();
        }

        if (Step < Questions.Count - 1)
        {
            Step++;
            return Page();
        }

        var (answers, problem) = AnswerForm.Read(Request.Form, Questions.Select(q => q.Instrument).Distinct());
        foreach (var q in Questions.Where(q => !Carried.ContainsKey(q.Field)))
        {
            // A skipped item is missing, also when the browser sent it.
            if (answers.TryGetValue(q.Instrument.Code, out var list))
            {
                answers[q.Instrument.Code] = [.. list.Select((v, i) => i == q.Item ? null : v)];
            }
        }

        var outcome = problem is { } p
            ? Outcome.Bad(p.Field, p.Message)
            : answers.Count == 0 ? Outcome.Done(0)
            : await OutcomeCommands.SaveAsync(db, db.Citizens.Where(c => c.Id == citizenId), Months, answers, Answerer.Citizen, time.GetUtcNow(), ct);
        if (outcome.Kind == OutcomeKind.Invalid && Questions.FindIndex(q => q.Field == outcome.Field) is >= 0 and var at)
        {
            Step = at;
            Carried.Remove(outcome.Field!);
            ModelState.AddModelError(outcome.Field!, outcome.Message!);
            return Page();
        }

        if (outcome.Kind != OutcomeKind.Ok)
        {
            Questions = null;
            return Page();
        }

        Saved = true;
        return Page();
    }

    private async Task<int?> LoadAsync(string token, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
        Token = token;
        var now = time.GetUtcNow();
        var citizenId = await CitizenLinks.CitizenAsync(db, token, now, ct);
        if (citizenId is not { } id)
        {
            Invalid = true;
            return null;
        }

        if (!await db.Consents.Where(c => c.CitizenId == id).AnyAsync(ConsentRules.ActiveFor(ConsentPurpose.Questionnaires), ct))
        {
            return id;
        }

        if (await OutcomeSchedule.DueForAsync(db, db.Citizens.Where(c => c.Id == id), DanishTime.Today(now), ct) is { } due)
        {
            Months = due.Point.Months;
            Questions = [.. Instruments.Current.Where(i => due.Point.Missing.Contains(i.Code)).SelectMany(i => Enumerable.Range(0, i.Items.Count).Select(n => new Question(i, n)))];
        }

        return id;
    }
}
