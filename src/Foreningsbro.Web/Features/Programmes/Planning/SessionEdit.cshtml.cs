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
/// /forloeb/traening/{sessionId}/rediger: move a session, give it a topic, cancel or restore it, or
/// hold it as a group visit to a catalogue team (the club is told how many are coming, not who).
/// Every form carries the session's version: a change someone else saved meanwhile is never overwritten.
/// </summary>
[Authorize(Policy = Policies.ManagesProgrammes)]
public class SessionEditModel(AppDbContext db, TimeProvider time, IConfiguration config) : PageModel
{
    public const string StaleMessage = "Træningen er blevet ændret af en anden i mellemtiden. Se den aktuelle udgave herunder og prøv igen.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public CancelInput Cancel { get; set; } = new();

    [BindProperty]
    public VisitInput Visit { get; set; } = new();

    public SessionFacts Session { get; private set; } = null!;

    public List<SelectListItem> Teams { get; private set; } = [];

    public int Participants { get; private set; }

    public string? StaleText { get; private set; }

    public sealed record SessionFacts(int Id, int ProgrammeId, string ProgrammeName, string DepartmentName, int MunicipalityId, DateOnly Date, TimeOnly Start, TimeOnly End,
        DateOnly? ScheduledDate, TimeOnly? ScheduledStart, bool Cancelled, string? CancelReason, string? Topic, string? TopicNote, int? VisitTeamId, string? VisitTeam, int Recorded, int Version);

    public class InputModel : SessionTimeInput
    {
        [StringLength(ProgrammeModel.ReasonLength, ErrorMessage = "Noten må højst være {1} tegn.")]
        [PlainText(MultiLine = true)]
        public string? TopicNote { get; set; }

        public int? Version { get; set; }
    }

    public class CancelInput
    {
        [StringLength(500, ErrorMessage = "Begrundelsen må højst være {1} tegn.")]
        [PlainText(MultiLine = true)]
        public string? Reason { get; set; }

        public int? Version { get; set; }
    }

    public class VisitInput
    {
        public int? TeamId { get; set; }

        [StringLength(10, ErrorMessage = "Skriv datoen som dd-mm-åååå.")]
        public string? Date { get; set; }

        public int? Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int sessionId, CancellationToken ct)
    {
        if (!await LoadAsync(sessionId, ct))
        {
            return NotFound();
        }

        ModelState.Clear();
        Fill();
        return Page();
    }

    /// <summary>Date, time and topic.</summary>
    public async Task<IActionResult> OnPostAsync(int sessionId, CancellationToken ct)
    {
        var session = await TrackedAsync(sessionId, ct);
        if (session is null || !await LoadAsync(sessionId, ct))
        {
            return NotFound();
        }

        var today = DanishTime.Today(time);
        var hasDate = Forms.TryParseDate(Input.Date, out var date);
        var hasStart = Forms.TryParseTime(Input.Start, out var start);
        var hasEnd = Forms.TryParseTime(Input.End, out var end);
        if (!hasDate)
        {
            Error("Input.Date", "Skriv datoen som dd-mm-åååå, fx 24-11-2026.");
        }
        else if (date != session.Date && date < today)
        {
            Error("Input.Date", "En træning kan ikke flyttes til en dag i fortiden.");
        }
        else if (date > today.AddYears(1))
        {
            Error("Input.Date", "Datoen skal ligge inden for et år.");
        }

        if (!hasStart)
        {
            Error("Input.Start", "Skriv starttidspunktet som tt:mm, fx 10:00.");
        }

        if (!hasEnd)
        {
            Error("Input.End", "Skriv sluttidspunktet som tt:mm, fx 11:30.");
        }
        else if (hasStart && end <= start)
        {
            Error("Input.End", "Træningen skal slutte efter, at den begynder.");
        }

        var topic = Forms.Clean(Input.Topic);
        if (topic is null && Forms.Clean(Input.TopicNote) is not null)
        {
            Error("Input.Topic", "Skriv et emne til noten, fx Søvn.");
        }

        ModelState.TryGetVersion("Input.Version", Input.Version, out var version);
        if (!ModelState.IsValid)
        {
            return Refused(nameof(Input));
        }

        var moved = date != session.Date || start != session.Start;
        session.Date = date;
        session.Start = start;
        session.End = end;
        session.Topic = topic;
        session.TopicNote = topic is null ? null : Forms.Clean(Input.TopicNote);
        if (moved && session.VisitTeamId is { } visitTeam && !session.Cancelled)
        {
            // The club expects the group at the old time: tell them the new one.
            await NotifyClubAsync(visitTeam, session, cancelled: false, ct);
        }

        if (!await SaveAsync(session, version, ct))
        {
            return Page();
        }

        TempData.SetMessage(moved ? "Træningen er flyttet til {0} kl. {1}." : "Træningen er gemt.", date, start);
        return Redirect($"/forloeb/{session.ProgrammeId}/traeninger");
    }

