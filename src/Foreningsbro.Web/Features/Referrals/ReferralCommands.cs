using System.Security.Claims;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Features.Messages;
using Foreningsbro.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Referrals;

public sealed record NewReferral(int CitizenId, int TeamId, VisitMode? VisitMode, DateOnly? VisitDate, TimeOnly? VisitTime, string? NeedsForClub, Guid IdempotencyKey);

public sealed record StatusChange(int ReferralId, ReferralStatus? To, string? Reason, int? ClosingReasonId, int? Version);

/// <summary>Creating a referral and moving its status: shared by the pages and the API, so both give the same answers.</summary>
public static class ReferralCommands
{
    public const string ConflictMessage = "Henvisningen er blevet ændret af en anden i mellemtiden. Se den aktuelle status og prøv igen.";

    /// <param name="publicBase">The site's public address (PublicBaseUrl, else the request's), for the links in the messages.</param>
    public static async Task<Outcome> CreateAsync(AppDbContext db, ClaimsPrincipal user, NewReferral input, DateTimeOffset now, string publicBase, CancellationToken ct = default)
    {
        if (!user.IsInRole(Roles.Coordinator) && !user.IsInRole(Roles.Professional))
        {
            return Outcome.Missing;
        }

        var citizen = await db.Citizens.AsNoTracking().VisibleTo(user)
            .Where(c => c.Id == input.CitizenId)
            .Select(c => new
            {
                c.Id,
                c.FirstName,
                c.Phone,
                c.Email,
                c.PreferredChannel,
                DepartmentName = c.Department.Name,
                MunicipalityName = c.Department.Municipality.Name,
                SharesWithClub = c.Consents.AsQueryable().Any(ConsentRules.ActiveFor(ConsentPurpose.ShareWithClub)),
                AllowsReminders = c.Consents.AsQueryable().Any(ConsentRules.ActiveFor(ConsentPurpose.Reminders)),
            })
            .SingleOrDefaultAsync(ct);
        if (citizen is null)
        {
            return Outcome.Missing;
        }

        // The same form sent twice: the first referral is the answer, not a second one.
        if (await ExistingAsync(db, input) is { } existing)
        {
            return Outcome.Done(existing);
        }

        if (input.VisitMode is not { } mode || !Enum.IsDefined(mode))
        {
            return Outcome.Bad("visitMode", "Vælg hvordan det første besøg foregår.");
        }

        if (TextInput.Problem(input.NeedsForClub, multiLine: true) is { } needsProblem)
        {
            return Outcome.Bad("needsForClub", needsProblem);
        }

        if (input.NeedsForClub?.Trim() is { Length: > Limits.NeedsForClub })
        {
            return Outcome.Bad("needsForClub", "Teksten til foreningen må højst være 500 tegn.");
        }

        var team = await db.Teams.AsNoTracking()
            .Where(t => t.Id == input.TeamId && t.Status == TeamStatus.Active)
            .Select(t => new
            {
                t.Id,
                t.Title,
                ClubName = t.Club.Name,
                VenueName = t.Venue.Name,
                t.Venue.Address,
                t.Venue.PostalCode,
                t.Venue.Town,
                t.ContactName,
                t.ContactEmail,
                t.FirstTime,
                t.VideoUrl,
                Schedule = t.Schedules.OrderBy(s => s.Weekday).ThenBy(s => s.Start).Select(s => new { s.Weekday, s.Start }).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (team is null)
        {
            return Outcome.Bad("teamId", "Holdet findes ikke eller tager ikke imod nye lige nu.");
        }

        if (input.VisitDate is not { } date)
        {
            return Outcome.Bad("visitDate", "Vælg en dato for det første besøg.");
        }

        // The team's own start time that weekday, else its first session's time.
        var time = input.VisitTime
            ?? team.Schedule.Where(s => s.Weekday == date.DayOfWeek).Select(s => (TimeOnly?)s.Start).FirstOrDefault()
            ?? team.Schedule.Select(s => (TimeOnly?)s.Start).FirstOrDefault()
            ?? new TimeOnly(10, 0);
        var visitAtUtc = DanishTime.ToUtc(date, time);
        if (visitAtUtc <= now.UtcDateTime)
        {
            return Outcome.Bad("visitDate", "Besøgsdatoen ligger i fortiden. Vælg en dag fra i dag og frem.");
        }

        if (date > DanishTime.Today(now).AddYears(1))
        {
            return Outcome.Bad("visitDate", "Besøgsdatoen skal ligge inden for et år.");
        }

        if (await OpenToAsync(db, citizen.Id, team.Id, ct) is { } open)
        {
            // The open referral may be this very form's, saved by a second submit since the check above.
            return await ExistingAsync(db, input) is { } same ? Outcome.Done(same) : AlreadyOpen(open);
        }

        var referral = await StartAsync(
            db, citizen.Id, team.Id, mode, visitAtUtc, string.IsNullOrWhiteSpace(input.NeedsForClub) ? null : input.NeedsForClub.Trim(),
            ReferralStatus.Referred, $"Henvist til {team.Title}", input.IdempotencyKey == Guid.Empty ? Guid.NewGuid() : input.IdempotencyKey, user.DisplayName(), now, ct);
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var referrer = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.DisplayName, u.PhoneNumber, u.Email }).SingleOrDefaultAsync(ct);
        // The citizen's messages carry their own page's link instead of long text (issue 15).
        var link = citizen.AllowsReminders && Outbox.CitizenAddress(citizen.PreferredChannel, citizen.Phone, citizen.Email) is not null
            ? Outcomes.CitizenLinks.Url(publicBase, Outcomes.CitizenLinks.Add(db, citizen.Id, now, user.DisplayName()))
            : null;
        Outbox.AddForNewReferral(db, referral, new Outbox.VisitFacts(
            citizen.FirstName, citizen.Phone, citizen.Email, citizen.PreferredChannel, citizen.DepartmentName, citizen.MunicipalityName,
            team.Id, team.Title, team.ClubName, team.VenueName, team.Address, team.PostalCode, team.Town,
            team.ContactName, team.ContactEmail, team.FirstTime, team.VideoUrl,
            mode, visitAtUtc, referral.NeedsForClub, citizen.SharesWithClub, citizen.AllowsReminders,
            publicBase, Outbox.CantComeContact(referrer?.DisplayName, referrer?.PhoneNumber, referrer?.Email), link), now);

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is { } inner && ConflictExceptionHandler.IsUniqueViolation(inner))
        {
            // Two submits raced past the check above and the database took one (ADR 0012): the same form's
            // idempotency key, or the one open referral per citizen and team. The failed save took this
            // one's outbox messages with it, so the citizen and the club hear only once.
            db.ChangeTracker.Clear();
            if (await ExistingAsync(db, input) is { } winner)
            {
                return Outcome.Done(winner);
            }

            if (await OpenToAsync(db, citizen.Id, team.Id, ct) is { } other)
            {
                return AlreadyOpen(other);
            }

            throw;
        }

