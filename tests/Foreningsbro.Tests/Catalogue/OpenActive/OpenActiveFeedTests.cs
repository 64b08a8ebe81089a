using System.Net;
using System.Text.Json;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Catalogue.OpenActive;

/// <summary>
/// The OpenActive RPDE feed of SessionSeries: a reader that starts at the beginning and follows "next" sees
/// every team once in (modified, id) order, then only what changed since, a changed team again at the end
/// and an archived one as a tombstone; bad paging parameters are a 400 naming them.
/// </summary>
public class OpenActiveFeedTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Feed = "/api/openactive/session-series";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> Get(string url)
    {
        var response = await app.CreateAnonymousClient().GetAsync(url, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string Local(string next) => new Uri(next).PathAndQuery;

    /// <summary>Follows next until a page is empty: every item seen, and the address to come back to.</summary>
    private async Task<(List<JsonElement> Items, string Next)> Walk(string from)
    {
        var items = new List<JsonElement>();
        var url = from;
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await Get(url);
            var next = Local(page.GetProperty("next").GetString()!);
            var got = page.GetProperty("items").EnumerateArray().ToList();
            if (got.Count == 0)
            {
                next.ShouldBe(url, "the last page's next is the page itself");
                return (items, url);
            }

            items.AddRange(got);
            url = next;
        }

        throw new InvalidOperationException("The feed did not end.");
    }

    private static (long Modified, int Id) Position(JsonElement item) =>
        (item.GetProperty("modified").GetInt64(), int.Parse(item.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task The_feed_lists_every_team_once_in_modified_and_id_order_then_only_what_changed_with_archived_teams_as_tombstones()
    {
        var (items, next) = await Walk(Feed);
        var all = await app.WithDb(db => db.Teams.AsNoTracking().Select(t => new { t.Id, t.Status, ClubArchived = t.Club.Archived }).ToListAsync(Ct));
        items.Select(i => Position(i).Id).ShouldBe(all.Select(t => t.Id), ignoreOrder: true);
        items.Select(Position).ShouldBe(items.Select(Position).OrderBy(p => p.Modified).ThenBy(p => p.Id), "ordered by modified, then id");
        foreach (var item in items)
        {
            var team = all.Single(t => t.Id == Position(item).Id);
            item.GetProperty("kind").GetString().ShouldBe("SessionSeries");
            item.GetProperty("state").GetString().ShouldBe(team.Status == TeamStatus.Archived || team.ClubArchived ? "deleted" : "updated");
        }

        // Nothing changed: coming back finds nothing.
        (await Get(next)).GetProperty("items").GetArrayLength().ShouldBe(0);

        // One team edited, one archived: exactly those two come next, in the order they changed, the archived one without data.
        var ids = all.Where(t => t.Status != TeamStatus.Archived && !t.ClubArchived).Select(t => t.Id).Order().Take(2).ToList();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.WithDb(async db =>
        {
            var team = await db.Teams.SingleAsync(t => t.Id == ids[1], Ct);
            team.Title += " (ny titel)";
            team.UpdatedAtUtc = app.Clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(Ct);
        });
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.WithDb(async db =>
        {
            var team = await db.Teams.SingleAsync(t => t.Id == ids[0], Ct);
            team.Status = TeamStatus.Archived;
            team.UpdatedAtUtc = app.Clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(Ct);
        });

        var (changes, _) = await Walk(next);
        changes.Select(i => Position(i).Id).ShouldBe([ids[1], ids[0]]);
        changes[0].GetProperty("state").GetString().ShouldBe("updated");
        changes[0].GetProperty("data").GetProperty("name").GetString()!.ShouldEndWith(" (ny titel)");
        changes[1].GetProperty("state").GetString().ShouldBe("deleted");
        changes[1].TryGetProperty("data", out _).ShouldBeFalse("a tombstone carries no data");
    }

    [Fact]
    public async Task A_page_after_a_position_holds_exactly_the_items_after_it_also_between_equal_modified_times()
    {
        // Three teams changed at the very same moment: the id breaks the tie.
        var same = new DateTime(2020, 1, 1, 12, 0, 0, DateTimeKind.Utc); // before every other change, so the other test's reader, further on, is not disturbed
        var ids = await app.WithDb(async db =>
        {
            var teams = await db.Teams.OrderByDescending(t => t.Id).Take(3).ToListAsync(Ct);
            teams.ForEach(t => t.UpdatedAtUtc = same);
            await db.SaveChangesAsync(Ct);
            return teams.Select(t => t.Id).Order().ToList();
        });

        var (items, _) = await Walk(Feed);
        var positions = items.Select(Position).ToList();
        var middle = positions.FindIndex(p => p.Id == ids[0]);
        middle.ShouldBeGreaterThanOrEqualTo(0);
        var after = await Get($"{Feed}?afterTimestamp={positions[middle].Modified}&afterId={positions[middle].Id}");
        after.GetProperty("items").EnumerateArray().Select(Position).ShouldBe(positions.Skip(middle + 1));
        after.GetProperty("items").EnumerateArray().Select(i => Position(i).Id).Take(2).ShouldBe([ids[1], ids[2]]);
    }

    [Fact]
    public async Task A_team_is_a_SessionSeries_with_its_weekly_times_season_and_break_days_in_Danish_time()
    {
        var team = await app.WithDb(db => db.Teams.AsNoTracking().Include(t => t.Schedules).Include(t => t.Breaks).Include(t => t.Club).Include(t => t.Venue)
            .Where(t => t.Status == TeamStatus.Active && !t.Club.Archived && t.Breaks.Count > 0 && t.Schedules.Count > 0).OrderBy(t => t.Id).FirstAsync(Ct));
        var (items, _) = await Walk(Feed);
        var data = items.Single(i => Position(i).Id == team.Id).GetProperty("data");
        data.GetProperty("@type").GetString().ShouldBe("SessionSeries");
        data.GetProperty("@context").GetString().ShouldBe("https://openactive.io/");
        data.GetProperty("name").GetString().ShouldBe(team.Title);
        data.GetProperty("url").GetString()!.ShouldEndWith($"/hold/{team.Id}");
        data.GetProperty("organizer").GetProperty("name").GetString().ShouldBe(team.Club.Name);
        data.GetProperty("location").GetProperty("address").GetProperty("postalCode").GetString().ShouldBe(team.Venue.PostalCode);
        var schedules = data.GetProperty("eventSchedule").EnumerateArray().ToList();
        schedules.Count.ShouldBe(team.Schedules.Count);
        var first = team.Schedules.OrderBy(s => ((int)s.Weekday + 6) % 7).ThenBy(s => s.Start).First();
        var schedule = schedules[0];
        schedule.GetProperty("byDay")[0].GetString().ShouldBe("https://schema.org/" + first.Weekday);
        schedule.GetProperty("startTime").GetString().ShouldBe(first.Start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        schedule.GetProperty("scheduleTimezone").GetString().ShouldBe("Europe/Copenhagen");
        schedule.GetProperty("repeatFrequency").GetString().ShouldBe("P1W");
        var breakDays = team.Breaks.SelectMany(b => Enumerable.Range(0, b.To.DayNumber - b.From.DayNumber + 1).Select(b.From.AddDays)).Where(d => d.DayOfWeek == first.Weekday).ToList();
        if (breakDays.Count > 0)
        {
            var except = schedule.GetProperty("exceptDate").EnumerateArray().Select(e => DateTimeOffset.Parse(e.GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            except.Select(e => DateOnly.FromDateTime(e.DateTime)).ShouldBe(breakDays.Distinct().Order());
            except.ShouldAllBe(e => e.Offset == TimeSpan.FromHours(1) || e.Offset == TimeSpan.FromHours(2));
        }
    }

    [Theory]
    [InlineData("?afterTimestamp=abc&afterId=1", "afterTimestamp")]
    [InlineData("?afterTimestamp=-5&afterId=1", "afterTimestamp")]
    [InlineData("?afterTimestamp=99999999999999999999&afterId=1", "afterTimestamp")]
    [InlineData("?afterTimestamp=1&afterId=x", "afterId")]
    [InlineData("?afterId=4", "afterTimestamp")]
    [InlineData("?afterTimestamp=638000000000000000", "afterId")]
    public async Task Bad_paging_parameters_are_a_400_naming_them(string query, string field)
    {
        var response = await app.CreateAnonymousClient().GetAsync(Feed + query, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(query);
    }
}