    public async Task<IActionResult> OnPostCancelAsync(int sessionId, CancellationToken ct)
    {
        var session = await TrackedAsync(sessionId, ct);
        if (session is null || !await LoadAsync(sessionId, ct))
        {
            return NotFound();
        }

        var reason = Forms.Clean(Cancel.Reason);
        if (reason is null)
        {
            Error("Cancel.Reason", "Skriv hvorfor træningen er aflyst, fx Hallen er optaget.");
        }

        ModelState.TryGetVersion("Cancel.Version", Cancel.Version, out var version);
        if (!ModelState.IsValid)
        {
            return Refused(nameof(Cancel));
        }

        session.Cancelled = true;
        session.CancelReason = reason;
        if (session.VisitTeamId is { } teamId)
        {
            await NotifyClubAsync(teamId, session, cancelled: true, ct);
        }

        if (!await SaveAsync(session, version, ct))
        {
            return Page();
        }

        TempData["Message"] = "Træningen er aflyst.";
        return Redirect($"/forloeb/{session.ProgrammeId}/traeninger");
    }

    public async Task<IActionResult> OnPostRestoreAsync(int sessionId, CancellationToken ct)
    {
        var session = await TrackedAsync(sessionId, ct);
        if (session is null || !await LoadAsync(sessionId, ct))
        {
            return NotFound();
        }

        if (!ModelState.TryGetVersion("Cancel.Version", Cancel.Version, out var version))
        {
            return Refused(nameof(Cancel));
        }

        session.Cancelled = false;
        session.CancelReason = null;
        if (session.VisitTeamId is { } teamId)
        {
            await NotifyClubAsync(teamId, session, cancelled: false, ct);
        }

        if (!await SaveAsync(session, version, ct))
        {
            return Page();
        }

        TempData["Message"] = "Træningen er genoptaget.";
        return Redirect($"/forloeb/{session.ProgrammeId}/traeninger");
    }