        return Outcome.Done(referral.Id);
    }

    public const string AlreadyOpenMessage = "Borgeren har allerede en åben henvisning til dette hold.";

    /// <summary>The conflict names the open referral (its id in <see cref="Outcome.Id"/>), so the page can link to it and the API return it.</summary>
    private static Outcome AlreadyOpen(int referralId) =>
        new(OutcomeKind.Conflict, referralId, Message: $"{AlreadyOpenMessage} Se den på /henvisninger/{referralId}.");

    private static Task<int?> OpenToAsync(AppDbContext db, int citizenId, int teamId, CancellationToken ct) =>
        OpenTo(db, citizenId, teamId).OrderBy(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);

    private static async Task<int?> ExistingAsync(AppDbContext db, NewReferral input) =>
        input.IdempotencyKey == Guid.Empty
            ? null
            : await db.Referrals.Where(r => r.IdempotencyKey == input.IdempotencyKey && r.CitizenId == input.CitizenId).Select(r => (int?)r.Id).FirstOrDefaultAsync();

    public static async Task<Outcome> ChangeStatusAsync(AppDbContext db, ClaimsPrincipal user, StatusChange input, DateTimeOffset now, CancellationToken ct = default)
    {
        var referral = await db.Referrals.VisibleTo(user).SingleOrDefaultAsync(r => r.Id == input.ReferralId, ct);
        if (referral is null)
        {
            return Outcome.Missing;
        }

        if (input.To is not { } to || !Enum.IsDefined(to))
        {
            return Outcome.Bad("status", "Vælg en gyldig status.");
        }

        if (input.Version is not { } version)
        {
            return Outcome.Bad("version", Forms.MissingVersionMessage);
        }

        if (referral.Version != version)
        {
            return Outcome.Clash($"{ConflictMessage} Status er nu »{referral.Status.Danish()}«.");
        }

        if (user.IsClubContact() && !ReferralRules.ClubContactMaySet(to))
        {
            return Outcome.Bad("status", "Foreningen kan kun melde besøg, udeblivelse og indmeldelse.");
        }

        if (user.IsClubContact() && !ReferralRules.ClubContactMaySetNow(to, referral.VisitAtUtc, now))
        {
            return Outcome.Bad("status", ReferralRules.TooEarlyMessage(to, referral.VisitAtUtc));
        }

        if (!ReferralRules.CanMove(referral.Status, to))
        {
            return Outcome.Bad("status", $"En henvisning kan ikke gå fra »{referral.Status.Danish()}« til »{to.Danish()}«.");
        }

        if (TextInput.Problem(input.Reason, multiLine: true) is { } reasonProblem)
        {
            return Outcome.Bad("reason", reasonProblem);
        }

        var reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
        if (reason is { Length: > Limits.Reason })
        {
            return Outcome.Bad("reason", "Begrundelsen må højst være 1000 tegn.");
        }

        if (to == ReferralStatus.Closed)
        {
            var closing = input.ClosingReasonId is { } rid
                ? await db.ClosingReasons.AsNoTracking().SingleOrDefaultAsync(r => r.Id == rid && !r.Archived, ct)
                : null;
            if (closing is null)
            {
                return Outcome.Bad("closingReasonId", "Vælg hvorfor forløbet afsluttes.");
            }

            if (closing.RequiresText && reason is null)
            {
                return Outcome.Bad("reason", "Skriv hvorfor forløbet afsluttes.");
            }

            referral.ClosingReasonId = closing.Id;
        }

        await MoveAsync(db, referral, to, user.DisplayName(), reason, to == ReferralStatus.Closed ? referral.ClosingReasonId : null, now, ct);

        // A stale version from the form makes the UPDATE match no row.
        db.Entry(referral).Property(x => x.Version).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome.Clash(ConflictMessage);
        }

        return Outcome.Done(referral.Id);
    }

    /// <summary>
    /// "Vil gerne være med" after a group visit: the citizen has visited the team with their programme group
    /// and wants to join. The open referral to the team moves on to "besøgt"; without one, a referral starts
    /// there (with the programme group). No messages go out: the visit has happened. The caller has checked
    /// that the citizen took part, and saves; <paramref name="idempotencyKey"/> makes a second save of the
    /// same press meet the first at the unique index.
    /// </summary>
    public static async Task<Referral> VisitedWithGroupAsync(
        AppDbContext db, int citizenId, int teamId, DateTime visitAtUtc, string reason, Guid idempotencyKey, string by, DateTimeOffset now, CancellationToken ct = default)
    {
        if (await OpenTo(db, citizenId, teamId).OrderByDescending(r => r.CreatedAtUtc).FirstOrDefaultAsync(ct) is { } open)
        {
            // Already referred to this team: the visit moves that referral on instead of making a second one.
            if (ReferralRules.CanMove(open.Status, ReferralStatus.Visited))
            {
                await MoveAsync(db, open, ReferralStatus.Visited, by, reason, null, now, ct);
            }

            return open;
        }

        return await StartAsync(db, citizenId, teamId, VisitMode.WithProgrammeGroup, visitAtUtc, null, ReferralStatus.Visited, reason, idempotencyKey, by, now, ct);
    }

    /// <summary>The citizen's open referral per team (team id → referral id): where "Henvis til dette hold" would only be refused, the page links to it instead.</summary>
    public static Task<Dictionary<int, int>> OpenByTeamAsync(AppDbContext db, int citizenId, CancellationToken ct = default) =>
        db.Referrals.AsNoTracking().Where(r => r.CitizenId == citizenId && r.Status != ReferralStatus.Closed)
            .GroupBy(r => r.TeamId)
            .Select(g => new { TeamId = g.Key, Id = g.Min(r => r.Id) })
            .ToDictionaryAsync(x => x.TeamId, x => x.Id, ct);

    /// <summary>A citizen has at most one open referral to a team.</summary>
    private static IQueryable<Referral> OpenTo(AppDbContext db, int citizenId, int teamId) =>
        db.Referrals.Where(r => r.CitizenId == citizenId && r.TeamId == teamId && r.Status != ReferralStatus.Closed);

    /// <summary>A new referral at <paramref name="status"/>, linked to the citizen's previous one, with its first history step.</summary>
    private static async Task<Referral> StartAsync(
        AppDbContext db, int citizenId, int teamId, VisitMode mode, DateTime visitAtUtc, string? needsForClub,
        ReferralStatus status, string reason, Guid idempotencyKey, string by, DateTimeOffset now, CancellationToken ct)
    {
        var previous = await db.Referrals.Where(r => r.CitizenId == citizenId).OrderByDescending(r => r.CreatedAtUtc).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
        var referral = new Referral
        {
            CitizenId = citizenId,
            TeamId = teamId,
            VisitMode = mode,
            VisitAtUtc = visitAtUtc,
            NeedsForClub = needsForClub,
            Status = status,
            StatusChangedAtUtc = now.UtcDateTime,
            PreviousReferralId = previous,
            CreatedAtUtc = now.UtcDateTime,
            CreatedBy = by,
            IdempotencyKey = idempotencyKey,
            History = [new() { From = null, To = status, AtUtc = now.UtcDateTime, By = by, Reason = reason }],
        };
        db.Referrals.Add(referral);
        return referral;
    }

    /// <summary>Moves a tracked referral to <paramref name="to"/> (the caller has checked the move is allowed) and writes the step to its history.</summary>
    private static async Task MoveAsync(AppDbContext db, Referral referral, ReferralStatus to, string by, string? reason, int? closingReasonId, DateTimeOffset now, CancellationToken ct)
    {
        var from = referral.Status;
        referral.Status = to;
        referral.StatusChangedAtUtc = now.UtcDateTime;
        if (to == ReferralStatus.Member)
        {
            referral.MemberSinceUtc = now.UtcDateTime;
        }

        db.ReferralStatusChanges.Add(new()
        {
            ReferralId = referral.Id,
            From = from,
            To = to,
            AtUtc = now.UtcDateTime,
            By = by,
            Reason = reason,
            ClosingReasonId = closingReasonId,
        });

        if (!ReferralRules.AwaitsVisit(to))
        {
            // The visit has happened or will not: a pending reminder would be wrong.
            var reminders = await db.OutboxMessages
                .Where(m => m.ReferralId == referral.Id && m.Kind == MessageKind.VisitReminder && m.Status == MessageStatus.Pending)
                .ToListAsync(ct);
            foreach (var m in reminders)
            {
                m.Status = MessageStatus.Cancelled;
                m.LastError = "Annulleret: besøget er ikke længere aktuelt.";
            }
        }
    }
}
