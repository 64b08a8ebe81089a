using System.Security.Cryptography;
using System.Text;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Referrals;
using Foreningsbro.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>A field a device writes: the new value and the value the device was shown (null: it saw nothing recorded).</summary>
public sealed record Change<T>(T Value, T Shown);

/// <summary>What one device records for one participant; a null change leaves that field as it is.</summary>
public sealed record AttendanceChange(
    int EnrolmentId,
    Change<AttendanceStatus?>? Status = null,
    Change<int?>? Mood = null,
    Change<string?>? Word = null,
    Change<int?>? Rating = null,
    Change<string?>? Reason = null);

/// <summary>The facts about a session that recording needs (found through the caller's own access check).</summary>
public sealed record SessionFacts(int Id, int ProgrammeId, string ProgrammeName, DateOnly Date, TimeOnly Start, bool Cancelled, int? VisitTeamId);

/// <summary>A participant of a session as the instructor and the kiosk see them: first name only.</summary>
public sealed record ParticipantRow(
    int EnrolmentId, string FirstName, AttendanceStatus? Status, int? Mood, string? Word, int? Rating, string? Reason,
    bool WantsToJoin, int? JoinReferralId, int Version);

/// <summary>
/// Recording attendance, check-in and check-out: shared by the instructor's page, the kiosk and the
/// API, so all three give the same answers. Two devices may record the same session at once: each
/// writes only the fields it changed, and a field someone else has meanwhile set to something else
/// is a conflict, never silently overwritten.
/// </summary>
public static class AttendanceCommands
{
    public const int MinScore = 1;
    public const int MaxScore = 5;

    public static IQueryable<SessionFacts> Facts(IQueryable<ProgrammeSession> sessions) =>
        sessions.Select(s => new SessionFacts(s.Id, s.ProgrammeId, s.Programme.Name, s.Date, s.Start, s.Cancelled, s.VisitTeamId));

    /// <summary>
    /// Where a page shows a problem with a field the command names as in the API body ("[0].checkIn.mood"):
    /// the instructor's card and the kiosk both call their inputs Input.Mood, Input.Word, Input.Rating and Input.Reason.
    /// Null: the message belongs to the participant as a whole.
    /// </summary>
    public static string? InputField(string? field) => field switch
    {
        { } f when f.EndsWith(".mood", StringComparison.Ordinal) => "Input.Mood",
        { } f when f.EndsWith(".word", StringComparison.Ordinal) => "Input.Word",
        { } f when f.EndsWith(".rating", StringComparison.Ordinal) => "Input.Rating",
        { } f when f.EndsWith(".reason", StringComparison.Ordinal) => "Input.Reason",
        _ => null,
    };