    /// <summary>Hold the session as a visit to a team: it moves to the team's time that day, and the club is told how many are coming.</summary>
    public async Task<IActionResult> OnPostVisitAsync(int sessionId, CancellationToken ct)
    {
        var session = await TrackedAsync(sessionId, ct);
        if (session is null || !await LoadAsync(sessionId, ct))
        {
            return NotFound();
        }

        var today = DanishTime.Today(time);
        var team = Visit.TeamId is { } id && Teams.Exists(t => t.Value == id.ToString(CultureInfo.InvariantCulture))
            ? await db.Teams.AsNoTracking().Where(t => t.Id == id)
                .Select(t => new { t.Id, t.Title, t.SeasonStart, t.SeasonEnd, Slots = t.Schedules.Select(s => new { s.Weekday, s.Start, s.End }).ToList() })
                .SingleAsync(ct)
            : null;
        if (team is null)
        {
            Error("Visit.TeamId", "Vælg det hold, I besøger.");
        }

        if (session.Cancelled)
        {
            Error("Visit.TeamId", "Træningen er aflyst. Genoptag den først.");
        }

        if (!Forms.TryParseDate(Visit.Date, out var date))
        {
            Error("Visit.Date", "Skriv datoen som dd-mm-åååå, fx 24-11-2026.");
        }
        else if (date < today)
        {
            Error("Visit.Date", "Besøgsdatoen ligger i fortiden. Vælg en dag fra i dag og frem.");
        }
        else if (team is not null)
        {
            var slot = team.Slots.Where(s => s.Weekday == date.DayOfWeek).OrderBy(s => s.Start).FirstOrDefault();
            if (slot is null)
            {
                var days = string.Join(", ", team.Slots.OrderBy(s => ProgrammeText.DayIndex(s.Weekday)).Select(s => Catalogue.CatalogueText.Weekday(s.Weekday)).Distinct());
                Error("Visit.Date", $"{team.Title} træner ikke {Catalogue.CatalogueText.Weekday(date.DayOfWeek)}. Holdet træner {days}.");
            }
            else if ((team.SeasonStart is { } from && date < from) || (team.SeasonEnd is { } to && date > to))
            {
                Error("Visit.Date", $"{team.Title} holder sæsonpause den dag.");
            }
            else
            {
                session.Date = date;
                session.Start = slot.Start;
                session.End = slot.End;
            }
        }

        ModelState.TryGetVersion("Visit.Version", Visit.Version, out var version);
        if (!ModelState.IsValid)
        {
            return Refused(nameof(Visit));
        }

        session.VisitTeamId = team!.Id;
        var count = await NotifyClubAsync(team.Id, session, cancelled: false, ct);
        if (!await SaveAsync(session, version, ct))
        {
            return Page();
        }

        TempData.SetMessage(
            count is not null
                ? "Træningen er nu et gruppebesøg hos {0}. Foreningen har fået besked om, at I kommer {1}."
                : "Træningen er nu et gruppebesøg hos {0}. Holdet har ingen e-mail, så ring til foreningen og sig, hvor mange I kommer.",
            team.Title,
            count);
        return Redirect($"/forloeb/{session.ProgrammeId}/traeninger");
    }

    public async Task<IActionResult> OnPostEndVisitAsync(int sessionId, CancellationToken ct)
    {
        var session = await TrackedAsync(sessionId, ct);
        if (session is null || !await LoadAsync(sessionId, ct))
        {
            return NotFound();
        }

        if (!ModelState.TryGetVersion("Visit.Version", Visit.Version, out var version))
        {
            return Refused(nameof(Visit));
        }

        if (session.VisitTeamId is { } teamId)
        {
            await NotifyClubAsync(teamId, session, cancelled: true, ct);
            session.VisitTeamId = null;
        }

        if (!await SaveAsync(session, version, ct))
        {
            return Page();
        }

        TempData["Message"] = "Træningen er ikke længere et gruppebesøg. Foreningen har fået besked.";
        return Redirect($"/forloeb/{session.ProgrammeId}/traeninger");
    }

    /// <summary>Writes the club's message into the outbox (same save as the change); returns the count told, or null without an address.</summary>
    private async Task<int?> NotifyClubAsync(int teamId, ProgrammeSession session, bool cancelled, CancellationToken ct)
    {
        var team = await db.Teams.AsNoTracking().Where(t => t.Id == teamId)
            .Select(t => new
            {
                t.Title,
                t.ContactName,
                t.ContactEmail,
                ClubEmail = t.Club.ContactPersons.Where(c => c.Email != null).OrderBy(c => c.Id).Select(c => new { c.Name, c.Email }).FirstOrDefault(),
            })
            .SingleAsync(ct);
        var (to, name) = !string.IsNullOrWhiteSpace(team.ContactEmail) ? (team.ContactEmail, team.ContactName) : (team.ClubEmail?.Email, team.ClubEmail?.Name);
        var count = await db.Enrolments.Where(e => e.ProgrammeId == session.ProgrammeId).ActiveOn(session.Date).CountAsync(ct);
        if (string.IsNullOrWhiteSpace(to))
        {
            return null;
        }

        var municipality = await db.Municipalities.AsNoTracking().Where(m => m.Id == Session.MunicipalityId).Select(m => m.Name).SingleAsync(ct);
        ProgrammeCommands.AddGroupVisitNotice(db, Session.MunicipalityId, to, name, team.Title, municipality, session.Date, session.Start, count, cancelled,
            Catalogue.SafeUrls.PublicBase(Request, config), time.GetUtcNow());
        return count;
    }

