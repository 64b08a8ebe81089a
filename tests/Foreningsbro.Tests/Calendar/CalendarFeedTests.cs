using System.Net;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Features.Referrals;
using Ical.Net.DataTypes;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Calendar;

/// <summary>
/// The calendar feeds, read back with Ical.Net's own parser as a calendar program would: a team's weekly
/// times with breaks and summer time, and a person's secret feed with only what they may see.
/// </summary>
public class CalendarFeedTests(CalendarFeedTests.Factory app) : IClassFixture<CalendarFeedTests.Factory>
{
    public sealed class Factory : AppFactory
    {
        public int SundayTeam { get; private set; }
        public int PausedTeam { get; private set; }
        public int ArchivedTeam { get; private set; }

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            await WithDb(async db =>
            {
                var template = await db.Teams.OrderBy(t => t.Id).FirstAsync();
                Team T(string title, TeamStatus status) => new()
                {
                    Title = title,
                    ClubId = template.ClubId,
                    VenueId = template.VenueId,
                    ActivityId = template.ActivityId,
                    Status = status,
                    UpdatedAtUtc = new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc),
                };
                var sunday = T("Søndagsgang", TeamStatus.Active);
                sunday.SeasonStart = new DateOnly(2026, 8, 1);
                sunday.SeasonEnd = new DateOnly(2027, 6, 30);
                sunday.Schedules.Add(new TeamSchedule { Weekday = DayOfWeek.Sunday, Start = new TimeOnly(10, 0), End = new TimeOnly(11, 30) });
                sunday.Schedules.Add(new TeamSchedule { Weekday = DayOfWeek.Thursday, Start = new TimeOnly(18, 0), End = new TimeOnly(19, 0) });
                sunday.Breaks.Add(new TeamBreak { Name = "Efterårsferie", From = new DateOnly(2026, 10, 12), To = new DateOnly(2026, 10, 18) });
                sunday.Breaks.Add(new TeamBreak { Name = "Juleferie", From = new DateOnly(2026, 12, 21), To = new DateOnly(2027, 1, 3) });
                var paused = T("Pausehold", TeamStatus.Paused);
                paused.Schedules.Add(new TeamSchedule { Weekday = DayOfWeek.Monday, Start = new TimeOnly(10, 0), End = new TimeOnly(11, 0) });
                var archived = T("Arkivhold", TeamStatus.Archived);
                db.Teams.AddRange(sunday, paused, archived);
                await db.SaveChangesAsync();
                (SundayTeam, PausedTeam, ArchivedTeam) = (sunday.Id, paused.Id, archived.Id);
            });
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(HttpResponseMessage Response, string Body)> Get(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Ct);
        return (response, await response.Content.ReadAsStringAsync(Ct));
    }

    private async Task<Ical.Net.Calendar> Feed(string url)
    {
        var (response, body) = await Get(app.CreateAnonymousClient(), url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar", body[..Math.Min(body.Length, 3000)]);
        body.ShouldContain("BEGIN:VTIMEZONE");
        body.ShouldContain("TZID:Europe/Copenhagen");
        return Ical.Net.Calendar.Load(body)!;
    }

    private static List<DateTime> UtcStarts(Ical.Net.Calendar calendar, DateTime fromUtc, DateTime toUtc) =>
        [.. calendar.GetOccurrences(new CalDateTime(fromUtc, "UTC"))
            .TakeWhile(o => o.Period.StartTime.AsUtc < toUtc)
            .Select(o => o.Period.StartTime.AsUtc)];

    [Fact]
    public async Task A_teams_feed_repeats_weekly_in_Danish_time_across_both_summer_time_changes_and_skips_the_breaks()
    {
        var (_, raw) = await Get(app.CreateAnonymousClient(), $"/hold/{app.SundayTeam}.ics");
        raw.ShouldContain("RRULE:FREQ=WEEKLY");
        raw.ShouldContain("BYDAY=SU");
        raw.ShouldContain("EXDATE;TZID=Europe/Copenhagen:");
        raw.ShouldContain("DTSTART;TZID=Europe/Copenhagen:20260802T100000", customMessage: "the first Sunday of the season, local time");

        var calendar = await Feed($"/hold/{app.SundayTeam}.ics");
        calendar.Events.Count.ShouldBe(2);
        var all = UtcStarts(calendar, new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2027, 12, 31, 0, 0, 0, DateTimeKind.Utc));

        // Last Sunday of October 2026 (25th): summer time ends at 03:00, so 10:00 is 09:00 UTC; the week before 08:00 UTC.
        all.ShouldContain(new DateTime(2026, 10, 25, 9, 0, 0, DateTimeKind.Utc));
        all.ShouldNotContain(new DateTime(2026, 10, 18, 8, 0, 0, DateTimeKind.Utc), "18 October is in the autumn break");
        all.ShouldContain(new DateTime(2026, 10, 11, 8, 0, 0, DateTimeKind.Utc));
        // Last Sunday of March 2027 (28th): summer time begins at 02:00, so 10:00 is 08:00 UTC; the week before 09:00 UTC.
        all.ShouldContain(new DateTime(2027, 3, 28, 8, 0, 0, DateTimeKind.Utc));
        all.ShouldContain(new DateTime(2027, 3, 21, 9, 0, 0, DateTimeKind.Utc));
        // Thursdays at 18:00: 16:00 UTC in summer, 17:00 UTC in winter.
        all.ShouldContain(new DateTime(2026, 10, 22, 16, 0, 0, DateTimeKind.Utc));
        all.ShouldContain(new DateTime(2026, 10, 29, 17, 0, 0, DateTimeKind.Utc));

        // The oracle: every Sunday 10:00 and Thursday 18:00 of the season outside the breaks, by plain C#.
        var expected = new List<DateTime>();
        for (var d = new DateOnly(2026, 8, 1); d <= new DateOnly(2027, 6, 30); d = d.AddDays(1))
        {
            var inBreak = (d >= new DateOnly(2026, 10, 12) && d <= new DateOnly(2026, 10, 18)) || (d >= new DateOnly(2026, 12, 21) && d <= new DateOnly(2027, 1, 3));
            if (!inBreak && d.DayOfWeek is DayOfWeek.Sunday or DayOfWeek.Thursday)
            {
                expected.Add(Foreningsbro.Web.Infrastructure.DanishTime.ToUtc(d, d.DayOfWeek == DayOfWeek.Sunday ? new TimeOnly(10, 0) : new TimeOnly(18, 0)));
            }
        }

        all.Order().ShouldBe(expected.Order(), "nothing after the season's end, nothing in a break");
    }

    [Fact]
    public async Task A_paused_team_has_an_empty_feed_and_unknown_or_archived_teams_are_404()
    {
        (await Feed($"/hold/{app.PausedTeam}.ics")).Events.ShouldBeEmpty();
        (await Get(app.CreateAnonymousClient(), $"/hold/{app.ArchivedTeam}.ics")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Get(app.CreateAnonymousClient(), "/hold/999999.ics")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Get(app.CreateAnonymousClient(), "/kalender/not-a-token.ics")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Get(app.CreateAnonymousClient(), $"/kalender/{new string('A', 43)}.ics")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<(HttpClient Client, string Url)> MakeLink(string email)
    {
        var client = await app.CreateClientAs(email);
        var form = await client.GetFormAsync("/kalender");
        var response = await client.PostFormAsync("/kalender?handler=Create", form);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await response.ReadDocumentAsync();
        var url = doc.QuerySelector("#feed-url")!.TextContent.Trim();
        url.ShouldContain("/kalender/");
        return (client, new Uri(url).PathAndQuery);
    }

    [Fact]
    public async Task A_club_contacts_feed_has_the_clubs_coming_visits_with_first_names_only_as_the_club_may_see_them()
    {
        var (_, url) = await MakeLink(DemoUsers.ClubContact);
        var calendar = await Feed(url);

        var now = AppFactory.Now.UtcDateTime;
        var clubId = await app.WithDb(db => db.Users.Where(u => u.Email == DemoUsers.ClubContact).Select(u => u.ClubId!.Value).SingleAsync(Ct));
        var expected = await app.WithDb(db => db.Referrals.AsNoTracking()
            .Where(r => r.Team.ClubId == clubId && r.VisitAtUtc >= now.AddDays(-1) && r.VisitAtUtc < now.AddDays(180)
                && (r.Status == ReferralStatus.Referred || r.Status == ReferralStatus.VisitScheduled))
            .Select(r => new { r.Id, r.Citizen.FirstName, r.Citizen.LastName, r.Citizen.Phone, Shares = r.Citizen.Consents.AsQueryable().Any(ConsentRules.ActiveFor(ConsentPurpose.ShareWithClub)) })
            .ToListAsync(Ct));
        expected.ShouldNotBeEmpty("the demo data has coming visits to the club");
        calendar.Events.Select(e => e.Uid).Order().ShouldBe(expected.Select(r => $"besoeg-{r.Id}@foreningsbro").Order());
        foreach (var r in expected)
        {
            var e = calendar.Events.Single(x => x.Uid == $"besoeg-{r.Id}@foreningsbro");
            e.Summary!.ShouldStartWith(r.Shares ? $"Besøg: {r.FirstName} – " : "Besøg: En borger – ");
            var text = e.Summary + e.Description + e.Location;
            text.ShouldNotContain(r.LastName);
            if (r.Phone is { Length: > 0 })
            {
                text.ShouldNotContain(r.Phone);
            }
        }

        var logged = await app.WithDb(db => db.AccessLog.CountAsync(l => l.View == "Kalender-feed", Ct));
        logged.ShouldBeGreaterThan(0, "a feed with citizens' first names is access-logged");
    }

    [Fact]
    public async Task A_new_link_or_stopping_ends_the_old_address_and_only_the_hash_is_stored()
    {
        var (client, first) = await MakeLink(DemoUsers.OtherClubContact);
        (await Get(app.CreateAnonymousClient(), first)).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = first.Split('/').Last().Replace(".ics", "", StringComparison.Ordinal);
        var stored = await app.WithDb(db => db.Users.Where(u => u.Email == DemoUsers.OtherClubContact).Select(u => u.CalendarFeedTokenHash).SingleAsync(Ct));
        stored.ShouldNotBeNull();
        stored.ShouldNotContain(token);
        stored.ShouldBe(Foreningsbro.Web.Features.Calendar.CalendarFeeds.Hash(token));

        var (_, second) = await MakeLink(DemoUsers.OtherClubContact);
        second.ShouldNotBe(first);
        (await Get(app.CreateAnonymousClient(), first)).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound, "the new link replaced it");
        (await Get(app.CreateAnonymousClient(), second)).Response.StatusCode.ShouldBe(HttpStatusCode.OK);

        var form = await client.GetFormAsync("/kalender");
        var stop = await client.PostFormAsync("/kalender?handler=Stop", form);
        (await stop.ReadDocumentAsync()).Body!.TextContent.ShouldContain("Kalenderlinket er stoppet.");
        (await Get(app.CreateAnonymousClient(), second)).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound, "stopped");
    }

    [Fact]
    public async Task An_instructors_feed_has_their_programmes_sessions_and_a_professionals_their_booked_first_visits()
    {
        var (_, url) = await MakeLink(DemoUsers.Instructor);
        var calendar = await Feed(url);
        var today = DateOnly.FromDateTime(Foreningsbro.Web.Infrastructure.DanishTime.ToDanish(AppFactory.Now));
        var userId = await app.WithDb(db => db.Users.Where(u => u.Email == DemoUsers.Instructor).Select(u => u.Id).SingleAsync(Ct));
        var sessions = await app.WithDb(db => db.ProgrammeSessions.AsNoTracking()
            .Where(s => s.Programme.Instructors.Any(i => i.UserId == userId) && !s.Programme.Archived && s.Date >= today.AddDays(-1) && s.Date <= today.AddDays(180))
            .Select(s => new { s.Id, s.Date, s.Start })
            .ToListAsync(Ct));
        sessions.ShouldNotBeEmpty();
        calendar.Events.Select(e => e.Uid).Order().ShouldBe(sessions.Select(s => $"traening-{s.Id}@foreningsbro").Order());
        var one = sessions[0];
        calendar.Events.Single(e => e.Uid == $"traening-{one.Id}@foreningsbro").DtStart!.AsUtc
            .ShouldBe(Foreningsbro.Web.Infrastructure.DanishTime.ToUtc(one.Date, one.Start));

        var (_, proUrl) = await MakeLink(DemoUsers.Professional);
        var pro = await Feed(proUrl);
        var name = await app.WithDb(db => db.Users.Where(u => u.Email == DemoUsers.Professional).Select(u => u.DisplayName).SingleAsync(Ct));
        var now = AppFactory.Now.UtcDateTime;
        var booked = await app.WithDb(db => db.Referrals.AsNoTracking()
            .Where(r => r.CreatedBy == name && r.VisitAtUtc >= now.AddDays(-1) && r.VisitAtUtc < now.AddDays(180)
                && (r.Status == ReferralStatus.Referred || r.Status == ReferralStatus.VisitScheduled))
            .Select(r => new { r.Id, r.Citizen.LastName })
            .ToListAsync(Ct));
        pro.Events.Select(e => e.Uid).Order().ShouldBe(booked.Select(r => $"henvisning-{r.Id}@foreningsbro").Order());
        foreach (var r in booked)
        {
            pro.Events.Single(e => e.Uid == $"henvisning-{r.Id}@foreningsbro").Summary!.ShouldNotContain(r.LastName);
        }
    }

    [Fact]
    public async Task A_coordinator_has_no_calendar_page_and_an_anonymous_visitor_is_sent_to_log_in()
    {
        var coordinator = await app.CreateCoordinatorClient();
        var (response, _) = await Get(coordinator, "/kalender");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/konto/ingen-adgang");
        var (anonymous, _) = await Get(app.CreateAnonymousClient(), "/kalender");
        anonymous.Headers.Location!.ToString().ShouldContain("/konto/log-ind");
    }
}
