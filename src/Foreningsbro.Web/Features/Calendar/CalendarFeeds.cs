using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Features.Referrals;
using Foreningsbro.Web.Infrastructure;
using Ical.Net.CalendarComponents;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Calendar;

/// <summary>
/// Calendar feeds to subscribe to: a team's weekly times (public, like the team page) and a person's own
/// feed behind a secret address (a calendar program sends no login): a club contact's coming visits, a
/// professional's booked first visits, an instructor's sessions. A person's feed shows citizens by first
/// name only, and only where the person may see them on their own pages (Visibility, ClubVisits); a
/// club sees the first name only while the citizen consents to sharing it. The secret is 256 random
/// bits of which only a SHA-256 hash is stored, as for invitation links; a new address or "stop" makes
/// the old one a 404.
/// </summary>
public static class CalendarFeeds
{
    /// <summary>How far ahead a personal feed looks, and how far back (a visit from yesterday stays visible for a day).</summary>
    public const int DaysAhead = 180;

    public static void MapCalendarFeeds(this WebApplication app)
    {
        app.MapGet("/hold/{id:int}.ics", TeamFeed).AllowAnonymous().WithName("TeamCalendar").ExcludeFromDescription();
        app.MapGet("/kalender/{token}.ics", PersonalFeed).AllowAnonymous().WithName("PersonalCalendar").ExcludeFromDescription();
    }

    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string FeedUrl(HttpRequest request, IConfiguration config, string token) => $"{SafeUrls.PublicBase(request, config)}/kalender/{token}.ics";

    public static async Task<IResult> TeamFeed(int id, AppDbContext db, HttpRequest request, IConfiguration config, TimeProvider clock, CancellationToken ct)
    {
        var team = await db.Teams.AsNoTracking()
            .Where(t => t.Id == id && t.Status != TeamStatus.Archived && !t.Club.Archived)
            .Include(t => t.Club).Include(t => t.Venue).Include(t => t.Schedules).Include(t => t.Breaks)
            .AsSplitQuery()
            .FirstOrDefaultAsync(ct);
        if (team is null)
        {
            return Results.NotFound();
        }

        return Ics.Result(Ics.Team(team, SafeUrls.TeamPage(request, config, team.Id), DanishTime.Today(clock)), $"hold-{id}.ics");
    }

    public static async Task<IResult> PersonalFeed(
        string token, AppDbContext db, IUserClaimsPrincipalFactory<AppUser> principals, TimeProvider clock, HttpResponse response, CancellationToken ct)
    {
        // A token we made is 43 URL-safe characters; anything else is not worth a database look-up.
        if (token.Length != 43)
        {
            return Results.NotFound();
        }

        var hash = Hash(token);
        var user = await db.Users.FirstOrDefaultAsync(u => u.CalendarFeedTokenHash == hash && u.DeactivatedAtUtc == null, ct);
        if (user is null)
        {
            return Results.NotFound();
        }

        var principal = await principals.CreateAsync(user);
        var now = clock.GetUtcNow();
        var calendar = Ics.New("Foreningsbro – " + user.DisplayName);
        var count = 0;
        if (principal.IsInRole(Roles.ClubContact))
        {
            count += await AddClubVisitsAsync(db, principal, calendar, now, ct);
        }

        if (principal.IsInRole(Roles.Professional))
        {
            count += await AddBookedVisitsAsync(db, principal, calendar, now, ct);
        }

        if (principal.IsInRole(Roles.Instructor))
        {
            await AddSessionsAsync(db, principal, calendar, now, ct);
        }

        if (count > 0)
        {
            // The feed lists citizens (by first name): it is written to the access log like the visit list.
            await AccessLog.WriteListAsync(db, principal, now, "Kalender-feed", null, count, ct);
        }

        response.Headers.CacheControl = "private, no-store";
        return Ics.Result(calendar, "foreningsbro.ics");
    }

    private static CalendarEvent Visit(string uid, string summary, string description, DateTime visitAtUtc, Venue venue) => new()
    {
        Uid = uid,
        Summary = summary,
        Description = description,
        Location = Ics.Place(venue),
        DtStart = Ics.Local(DanishTime.ToDanish(visitAtUtc)),
        DtEnd = Ics.Local(DanishTime.ToDanish(visitAtUtc).AddHours(1)),
    };

