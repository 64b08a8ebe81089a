using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Programmes;

namespace Foreningsbro.Bench;

/// <summary>
/// The requests the benchmark sends. New areas add their scenario here and to <see cref="All"/>;
/// the runner, the table and the scaling comparison pick it up.
/// </summary>
public static class Scenarios
{
    public const string Ceiling = "ceiling";
    public const string Search = "search";
    public const string TeamPage = "team-page";
    public const string ReferralCreate = "referral-create";
    public const string ClubVisits = "club-visits";
    public const string FunnelReport = "funnel";
    public const string SessionAttendance = "session-attendance";

    /// <summary>The catalogue scenarios, and the bridging ones when the database has citizens and the bench users are signed in.</summary>
    public static IReadOnlyList<Scenario> All(PreparedDatabase db, BenchSession? session)
    {
        List<Scenario> all =
        [
            Scenario.Get(Ceiling, "GET /healthz/live (no database): the machine's ceiling", _ => "healthz/live"),
            Scenario.Get(Search, "GET /api/v1/teams with a mix of free text and filters, pages 1-3", r => SearchUrl(r, db)),
            Scenario.Get(TeamPage, "GET /hold/{id} (HTML) for a random active team", r => $"hold/{db.ActiveTeamIds[r.Next(db.ActiveTeamIds.Length)]}"),
        ];

        if (session is not null)
        {
            all.Add(new(ReferralCreate, "POST /api/v1/referrals (bearer token): a professional refers a citizen of their department to a team in their municipality", CreateReferral(session)));
            all.Add(new(ClubVisits, "GET /min-forening/besoeg (login cookie): a club contact's list of visits", r =>
                WithCookie(new HttpRequestMessage(HttpMethod.Get, "min-forening/besoeg"), session.ClubContactCookies[r.Next(session.ClubContactCookies.Count)])));
            all.Add(new(FunnelReport, "GET /api/v1/reports/funnel (bearer token): the coordinator's funnel of the last year, every department of their municipality (the largest)", _ =>
                WithToken(new HttpRequestMessage(HttpMethod.Get, "api/v1/reports/funnel"), session.CoordinatorToken)));
        }

        if (session is { Data.Instructors.Count: > 0 })
        {
            all.Add(new(SessionAttendance, "PUT /api/v1/sessions/{id}/attendance (bearer token): an instructor records attendance, check-in moods and check-out ratings for a session of the last four weeks", RecordAttendance(session)));
        }

        return all;
    }

    /// <summary>
    /// Each request is a new (citizen, team) pair, so none is refused as a second open referral to
    /// the same team: the professionals take turns, each walking their citizens and, round by
    /// round, their municipality's teams, skipping pairs the data already has open.
    /// </summary>
    private static Func<Random, HttpRequestMessage> CreateReferral(BenchSession session)
    {
        var next = new long[session.Data.Professionals.Count];
        var turn = -1L;
        var visitDate = DateOnly.FromDateTime(DateTime.Now).AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return _ =>
        {
            var p = (int)(Interlocked.Increment(ref turn) % next.Length);
            var data = session.Data.Professionals[p];
            int citizen, team;
            do
            {
                var i = Interlocked.Increment(ref next[p]);
                citizen = data.CitizenIds[i % data.CitizenIds.Length];
                team = data.TeamIds[(int)(i / data.CitizenIds.Length % data.TeamIds.Length)];
            }
            while (data.OpenReferrals.Contains((citizen, team)));

            var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/referrals")
            {
                Content = JsonContent.Create(new { citizenId = citizen, teamId = team, visitMode = "Alone", visitDate }),
            };
            return WithToken(request, session.ProfessionalTokens[p]);
        };
    }

    /// <summary>
    /// The instructors' recent sessions in turn, the instructors interleaved; each request records every
    /// participant of its session, flipping each one's field to the value it did not send last time and
    /// naming the value it did send as "previous" (what the device was shown), as an instructor
    /// correcting a session would. The field always holds one of the two values, so no request is a
    /// conflict, however the connections' requests interleave.
    /// </summary>
    private static Func<Random, HttpRequestMessage> RecordAttendance(BenchSession session)
    {
        var sessions = session.Data.Instructors
            .SelectMany((instructor, i) => instructor.Sessions.Select((s, n) => (Order: n, Instructor: i, Token: session.InstructorTokens[i], Session: s)))
            .OrderBy(x => x.Order).ThenBy(x => x.Instructor)
            .ToArray();
        var turn = -1L;
        return _ =>
        {
            var t = Interlocked.Increment(ref turn);
            var (_, _, token, recorded) = sessions[t % sessions.Length];
            var flip = t / sessions.Length % 2 == 0;
            var entries = recorded.Cells.Select(c =>
            {
                var (value, shown) = flip ? (c.Other, c.Original) : (c.Original, c.Other);
                return c.Field switch
                {
                    CellField.Status => new AttendanceEntryDto(c.EnrolmentId, ((AttendanceStatus)value).ToString(), null, null,
                        new AttendanceShownDto(((AttendanceStatus)shown).ToString(), null, null, null, null)),
                    CellField.Mood => new AttendanceEntryDto(c.EnrolmentId, null, new CheckInDto(value, null), null, new AttendanceShownDto(null, shown, null, null, null)),
                    _ => new AttendanceEntryDto(c.EnrolmentId, null, null, new CheckOutDto(value, null), new AttendanceShownDto(null, null, null, shown, null)),
                };
            }).ToList();
            var request = new HttpRequestMessage(HttpMethod.Put, $"api/v1/sessions/{recorded.Id}/attendance") { Content = JsonContent.Create(entries) };
            return WithToken(request, token);
        };
    }

