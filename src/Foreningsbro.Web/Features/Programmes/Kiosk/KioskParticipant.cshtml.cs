using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>
/// A participant answers on the kiosk. The form is always blank: anyone can tap any name, so it
/// never shows what was answered before (by them or anyone else), and after saving it goes back to
/// the name list.
/// </summary>
[Authorize(Policy = Policies.Kiosk)]
public class KioskParticipantModel(AppDbContext db, TimeProvider time) : KioskPageModel(db, time)
{
    public const string CheckIn = "checkin";
    public const string CheckOut = "checkout";

    public sealed class InputModel
    {
        public string Step { get; set; } = CheckIn;
        public int? Mood { get; set; }
        public string? Word { get; set; }
        public int? Rating { get; set; }
        public string? Reason { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string FirstName { get; private set; } = "";

    /// <summary>checkin, checkout, or null when both are answered.</summary>
    public string? Step { get; private set; }

    public async Task<IActionResult> OnGetAsync(int enrolmentId, CancellationToken ct)
    {
        if (await FindParticipantAsync(enrolmentId, ct) is not { } p)
        {
            return Redirect("/kiosk");
        }

        Step = p.Mood is null ? CheckIn : p.Rating is null ? CheckOut : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int enrolmentId, CancellationToken ct)
    {
        if (await FindParticipantAsync(enrolmentId, ct) is not { } p)
        {
            return Redirect("/kiosk");
        }

        Step = Input.Step == CheckOut ? CheckOut : CheckIn;
        if (Step == CheckIn && Input.Mood is null && ModelState.ErrorText("Input.Mood") is null)
        {
            ModelState.AddModelError("Input.Mood", "Vælg det ansigt, der passer på, hvordan du har det.");
        }

        if (Step == CheckOut && Input.Rating is null && ModelState.ErrorText("Input.Rating") is null)
        {
            ModelState.AddModelError("Input.Rating", "Vælg hvor god træningen var.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Being at the kiosk means being here; the answers themselves were not shown, so they are new.
        var presence = new Change<AttendanceStatus?>(AttendanceStatus.Present, p.Status);
        var change = Step == CheckIn
            ? new AttendanceChange(enrolmentId, presence, Mood: new(Input.Mood, null), Word: new(Input.Word ?? "", null))
            : new AttendanceChange(enrolmentId, presence, Rating: new(Input.Rating, null), Reason: new(Input.Reason ?? "", null));
        var outcome = await AttendanceCommands.RecordAsync(Db, Session!, [change], User.DisplayName(), Time.GetUtcNow(), ct);
        switch (outcome.Kind)
        {
            case OutcomeKind.Ok:
                TempData.SetMessage("Tak, {0}! Dit svar er gemt.", FirstName);
                return Redirect("/kiosk");
            case OutcomeKind.Conflict:
                // A participant cannot overwrite an answer: the instructor corrects it.
                TempData.SetMessage("{0}: der er allerede et svar. Spørg instruktøren, hvis det skal rettes.", FirstName);
                return Redirect("/kiosk");
            default:
                return outcome.ToPageResult(this, AttendanceCommands.InputField) ?? Page();
        }
    }

    private async Task<ParticipantRow?> FindParticipantAsync(int enrolmentId, CancellationToken ct)
    {
        if (await FindSessionAsync(ct) is not { } session)
        {
            return null;
        }

        var p = (await AttendanceCommands.ParticipantsAsync(Db, session, ct)).SingleOrDefault(x => x.EnrolmentId == enrolmentId);
        FirstName = p?.FirstName ?? "";
        return p;
    }
}