    private async Task<bool> SaveAsync(ProgrammeSession session, int version, CancellationToken ct)
    {
        db.Entry(session).Property(s => s.Version).OriginalValue = version;
        db.Entry(session).Property(s => s.Version).IsModified = true;
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(session.Id, ct);
            StaleText = StaleMessage;
            ModelState.Clear();
            Fill();
            return false;
        }
    }

    private void Error(string key, string message)
    {
        if (ModelState.GetFieldValidationState(key) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            ModelState.AddModelError(key, message);
        }
    }

    /// <summary>
    /// The page again after a refused form: that form keeps what was sent, the page's other forms show
    /// what is saved with its version, so they can still be sent.
    /// </summary>
    private PageResult Refused(string form)
    {
        var (input, cancel, visit) = (Input, Cancel, Visit);
        Fill();
        (Input, Cancel, Visit) = form switch
        {
            nameof(Input) => (input, Cancel, Visit),
            nameof(Cancel) => (Input, cancel, Visit),
            _ => (Input, Cancel, visit),
        };
        return Page();
    }

    private void Fill()
    {
        var s = Session;
        Input = new InputModel { Date = Forms.IsoDate(s.Date), Start = Forms.Time(s.Start), End = Forms.Time(s.End), Topic = s.Topic, TopicNote = s.TopicNote, Version = s.Version };
        Cancel = new CancelInput { Reason = s.CancelReason, Version = s.Version };
        Visit = new VisitInput { TeamId = s.VisitTeamId, Date = Forms.IsoDate(s.Date), Version = s.Version };
    }

    private Task<ProgrammeSession?> TrackedAsync(int sessionId, CancellationToken ct) =>
        db.ProgrammeSessions.VisibleTo(User).SingleOrDefaultAsync(s => s.Id == sessionId, ct);

    private async Task<bool> LoadAsync(int sessionId, CancellationToken ct)
    {
        var s = await db.ProgrammeSessions.AsNoTracking().VisibleTo(User).Where(x => x.Id == sessionId)
            .Select(x => new SessionFacts(x.Id, x.ProgrammeId, x.Programme.Name, x.Programme.Department.Name, x.Programme.Department.MunicipalityId, x.Date, x.Start, x.End,
                x.ScheduledDate, x.ScheduledStart, x.Cancelled, x.CancelReason, x.Topic, x.TopicNote, x.VisitTeamId,
                x.VisitTeam != null ? x.VisitTeam.Title : null, x.Attendances.Count, x.Version))
            .SingleOrDefaultAsync(ct);
        if (s is null)
        {
            return false;
        }

        Session = s;
        Participants = await db.Enrolments.AsNoTracking().Where(e => e.ProgrammeId == s.ProgrammeId).ActiveOn(s.Date).CountAsync(ct);
        var teams = await db.Teams.AsNoTracking()
            .Where(t => (t.Status == TeamStatus.Active && t.Club.MunicipalityId == s.MunicipalityId) || t.Id == s.VisitTeamId)
            .OrderBy(t => t.Title).ThenBy(t => t.Id)
            .Select(t => new { t.Id, t.Title, Club = t.Club.Name })
            .ToListAsync(ct);
        Teams = [.. teams.Select(t => new SelectListItem($"{t.Title} ({t.Club})", t.Id.ToString(CultureInfo.InvariantCulture)))];
        return true;
    }
}
