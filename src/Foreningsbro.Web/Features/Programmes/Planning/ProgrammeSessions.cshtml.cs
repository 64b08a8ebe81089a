using System.ComponentModel.DataAnnotations;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>/forloeb/{id}/traeninger: every session of a programme, and adding an extra one.</summary>
[Authorize(Policy = Policies.WorksWithProgrammes)]
public class ProgrammeSessionsModel(AppDbContext db, TimeProvider time) : PageModel
{
    public sealed record Row(int Id, DateOnly Date, TimeOnly Start, TimeOnly End, bool Moved, bool Extra, bool Cancelled, string? CancelReason,
        string? Topic, string? VisitTeam, int Recorded);

    [BindProperty]
    public ExtraInput Extra { get; set; } = new();

    public int ProgrammeId { get; private set; }

    public string ProgrammeName { get; private set; } = "";

    public List<Row> Sessions { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public bool Manages => User.SeesProgression();

    public class ExtraInput : SessionTimeInput;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, generate: true, ct))
        {
            return NotFound();
        }

        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostExtraAsync(int id, CancellationToken ct)
    {
        if (!Manages)
        {
            return Forbid();
        }

        if (!await LoadAsync(id, generate: false, ct))
        {
            return NotFound();
        }

        var hasDate = Forms.TryParseDate(Extra.Date, out var date);
        var hasStart = Forms.TryParseTime(Extra.Start, out var start);
        var hasEnd = Forms.TryParseTime(Extra.End, out var end);
        if (!hasDate)
        {
            AddError(nameof(ExtraInput.Date), "Skriv datoen som dd-mm-åååå, fx 24-11-2026.");
        }
        else if (date < Today)
        {
            AddError(nameof(ExtraInput.Date), "Datoen ligger i fortiden. Vælg en dag fra i dag og frem.");
        }
        else if (date > Today.AddYears(1))
        {
            AddError(nameof(ExtraInput.Date), "Datoen skal ligge inden for et år.");
        }

        if (!hasStart)
        {
            AddError(nameof(ExtraInput.Start), "Skriv starttidspunktet som tt:mm, fx 10:00.");
        }

        if (!hasEnd)
        {
            AddError(nameof(ExtraInput.End), "Skriv sluttidspunktet som tt:mm, fx 11:30.");
        }
        else if (hasStart && end <= start)
        {
            AddError(nameof(ExtraInput.End), "Træningen skal slutte efter, at den begynder.");
        }

        // Also what stops a second click on the same form from adding the session twice.
        if (ModelState.IsValid && await db.ProgrammeSessions.AnyAsync(s => s.ProgrammeId == id && s.Date == date && s.Start == start && !s.Cancelled, ct))
        {
            AddError(nameof(ExtraInput.Start), $"Der er allerede en træning {date.ToString("d. MMMM", Localization.Danish)} kl. {Labels.DanishClock(start)}.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        db.ProgrammeSessions.Add(new ProgrammeSession { ProgrammeId = id, Date = date, Start = start, End = end, Topic = Forms.Clean(Extra.Topic) });
        await db.SaveChangesAsync(ct);
        TempData.SetMessage("Ekstra træning tilføjet {0} kl. {1}.", date, start);
        return Redirect($"/forloeb/{id}/traeninger");
    }

    private void AddError(string field, string message)
    {
        var key = "Extra." + field;
        if (ModelState.GetFieldValidationState(key) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            ModelState.AddModelError(key, message);
        }
    }

    private async Task<bool> LoadAsync(int id, bool generate, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        Today = DanishTime.Today(now);
        var name = await db.Programmes.AsNoTracking().VisibleTo(User).Where(p => p.Id == id).Select(p => p.Name).SingleOrDefaultAsync(ct);
        if (name is null)
        {
            return false;
        }

        ProgrammeId = id;
        ProgrammeName = name;
        if (generate)
        {
            await SessionPlan.EnsureGeneratedAsync(db, id, now, ct);
        }

        Sessions = await db.ProgrammeSessions.AsNoTracking().Where(s => s.ProgrammeId == id)
            .OrderBy(s => s.Date).ThenBy(s => s.Start).ThenBy(s => s.Id)
            .Select(s => new Row(s.Id, s.Date, s.Start, s.End,
                s.ScheduledDate != null && (s.Date != s.ScheduledDate || s.Start != s.ScheduledStart), s.ScheduledDate == null,
                s.Cancelled, s.CancelReason, s.Topic, s.VisitTeam != null ? s.VisitTeam.Title : null, s.Attendances.Count))
            .ToListAsync(ct);
        return true;
    }
}
