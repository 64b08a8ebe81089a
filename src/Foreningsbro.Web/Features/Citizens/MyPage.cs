using System.Globalization;
using System.Text;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Messages;
using Foreningsbro.Web.Features.Outcomes;
using Foreningsbro.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Citizens;

/// <summary>An appointment on the citizen's own page: a first visit to a club team, or a programme's training.</summary>
public sealed record Appointment(
    string Kind, int Id, DateTime StartUtc, DateTime EndUtc, string Title, string? ClubName, int? TeamId,
    string Place, string? Address, string PostalTown, string? WhoMeets, string? WhatToBring, bool SaidCantCome)
{
    public const string Visit = "besoeg";
    public const string Training = "traening";

    public string MapUrl => "https://www.openstreetmap.org/search?query=" + Uri.EscapeDataString($"{Address ?? Place}, {PostalTown}");
}

/// <summary>Something the citizen can rate: a first visit or a training in the last two weeks.</summary>
public sealed record Rateable(string Kind, int Id, DateTime StartUtc, string Title);

/// <summary>
/// What the citizen's own page (/mig/{token}) shows and does, with no account: the link names the citizen; every
/// query starts from that citizen's id, so nothing of anyone else can be reached. Kept apart from the page so
/// the tests and the page share the rules.
/// </summary>
public static class MyPage
{
    public const int RateDays = 14;

    public sealed record Facts(int CitizenId, string FirstName, string Department, string Municipality, bool Questionnaires, bool SharesWithClub,
        string? ContactName, string? ContactPhone, string? ContactEmail, IReadOnlyList<(ConsentPurpose Purpose, DateTime GivenAtUtc)> Consents);

    public static async Task<Facts> FactsAsync(AppDbContext db, int citizenId, DateOnly today, CancellationToken ct)
    {
        var c = await db.Citizens.AsNoTracking().Where(x => x.Id == citizenId).Select(x => new
        {
            x.FirstName,
            Department = x.Department.Name,
            Municipality = x.Department.Municipality.Name,
            x.DepartmentId,
            Consents = x.Consents.Where(k => k.WithdrawnAtUtc == null).Select(k => new { k.Purpose, k.GivenAtUtc }).ToList(),
            LastReferralBy = x.Referrals.OrderByDescending(r => r.CreatedAtUtc).Select(r => r.CreatedBy).FirstOrDefault(),
        }).SingleAsync(ct);
        var consultant = await db.Enrolments.AsNoTracking()
            .Where(e => e.CitizenId == citizenId && (e.EndDate == null || e.EndDate >= today) && e.Consultant != null)
            .OrderByDescending(e => e.StartDate).Select(e => new { e.Consultant!.DisplayName, e.Consultant.PhoneNumber, e.Consultant.Email }).FirstOrDefaultAsync(ct);
        var referrer = consultant is null && c.LastReferralBy is { } by
            ? await db.Users.AsNoTracking().Where(u => u.DisplayName == by && u.DepartmentId == c.DepartmentId)
                .Select(u => new { u.DisplayName, u.PhoneNumber, u.Email }).FirstOrDefaultAsync(ct)
            : null;
        var contact = consultant ?? referrer;
        return new Facts(citizenId, c.FirstName, c.Department, c.Municipality,
            c.Consents.Any(k => k.Purpose == ConsentPurpose.Questionnaires), c.Consents.Any(k => k.Purpose == ConsentPurpose.ShareWithClub),
            contact?.DisplayName, contact?.PhoneNumber, contact?.Email, [.. c.Consents.Select(k => (k.Purpose, k.GivenAtUtc))]);
    }