    /// <summary>The participants enrolled on the session's date, first names only, with what is recorded for them.</summary>
    public static async Task<List<ParticipantRow>> ParticipantsAsync(AppDbContext db, SessionFacts session, CancellationToken ct = default)
    {
        var people = await db.Enrolments.AsNoTracking()
            .Where(e => e.ProgrammeId == session.ProgrammeId && e.StartDate <= session.Date && (e.EndDate == null || e.EndDate >= session.Date))
            .OrderBy(e => e.Citizen.FirstName).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.Citizen.FirstName })
            .ToListAsync(ct);
        var rows = await db.Attendances.AsNoTracking().Where(a => a.SessionId == session.Id)
            .Select(a => new { a.EnrolmentId, a.Status, a.CheckInMood, a.CheckInWord, a.CheckOutRating, a.CheckOutReason, a.WantsToJoin, a.JoinReferralId, a.Version })
            .ToDictionaryAsync(a => a.EnrolmentId, ct);
        return [.. people.Select(p => rows.TryGetValue(p.Id, out var r)
            ? new ParticipantRow(p.Id, p.FirstName, r.Status, r.CheckInMood, r.CheckInWord, r.CheckOutRating, r.CheckOutReason, r.WantsToJoin, r.JoinReferralId, r.Version)
            : new ParticipantRow(p.Id, p.FirstName, null, null, null, null, null, false, null, 0))];
    }

    /// <summary>
    /// Validates every change first (a bad one saves nothing), then writes them in one transaction.
    /// Fields are named as in the API body ("[0].checkOut.rating"), so callers can point at them.
    /// </summary>
    public static async Task<Outcome> RecordAsync(AppDbContext db, SessionFacts session, IReadOnlyList<AttendanceChange> changes, string by, DateTimeOffset now, CancellationToken ct = default)
    {
        if (session.Cancelled)
        {
            return Outcome.Bad("sessionId", "Træningen er aflyst. Der kan ikke registreres fremmøde på en aflyst træning.");
        }

        if (changes.Count == 0)
        {
            return Outcome.Bad("entries", "Angiv mindst én deltager.");
        }

        var ids = changes.Select(c => c.EnrolmentId).Distinct().ToList();
        var enrolments = await db.Enrolments.AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.ProgrammeId, e.StartDate, e.EndDate, e.Citizen.FirstName })
            .ToDictionaryAsync(e => e.Id, ct);
        var started = session.Date <= DanishTime.Today(now);
        for (var i = 0; i < changes.Count; i++)
        {
            var c = changes[i];
            if (changes.Take(i).Any(x => x.EnrolmentId == c.EnrolmentId))
            {
                return Outcome.Bad($"[{i}].enrolmentId", "Samme deltager står to gange i listen.");
            }

            if (!enrolments.TryGetValue(c.EnrolmentId, out var e))
            {
                return Outcome.Bad($"[{i}].enrolmentId", "Deltageren findes ikke.");
            }

            if (e.ProgrammeId != session.ProgrammeId)
            {
                return Outcome.Bad($"[{i}].enrolmentId", "Deltageren hører til et andet forløb end denne træning.");
            }

            if (e.StartDate > session.Date || e.EndDate < session.Date)
            {
                return Outcome.Bad($"[{i}].enrolmentId", $"{e.FirstName} var ikke tilmeldt forløbet på træningens dato.");
            }

            if (c.Status is { Value: { } status } && !Enum.IsDefined(status))
            {
                return Outcome.Bad($"[{i}].status", "Ukendt fremmøde. Brug mødt, afbud eller udeblevet.");
            }

            if (c.Status is null && c.Mood is null && c.Word is null && c.Rating is null && c.Reason is null)
            {
                return Outcome.Bad($"[{i}]", "Angiv fremmøde, check-in eller check-ud.");
            }

            if (c.Mood is { Value: { } mood } && mood is < MinScore or > MaxScore)
            {
                return Outcome.Bad($"[{i}].checkIn.mood", "Humøret skal være et tal fra 1 til 5.");
            }

            if (c.Rating is { Value: { } rating } && rating is < MinScore or > MaxScore)
            {
                return Outcome.Bad($"[{i}].checkOut.rating", "Vurderingen skal være et tal fra 1 til 5.");
            }

            if (TextInput.Problem(c.Word?.Value) is { } wordProblem)
            {
                return Outcome.Bad($"[{i}].checkIn.word", wordProblem);
            }

            if (TextInput.Problem(c.Reason?.Value, multiLine: true) is { } reasonProblem)
            {
                return Outcome.Bad($"[{i}].checkOut.reason", reasonProblem);
            }

            if (Forms.Clean(c.Word?.Value) is { Length: > ProgrammeModel.WordLength })
            {
                return Outcome.Bad($"[{i}].checkIn.word", $"Ordet må højst være {ProgrammeModel.WordLength} tegn.");
            }

            if (Forms.Clean(c.Reason?.Value) is { Length: > ProgrammeModel.ReasonLength })
            {
                return Outcome.Bad($"[{i}].checkOut.reason", $"Begrundelsen må højst være {ProgrammeModel.ReasonLength} tegn.");
            }

            var marksPresence = c.Status?.Value == AttendanceStatus.Present || c.Mood?.Value is not null || c.Rating?.Value is not null;
            if (marksPresence && !started)
            {
                return Outcome.Bad(c.Status is not null ? $"[{i}].status" : c.Mood is not null ? $"[{i}].checkIn.mood" : $"[{i}].checkOut.rating",
                    "Træningen er ikke begyndt endnu. Før træningsdagen kan du kun melde afbud.");
            }
        }

        // Optimistic: another device may write the same rows in between; then read again and re-apply
        // (its fields stay, ours are added), unless it set one of our fields to something else.
        for (var attempt = 0; attempt < 4; attempt++)
        {
            db.ChangeTracker.Clear();
            var rows = await db.Attendances.Where(a => a.SessionId == session.Id && ids.Contains(a.EnrolmentId)).ToDictionaryAsync(a => a.EnrolmentId, ct);
            for (var i = 0; i < changes.Count; i++)
            {
                var c = changes[i];
                var isNew = !rows.TryGetValue(c.EnrolmentId, out var row);
                row ??= new Attendance { SessionId = session.Id, EnrolmentId = c.EnrolmentId, Status = AttendanceStatus.Present, RecordedBy = by };
                var name = enrolments[c.EnrolmentId].FirstName;
                var clash =
                    Apply(c.Status, isNew ? null : (AttendanceStatus?)row.Status, v => row.Status = v ?? AttendanceStatus.Present, "fremmøde")
                    ?? Apply(c.Mood, row.CheckInMood, v => row.CheckInMood = v, "check-in")
                    ?? Apply(Cleaned(c.Word), row.CheckInWord, v => row.CheckInWord = v, "check-in-ordet")
                    ?? Apply(c.Rating, row.CheckOutRating, v => row.CheckOutRating = v, "check-ud")
                    ?? Apply(Cleaned(c.Reason), row.CheckOutReason, v => row.CheckOutReason = v, "begrundelsen");
                if (clash is not null)
                {
                    db.ChangeTracker.Clear();
                    return Outcome.Clash($"{name}: {clash} er registreret af en anden i mellemtiden. Hent siden igen og se, hvad der står nu.");
                }

                if (row.Status != AttendanceStatus.Present && (row.CheckInMood is not null || row.CheckOutRating is not null))
                {
                    db.ChangeTracker.Clear();
                    return c.Status is not null
                        ? Outcome.Bad($"[{i}].status", $"{name} har tjekket ind eller ud og kan ikke meldes fraværende. Ret check-in og check-ud først.")
                        : Outcome.Bad($"[{i}]", $"{name} er registreret som fraværende. Markér {name} som mødt før check-in og check-ud.");
                }

                if (isNew)
                {
                    row.RecordedAtUtc = now.UtcDateTime;
                    db.Attendances.Add(row);
                }
                else if (db.Entry(row).State == EntityState.Modified)
                {
                    row.RecordedAtUtc = now.UtcDateTime;
                    row.RecordedBy = by;
                }
            }

            try
            {
                await db.SaveChangesAsync(ct);
                return Outcome.Done(session.Id);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone wrote one of these rows since we read it: read again.
            }
            catch (DbUpdateException ex) when (ex.InnerException is { } inner && ConflictExceptionHandler.IsUniqueViolation(inner))
            {
                // Someone created one of these rows since we read: read again.
            }
        }

        db.ChangeTracker.Clear();
        return Outcome.Clash("Andre registrerer den samme træning lige nu. Prøv igen.");
    }

    private static Change<string?>? Cleaned(Change<string?>? c) => c is null ? null : new(Forms.Clean(c.Value), Forms.Clean(c.Shown));

    /// <summary>Writes a changed field; a field already holding what we write is fine; one that differs from what we were shown is a conflict.</summary>
    private static string? Apply<T>(Change<T>? change, T current, Action<T> set, string what)
    {
        if (change is null || EqualityComparer<T>.Default.Equals(change.Value, current))
        {
            return null;
        }

        if (!EqualityComparer<T>.Default.Equals(change.Shown, current))
        {
            return what;
        }

        set(change.Value);
        return null;
    }

    /// <summary>"Alle er mødt": everyone enrolled that day who has nothing recorded yet is marked present; recorded rows are left alone.</summary>
    public static async Task<Outcome> AllPresentAsync(AppDbContext db, SessionFacts session, string by, DateTimeOffset now, CancellationToken ct = default)
    {
        if (session.Cancelled)
        {
            return Outcome.Bad("sessionId", "Træningen er aflyst.");
        }

        if (session.Date > DanishTime.Today(now))
        {
            return Outcome.Bad("sessionId", "Træningen er ikke begyndt endnu.");
        }

        for (var attempt = 0; attempt < 4; attempt++)
        {
            db.ChangeTracker.Clear();
            var missing = await db.Enrolments.AsNoTracking()
                .Where(e => e.ProgrammeId == session.ProgrammeId && e.StartDate <= session.Date && (e.EndDate == null || e.EndDate >= session.Date)
                    && !db.Attendances.Any(a => a.SessionId == session.Id && a.EnrolmentId == e.Id))
                .Select(e => e.Id)
                .ToListAsync(ct);
            db.Attendances.AddRange(missing.Select(id => new Attendance
            {
                SessionId = session.Id,
                EnrolmentId = id,
                Status = AttendanceStatus.Present,
                RecordedAtUtc = now.UtcDateTime,
                RecordedBy = by,
            }));
            try
            {
                await db.SaveChangesAsync(ct);
                return Outcome.Done(missing.Count);
            }
            catch (DbUpdateException ex) when (ex.InnerException is { } inner && ConflictExceptionHandler.IsUniqueViolation(inner))
            {
                // Another device recorded one of them meanwhile; theirs stands, the rest are added on the next try.
            }
        }

        db.ChangeTracker.Clear();
        return Outcome.Clash("Andre registrerer den samme træning lige nu. Prøv igen.");
    }

    /// <summary>
    /// "Vil gerne være med" after a group visit: a referral to the visited team, already at "besøgt",
    /// so the bridging workflow follows it up. Created once per participant and session, however often it is sent.
    /// </summary>
    public static async Task<Outcome> WantsToJoinAsync(AppDbContext db, SessionFacts session, int enrolmentId, string by, DateTimeOffset now, CancellationToken ct = default)
    {
        if (session.VisitTeamId is not { } teamId)
        {
            return Outcome.Bad("enrolmentId", "Træningen er ikke et gruppebesøg hos et hold.");
        }

        if (session.Cancelled || session.Date > DanishTime.Today(now))
        {
            return Outcome.Bad("enrolmentId", "Gruppebesøget har ikke fundet sted endnu.");
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            db.ChangeTracker.Clear();
            var attendance = await db.Attendances.Include(a => a.Enrolment).ThenInclude(e => e.Citizen)
                .SingleOrDefaultAsync(a => a.SessionId == session.Id && a.EnrolmentId == enrolmentId && a.Enrolment.ProgrammeId == session.ProgrammeId, ct);
            if (attendance is null || attendance.Status != AttendanceStatus.Present)
            {
                return Outcome.Bad("enrolmentId", "Kun deltagere, der var med på besøget, kan henvises til holdet.");
            }

            if (attendance.JoinReferralId is { } done)
            {
                return Outcome.Done(done);
            }

            // The key is derived from the attendance row: two submits racing each other meet at the unique index.
            var referral = await ReferralCommands.VisitedWithGroupAsync(
                db, attendance.Enrolment.CitizenId, teamId, DanishTime.ToUtc(session.Date, session.Start),
                $"Vil gerne være med efter gruppebesøg med {session.ProgrammeName}", JoinKey(attendance.Id), by, now, ct);

            try
            {
                await db.SaveChangesAsync(ct);
                attendance.WantsToJoin = true;
                attendance.JoinReferralId = referral.Id;
                await db.SaveChangesAsync(ct);
                return Outcome.Done(referral.Id);
            }
            catch (DbUpdateConcurrencyException)
            {
            }
            catch (DbUpdateException ex) when (ex.InnerException is { } inner && ConflictExceptionHandler.IsUniqueViolation(inner))
            {
                // The same press twice at once: the other one made the referral; link it on the next round.
                db.ChangeTracker.Clear();
                var key = JoinKey(attendance.Id);
                if (await db.Referrals.Where(r => r.IdempotencyKey == key).Select(r => (int?)r.Id).SingleOrDefaultAsync(ct) is { } winner)
                {
                    await db.Attendances.Where(a => a.Id == attendance.Id && a.JoinReferralId == null)
                        .ExecuteUpdateAsync(u => u.SetProperty(a => a.WantsToJoin, true).SetProperty(a => a.JoinReferralId, winner).SetProperty(a => a.Version, a => a.Version + 1), ct);
                    return Outcome.Done(winner);
                }
            }
        }

        db.ChangeTracker.Clear();
        return Outcome.Clash("Andre registrerer den samme træning lige nu. Prøv igen.");
    }

    private static Guid JoinKey(int attendanceId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"foreningsbro:wants-to-join:{attendanceId}")).AsSpan(0, 16));
}