    private static HttpRequestMessage WithToken(HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static HttpRequestMessage WithCookie(HttpRequestMessage request, string cookie)
    {
        request.Headers.Add("Cookie", cookie);
        return request;
    }

    // What caseworkers type: an activity, a town, the two together, or a target-group word.
    private static readonly string[] ActivityWords =
    [
        "yoga", "stavgang", "badminton", "svømning", "gåfodbold", "pilates", "petanque", "krolf", "dans", "cykling",
        "vandgymnastik", "seniorfitness", "bordtennis", "volleyball", "styrketræning", "gymnastik", "roning", "tai chi",
    ];

    private static readonly string[] PeopleWords = ["senior", "kvinder", "kronisk", "begyndere", "ryg", "ledige", "mænd", "roligt tempo"];

    private static readonly string[] WeekdayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    private static readonly string[] TimesOfDay = ["morning", "afternoon", "evening"];
    private static readonly string[] IntensityNames = ["light", "moderate", "hard"];

    /// <summary>A search as caseworkers would make it: weighted towards free text plus a place, with filter-only searches mixed in.</summary>
    public static string SearchUrl(Random r, PreparedDatabase db)
    {
        var query = new List<(string Name, string Value)>();
        var town = Pick(r, db.Towns);
        var postalCode = Pick(r, db.PostalCodes);
        var roll = r.Next(100);
        switch (roll)
        {
            case < 20: // "yoga" (and half the time a postal code)
                query.Add(("q", Pick(r, ActivityWords)));
                if (r.Next(2) == 0)
                {
                    query.Add(("postalCode", postalCode));
                }

                break;
            case < 30: // a town typed as text, sometimes without æøå
                query.Add(("q", r.Next(3) == 0 ? Ascii(town) : town));
                break;
            case < 40: // "stavgang taastrup"
                query.Add(("q", $"{Pick(r, ActivityWords)} {town}"));
                break;
            case < 55: // activity list + postal code, often only "Kom og vær med"
                query.Add(("activity", Pick(r, CatalogueGenerator.ActivityKinds).Name));
                query.Add(("postalCode", postalCode));
                if (r.Next(2) == 0)
                {
                    query.Add(("lowThreshold", "true"));
                }

                break;
            case < 70: // "tuesday morning, low threshold" across the country
                query.Add(("weekday", Pick(r, WeekdayNames)));
                query.Add(("timeOfDay", Pick(r, TimesOfDay)));
                query.Add(("lowThreshold", "true"));
                break;
            case < 80: // a town and a weekday
                query.Add(("place", town));
                query.Add(("weekday", Pick(r, WeekdayNames)));
                break;
            case < 90: // target group + intensity near a postal code
                query.Add(("targetGroup", Pick(r, CatalogueGenerator.TargetGroupKinds).Name));
                query.Add(("intensity", Pick(r, IntensityNames)));
                query.Add(("postalCode", postalCode));
                break;
            case < 95: // who it is for, in words
                query.Add(("q", Pick(r, PeopleWords)));
                query.Add(("lowThreshold", "true"));
                break;
            default: // free places for an activity near a postal code
                query.Add(("freePlaces", "true"));
                query.Add(("activity", Pick(r, CatalogueGenerator.ActivityKinds).Name));
                query.Add(("postalCode", postalCode));
                break;
        }

        var page = r.Next(10) switch { < 7 => 1, < 9 => 2, _ => 3 };
        if (page > 1)
        {
            query.Add(("page", page.ToString(CultureInfo.InvariantCulture)));
        }

        return "api/v1/teams?" + string.Join('&', query.Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}"));
    }

    private static T Pick<T>(Random r, IReadOnlyList<T> items) => items[r.Next(items.Count)];

    // "Tåstrup" typed as "Taastrup", "Køge" as "Koege": the spellings a search must treat alike.
    private static string Ascii(string text) => new StringBuilder(text)
        .Replace("æ", "ae").Replace("ø", "oe").Replace("å", "aa").Replace("Æ", "Ae").Replace("Ø", "Oe").Replace("Å", "Aa").ToString();
}