    /// <summary>The coming first visits (referred or confirmed) and the next training of each programme the citizen is on.</summary>
    public static async Task<List<Appointment>> AppointmentsAsync(AppDbContext db, int citizenId, DateTimeOffset now, CancellationToken ct)
    {
        var nowUtc = now.UtcDateTime;
        var today = DanishTime.Today(now);
        var saidVisits = await db.CitizenRequests.Where(q => q.CitizenId == citizenId && q.Kind == CitizenRequestKind.CantCome && q.ReferralId != null).Select(q => q.ReferralId!.Value).ToListAsync(ct);
        var saidSessions = await db.CitizenRequests.Where(q => q.CitizenId == citizenId && q.Kind == CitizenRequestKind.CantCome && q.SessionId != null).Select(q => q.SessionId!.Value).ToListAsync(ct);
        var visits = await db.Referrals.AsNoTracking()
            .Where(r => r.CitizenId == citizenId && (r.Status == ReferralStatus.Referred || r.Status == ReferralStatus.VisitScheduled) && r.VisitAtUtc > nowUtc)
            .OrderBy(r => r.VisitAtUtc)
            .Select(r => new { r.Id, r.VisitAtUtc, r.VisitMode, r.TeamId, r.Team.Title, Club = r.Team.Club.Name, Venue = r.Team.Venue.Name, r.Team.Venue.Address, r.Team.Venue.PostalCode, r.Team.Venue.Town, r.Team.ContactName, r.Team.FirstTime })
            .ToListAsync(ct);
        var result = visits.Select(v => new Appointment(Appointment.Visit, v.Id, v.VisitAtUtc, v.VisitAtUtc.AddHours(1), v.Title, v.Club, v.TeamId, v.Venue, v.Address, $"{v.PostalCode} {v.Town}",
            v.VisitMode == VisitMode.WithProfessional ? $"{v.ContactName} og din kontaktperson fra kommunen" : v.ContactName, v.FirstTime, saidVisits.Contains(v.Id))).ToList();

        var enrolments = await db.Enrolments.AsNoTracking()
            .Where(e => e.CitizenId == citizenId && (e.EndDate == null || e.EndDate >= today))
            .Select(e => new { e.ProgrammeId, e.EndDate }).ToListAsync(ct);
        foreach (var e in enrolments)
        {
            var s = await db.ProgrammeSessions.AsNoTracking()
                .Where(x => x.ProgrammeId == e.ProgrammeId && !x.Cancelled && x.Date >= today && (e.EndDate == null || x.Date <= e.EndDate))
                .OrderBy(x => x.Date).ThenBy(x => x.Start)
                .Select(x => new { x.Id, x.Date, x.Start, x.End, Programme = x.Programme.Name, x.Topic, Venue = x.Programme.Venue.Name, x.Programme.Venue.Address, x.Programme.Venue.PostalCode, x.Programme.Venue.Town })
                .Take(3).ToListAsync(ct);
            var next = s.FirstOrDefault(x => DanishTime.ToUtc(x.Date, x.Start) > nowUtc);
            if (next is null)
            {
                continue;
            }

            var names = await db.ProgrammeInstructors.Where(i => i.ProgrammeId == e.ProgrammeId).Select(i => i.User.DisplayName).ToListAsync(ct);
            var instructors = string.Join(" og ", names.Select(n => n.Split(' ')[0]));
            result.Add(new Appointment(Appointment.Training, next.Id, DanishTime.ToUtc(next.Date, next.Start), DanishTime.ToUtc(next.Date, next.End),
                next.Programme + (next.Topic is null ? "" : $" ({next.Topic})"), null, null, next.Venue, next.Address, $"{next.PostalCode} {next.Town}",
                instructors.Length == 0 ? null : $"Instruktør {instructors}", "Træningstøj, indendørssko og en drikkedunk.", saidSessions.Contains(next.Id)));
        }

        return [.. result.OrderBy(a => a.StartUtc)];
    }

    /// <summary>Visits and trainings of the last two weeks the citizen was at and has not rated yet.</summary>
    public static async Task<List<Rateable>> RateablesAsync(AppDbContext db, int citizenId, DateTimeOffset now, CancellationToken ct)
    {
        var nowUtc = now.UtcDateTime;
        var since = nowUtc.AddDays(-RateDays);
        var today = DanishTime.Today(now);
        var rated = await db.CitizenRequests.Where(q => q.CitizenId == citizenId && q.Kind == CitizenRequestKind.Rating && q.ReferralId != null).Select(q => q.ReferralId!.Value).ToListAsync(ct);
        var visits = await db.Referrals.AsNoTracking()
            .Where(r => r.CitizenId == citizenId && r.VisitAtUtc > since && r.VisitAtUtc < nowUtc
                && (r.Status == ReferralStatus.Visited || r.Status == ReferralStatus.Member || r.Status == ReferralStatus.VisitScheduled || r.Status == ReferralStatus.Referred))
            .Select(r => new { r.Id, r.VisitAtUtc, r.Team.Title }).ToListAsync(ct);
        var fromDay = today.AddDays(-RateDays);
        var sessions = await db.Attendances.AsNoTracking()
            .Where(a => a.Enrolment.CitizenId == citizenId && a.Status == AttendanceStatus.Present && a.CheckOutRating == null)
            .Join(db.ProgrammeSessions, a => a.SessionId, s => s.Id, (a, s) => new { s.Id, s.Date, s.Start, s.Programme.Name, s.Cancelled })
            .Where(s => !s.Cancelled && s.Date >= fromDay && s.Date <= today)
            .ToListAsync(ct);
        return
        [
            .. visits.Where(v => !rated.Contains(v.Id)).Select(v => new Rateable(Appointment.Visit, v.Id, v.VisitAtUtc, v.Title)),
            .. sessions.Select(s => new Rateable(Appointment.Training, s.Id, DanishTime.ToUtc(s.Date, s.Start), s.Name)).Where(r => r.StartUtc < nowUtc),
        ];
    }