    private static async Task<int> AddClubVisitsAsync(AppDbContext db, ClaimsPrincipal user, Ical.Net.Calendar calendar, DateTimeOffset now, CancellationToken ct)
    {
        var (from, to) = (now.UtcDateTime.AddDays(-1), now.UtcDateTime.AddDays(DaysAhead));
        var referrals = db.Referrals.AsNoTracking().VisibleTo(user)
            .Where(r => r.VisitAtUtc >= from && r.VisitAtUtc < to && (r.Status == ReferralStatus.Referred || r.Status == ReferralStatus.VisitScheduled));
        // The club's own projection: the first name only with the citizen's consent, and never the phone or needs here.
        var rows = await ClubVisits.Project(referrals.OrderBy(r => r.VisitAtUtc)).ToListAsync(ct);
        var venues = await VenuesOf(db, rows.Select(r => r.TeamId), ct);
        foreach (var v in rows)
        {
            var who = v.FirstName ?? "En borger";
            calendar.Events.Add(Visit(
                $"besoeg-{v.Id.ToString(CultureInfo.InvariantCulture)}@foreningsbro",
                $"Besøg: {who} – {v.Team}",
                $"{v.Mode.Danish()}. {v.Status.Danish()}. Bekræft besøget i Foreningsbro under Besøg.",
                v.VisitAtUtc,
                venues[v.TeamId]));
        }

        return rows.Count(r => r.FirstName is not null);
    }

    private static async Task<int> AddBookedVisitsAsync(AppDbContext db, ClaimsPrincipal user, Ical.Net.Calendar calendar, DateTimeOffset now, CancellationToken ct)
    {
        var (from, to) = (now.UtcDateTime.AddDays(-1), now.UtcDateTime.AddDays(DaysAhead));
        var by = user.DisplayName();
        var rows = await db.Referrals.AsNoTracking().VisibleTo(user)
            .Where(r => r.CreatedBy == by && r.VisitAtUtc >= from && r.VisitAtUtc < to && (r.Status == ReferralStatus.Referred || r.Status == ReferralStatus.VisitScheduled))
            .OrderBy(r => r.VisitAtUtc)
            .Select(r => new { r.Id, r.TeamId, Team = r.Team.Title, Club = r.Team.Club.Name, r.VisitAtUtc, r.VisitMode, r.Citizen.FirstName })
            .ToListAsync(ct);
        var venues = await VenuesOf(db, rows.Select(r => r.TeamId), ct);
        foreach (var r in rows)
        {
            calendar.Events.Add(Visit(
                $"henvisning-{r.Id.ToString(CultureInfo.InvariantCulture)}@foreningsbro",
                $"Første besøg: {r.FirstName} – {r.Team}",
                $"{r.Club}. {r.VisitMode.Danish()}.",
                r.VisitAtUtc,
                venues[r.TeamId]));
        }

        return rows.Count;
    }

    private static async Task AddSessionsAsync(AppDbContext db, ClaimsPrincipal user, Ical.Net.Calendar calendar, DateTimeOffset now, CancellationToken ct)
    {
        var today = DanishTime.Today(now);
        var (from, to) = (today.AddDays(-1), today.AddDays(DaysAhead));
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var sessions = await db.ProgrammeSessions.AsNoTracking()
            .Where(s => s.Programme.Instructors.Any(i => i.UserId == userId) && !s.Programme.Archived && s.Date >= from && s.Date <= to)
            .OrderBy(s => s.Date).ThenBy(s => s.Start)
            .Select(s => new { s.Id, s.Date, s.Start, s.End, s.Cancelled, s.Topic, Programme = s.Programme.Name, s.Programme.Venue })
            .ToListAsync(ct);
        foreach (var s in sessions)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"traening-{s.Id.ToString(CultureInfo.InvariantCulture)}@foreningsbro",
                Summary = s.Cancelled ? $"Aflyst: {s.Programme}" : s.Programme,
                Description = s.Topic is { Length: > 0 } topic ? $"Emne: {topic}" : "",
                Location = Ics.Place(s.Venue),
                DtStart = Ics.Local(s.Date, s.Start),
                DtEnd = Ics.Local(s.Date, s.End),
                Status = s.Cancelled ? "CANCELLED" : "CONFIRMED",
            });
        }
    }

    private static async Task<Dictionary<int, Venue>> VenuesOf(AppDbContext db, IEnumerable<int> teamIds, CancellationToken ct)
    {
        var ids = teamIds.Distinct().ToList();
        return await db.Teams.AsNoTracking().Where(t => ids.Contains(t.Id)).Select(t => new { t.Id, t.Venue }).ToDictionaryAsync(t => t.Id, t => t.Venue, ct);
    }
}
