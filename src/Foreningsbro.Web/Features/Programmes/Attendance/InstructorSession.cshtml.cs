using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>
/// One training on the instructor's phone: "Alle er mødt" in one tap, then the exceptions; check-in
/// and check-out per participant; "Vil gerne være med" after a group visit; and the kiosk for the
/// shared tablet. Every button is a plain form, so it all works without JavaScript.
/// </summary>
[Authorize(Policy = Policies.RecordsAttendance)]
public class InstructorSessionModel(AppDbContext db, TimeProvider time, SignInManager<AppUser> signIn) : PageModel
{
    public sealed record SessionView(
        int Id, int ProgrammeId, string Programme, DateOnly Date, TimeOnly Start, TimeOnly End, bool Cancelled, string? CancelReason,
        string? Topic, string? TopicNote, string Venue, int? VisitTeamId, string? VisitTeam, string? VisitClub);

    public sealed class InputModel
    {
        public int EnrolmentId { get; set; }
        public AttendanceStatus? Status { get; set; }
        public AttendanceStatus? ShownStatus { get; set; }
        public int? Mood { get; set; }
        public string? Word { get; set; }
        public int? ShownMood { get; set; }
        public string? ShownWord { get; set; }
        public int? Rating { get; set; }
        public string? Reason { get; set; }
        public int? ShownRating { get; set; }
        public string? ShownReason { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public SessionView Session { get; private set; } = null!;
    public List<ParticipantRow> Participants { get; private set; } = [];
    public bool IsToday { get; private set; }
    public bool HasStarted { get; private set; }
    public bool HasKioskPin { get; private set; }

    /// <summary>The participant whose form failed (its card opens with what was typed and the message), and the error.</summary>
    public int? FailedFor { get; private set; }
    public string? FailedField { get; private set; }
    public string? FailedMessage { get; private set; }

    public string? KioskMessage { get; private set; }

    /// <summary>The participant whose check-in/check-out panel stays open after a save (?aaben=), so check-out follows check-in without reopening it.</summary>
    public int? OpenFor { get; private set; }

    public async Task<IActionResult> OnGetAsync(int sessionId, [FromQuery(Name = "aaben")] int? open, CancellationToken ct)
    {
        OpenFor = open;
        return await LoadAsync(sessionId, ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostAllPresentAsync(int sessionId, CancellationToken ct) =>
        RecordAsync(sessionId, (session, by, now) => AttendanceCommands.AllPresentAsync(db, session, by, now, ct), null, ct);

    public Task<IActionResult> OnPostStatusAsync(int sessionId, CancellationToken ct)
    {
        // Answered only after RecordAsync has found the session in the user's scope: another programme's
        // instructor gets 404 like every other handler, not 400 for the form.
        if (ModelState.ErrorText("Input.Status") is null && Input.Status is null)
        {
            ModelState.AddModelError("Input.Status", "Vælg mødt, afbud eller udeblevet.");
        }

        var change = new AttendanceChange(Input.EnrolmentId, Status: new(Input.Status, Input.ShownStatus));
        return RecordAsync(sessionId, (session, by, now) => AttendanceCommands.RecordAsync(db, session, [change], by, now, ct), "status", ct);
    }

    public Task<IActionResult> OnPostCheckInAsync(int sessionId, CancellationToken ct)
    {
        if (ModelState.ErrorText("Input.Mood") is null && Input.Mood is null)
        {
            ModelState.AddModelError("Input.Mood", "Vælg hvordan deltageren har det i dag.");
        }

        var change = new AttendanceChange(Input.EnrolmentId, Mood: new(Input.Mood, Input.ShownMood), Word: new(Input.Word ?? "", Input.ShownWord));
        return RecordAsync(sessionId, (session, by, now) => AttendanceCommands.RecordAsync(db, session, [change], by, now, ct), "checkin", ct);
    }

    public Task<IActionResult> OnPostCheckOutAsync(int sessionId, CancellationToken ct)
    {
        if (ModelState.ErrorText("Input.Rating") is null && Input.Rating is null)
        {
            ModelState.AddModelError("Input.Rating", "Vælg deltagerens vurdering af træningen.");
        }

        var change = new AttendanceChange(Input.EnrolmentId, Rating: new(Input.Rating, Input.ShownRating), Reason: new(Input.Reason ?? "", Input.ShownReason));
        return RecordAsync(sessionId, (session, by, now) => AttendanceCommands.RecordAsync(db, session, [change], by, now, ct), "checkout", ct);
    }

    public Task<IActionResult> OnPostJoinAsync(int sessionId, CancellationToken ct) =>
        RecordAsync(sessionId, (session, by, now) => AttendanceCommands.WantsToJoinAsync(db, session, Input.EnrolmentId, by, now, ct), "join", ct);

    /// <summary>Hands this browser over to the participants: the instructor is signed out, a kiosk principal for this one session signed in.</summary>
    public async Task<IActionResult> OnPostKioskAsync(int sessionId, CancellationToken ct)
    {
        if (!await LoadAsync(sessionId, ct))
        {
            return NotFound();
        }

        var userId = User.UserId();
        var instructs = userId is not null && await db.ProgrammeInstructors.AnyAsync(i => i.ProgrammeId == Session.ProgrammeId && i.UserId == userId, ct);
        KioskMessage = !instructs ? "Kun forløbets instruktører kan starte kiosken."
            : !IsToday || Session.Cancelled ? "Kiosken kan kun startes for dagens træning."
            : !HasKioskPin ? "Vælg først en kiosk-PIN. Den skal bruges for at forlade kiosken igen."
            : null;
        if (KioskMessage is not null)
        {
            return Page();
        }

        var (principal, properties) = KioskAuth.Create(Session.Id, userId!, User.DisplayName(), Session.Date);
        await AccessLog.WriteListAsync(db, User, time.GetUtcNow(), $"Kiosk startet: {Session.Programme} {Session.Date:yyyy-MM-dd}", null, Participants.Count, ct);
        await signIn.SignOutAsync();
        await HttpContext.SignInAsync(KioskAuth.Scheme, principal, properties);
        return Redirect("/kiosk");
    }

    private async Task<IActionResult> RecordAsync(int sessionId, Func<SessionFacts, string, DateTimeOffset, Task<Outcome>> record, string? form, CancellationToken ct)
    {
        var session = await AttendanceCommands.Facts(db.ProgrammeSessions.AsNoTracking().VisibleTo(User).Where(s => s.Id == sessionId)).SingleOrDefaultAsync(ct);
        if (session is null)
        {
            return NotFound();
        }

        var outcome = ModelState.IsValid
            ? await record(session, User.DisplayName(), time.GetUtcNow())
            : null;
        if (outcome is { Kind: OutcomeKind.Ok })
        {
            return Redirect($"/instruktoer/traening/{sessionId}" + form switch
            {
                null => "#deltagere",
                "checkin" or "checkout" => $"?aaben={Input.EnrolmentId}#p-{Input.EnrolmentId}",
                _ => $"#p-{Input.EnrolmentId}",
            });
        }

        if (outcome?.ToPageResult(this, AttendanceCommands.InputField) is { } notFound)
        {
            return notFound;
        }

        // Shown on the participant's card, with what was typed still in the form.
        var error = ModelState.FirstOrDefault(e => e.Value is { Errors.Count: > 0 });
        FailedFor = form is null ? null : Input.EnrolmentId;
        FailedField = string.IsNullOrEmpty(error.Key) ? null : error.Key;
        FailedMessage = error.Value?.Errors[0].ErrorMessage;
        await LoadAsync(sessionId, ct);
        Response.StatusCode = outcome is { Kind: OutcomeKind.Conflict } ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(int sessionId, CancellationToken ct)
    {
        var session = await db.ProgrammeSessions.AsNoTracking().VisibleTo(User).Where(s => s.Id == sessionId)
            .Select(s => new SessionView(s.Id, s.ProgrammeId, s.Programme.Name, s.Date, s.Start, s.End, s.Cancelled, s.CancelReason, s.Topic, s.TopicNote,
                s.Programme.Venue.Name, s.VisitTeamId, s.VisitTeam != null ? s.VisitTeam.Title : null, s.VisitTeam != null ? s.VisitTeam.Club.Name : null))
            .SingleOrDefaultAsync(ct);
        if (session is null)
        {
            return false;
        }

        Session = session;
        var now = time.GetUtcNow();
        var today = DanishTime.Today(now);
        IsToday = session.Date == today;
        HasStarted = session.Date <= today;
        var facts = new SessionFacts(session.Id, session.ProgrammeId, session.Programme, session.Date, session.Start, session.Cancelled, session.VisitTeamId);
        Participants = await AttendanceCommands.ParticipantsAsync(db, facts, ct);
        var userId = User.UserId();
        HasKioskPin = await db.Users.AnyAsync(u => u.Id == userId && u.KioskPinHash != null, ct);
        // Instructors see first names, attendance and check-in/out: still a view of participants' data.
        await AccessLog.WriteListAsync(db, User, now, $"Træning: deltagere, {session.Programme} {session.Date:yyyy-MM-dd}", null, Participants.Count, ct);
        return true;
    }
}