    /// <summary>
    /// "Jeg kan ikke komme": the club contact (a visit) or the instructors (a training) are told through the outbox, a
    /// training is marked "afbud", and the professional gets a task. Said twice, it is said once.
    /// </summary>
    public static async Task<bool> CantComeAsync(AppDbContext db, int citizenId, string? kind, int id, string publicBase, DateTimeOffset now, CancellationToken ct)
    {
        var appointment = (await AppointmentsAsync(db, citizenId, now, ct)).FirstOrDefault(a => a.Kind == kind && a.Id == id);
        if (appointment is null)
        {
            return false;
        }

        if (appointment.SaidCantCome)
        {
            return true;
        }

        var facts = await FactsAsync(db, citizenId, DanishTime.Today(now), ct);
        var when = Labels.DanishDateTime(appointment.StartUtc);
        if (appointment.Kind == Appointment.Visit)
        {
            db.CitizenRequests.Add(new CitizenRequest { CitizenId = citizenId, Kind = CitizenRequestKind.CantCome, ReferralId = id, AtUtc = now.UtcDateTime });
            var team = await db.Referrals.Where(r => r.Id == id).Select(r => new { r.Team.ContactName, r.Team.ContactEmail }).SingleAsync(ct);
            if (!string.IsNullOrWhiteSpace(team.ContactEmail))
            {
                var (subject, body) = Outbox.CantCome(team.ContactName, facts.SharesWithClub ? facts.FirstName : null, when, training: false, Outbox.ClubVisitsUrl(publicBase), facts.Municipality);
                var m = Outbox.ToCitizen(MessageChannel.Email, MessageKind.CantComeNotice, team.ContactEmail, subject, body, citizenId, null, now, now);
                m.ReferralId = id;
                db.OutboxMessages.Add(m);
            }

            // No reminder of a visit the citizen will not come to.
            await db.OutboxMessages.Where(m => m.ReferralId == id && m.Kind == MessageKind.VisitReminder && m.Status == MessageStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Cancelled).SetProperty(m => m.LastError, "Annulleret: borgeren har meldt afbud."), ct);
        }
        else
        {
            db.CitizenRequests.Add(new CitizenRequest { CitizenId = citizenId, Kind = CitizenRequestKind.CantCome, SessionId = id, AtUtc = now.UtcDateTime });
            var session = await db.ProgrammeSessions.Where(s => s.Id == id).Select(s => new
            {
                s.ProgrammeId,
                Enrolment = s.Programme.Enrolments.Where(e => e.CitizenId == citizenId && (e.EndDate == null || e.EndDate >= s.Date)).Select(e => e.Id).First(),
                Instructors = s.Programme.Instructors.Select(i => new { i.User.DisplayName, i.User.Email }).ToList(),
            }).SingleAsync(ct);
            var attendance = await db.Attendances.SingleOrDefaultAsync(a => a.SessionId == id && a.EnrolmentId == session.Enrolment, ct);
            if (attendance is null)
            {
                db.Attendances.Add(new Attendance { SessionId = id, EnrolmentId = session.Enrolment, Status = AttendanceStatus.AbsentWithNotice, RecordedAtUtc = now.UtcDateTime, RecordedBy = "Borgeren (eget link)" });
            }
            else if (attendance.Status != AttendanceStatus.Present)
            {
                attendance.Status = AttendanceStatus.AbsentWithNotice;
                attendance.RecordedAtUtc = now.UtcDateTime;
                attendance.RecordedBy = "Borgeren (eget link)";
            }

            foreach (var instructor in session.Instructors.Where(i => !string.IsNullOrWhiteSpace(i.Email)))
            {
                var (subject, body) = Outbox.CantCome(instructor.DisplayName, facts.FirstName, when, training: true, $"{publicBase.TrimEnd('/')}/instruktoer/traening/{id.ToString(CultureInfo.InvariantCulture)}", facts.Municipality);
                db.OutboxMessages.Add(Outbox.ToCitizen(MessageChannel.Email, MessageKind.CantComeNotice, instructor.Email!, subject, body, citizenId, null, now, now));
            }
        }

        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>"Ring mig op": a task for the professional, once while it is open.</summary>
    public static async Task CallMeAsync(AppDbContext db, int citizenId, DateTimeOffset now, CancellationToken ct)
    {
        if (!await db.CitizenRequests.AnyAsync(q => q.CitizenId == citizenId && q.Kind == CitizenRequestKind.CallMe && q.HandledAtUtc == null, ct))
        {
            db.CitizenRequests.Add(new CitizenRequest { CitizenId = citizenId, Kind = CitizenRequestKind.CallMe, AtUtc = now.UtcDateTime });
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>A rating 1–5 and why, of a visit (kept as the citizen's request) or a training (the check-out of its attendance).</summary>
    public static async Task<Outcome> RateAsync(AppDbContext db, int citizenId, string? kind, int id, int? rating, string? reason, DateTimeOffset now, CancellationToken ct)
    {
        var target = (await RateablesAsync(db, citizenId, now, ct)).FirstOrDefault(r => r.Kind == kind && r.Id == id);
        if (target is null)
        {
            return Outcome.Missing;
        }

        if (rating is not (>= 1 and <= 5))
        {
            return Outcome.Bad("rating", "Vælg hvor godt det var, fra 1 til 5.");
        }

        if (TextInput.Problem(reason, multiLine: true, maxLength: Limits.Reason) is { } problem)
        {
            return Outcome.Bad("reason", problem);
        }

        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (kind == Appointment.Visit)
        {
            db.CitizenRequests.Add(new CitizenRequest { CitizenId = citizenId, Kind = CitizenRequestKind.Rating, ReferralId = id, Rating = rating, Reason = why, AtUtc = now.UtcDateTime, HandledAtUtc = now.UtcDateTime, HandledBy = "Ingen opgave" });
        }
        else
        {
            var attendance = await db.Attendances.SingleAsync(a => a.SessionId == id && a.Enrolment.CitizenId == citizenId, ct);
            attendance.CheckOutRating = rating;
            attendance.CheckOutReason = why is { Length: > ProgrammeModel.ReasonLength } ? why[..ProgrammeModel.ReasonLength] : why;
        }

        await db.SaveChangesAsync(ct);
        return Outcome.Done(id);
    }

    /// <summary>An iCalendar file with the one appointment (RFC 5545), for "Tilføj til kalender".</summary>
    public static string Ics(Appointment a, string publicBase)
    {
        static string Utc(DateTime t) => t.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        static string Escape(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        var sb = new StringBuilder();
        sb.Append("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Foreningsbro//DA\r\nBEGIN:VEVENT\r\n");
        sb.Append(CultureInfo.InvariantCulture, $"UID:{a.Kind}-{a.Id}@foreningsbro\r\nDTSTAMP:{Utc(a.StartUtc)}\r\nDTSTART:{Utc(a.StartUtc)}\r\nDTEND:{Utc(a.EndUtc)}\r\n");
        sb.Append(CultureInfo.InvariantCulture, $"SUMMARY:{Escape(a.Title)}\r\nLOCATION:{Escape($"{a.Place}, {(a.Address is null ? "" : a.Address + ", ")}{a.PostalTown}")}\r\n");
        if (a.TeamId is { } team)
        {
            sb.Append(CultureInfo.InvariantCulture, $"URL:{publicBase.TrimEnd('/')}/hold/{team}\r\n");
        }

        sb.Append("END:VEVENT\r\nEND:VCALENDAR\r\n");
        return sb.ToString();
    }
}
