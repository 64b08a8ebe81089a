using System.Net;
using System.Text.Json;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Catalogue;

/// <summary>
/// GET /api/v1/teams and friends against the untouched demo data. Expectations are either listed by
/// hand from DemoData or computed from the database by plain C#, independent of the search code.
/// </summary>
public class CatalogueApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> GetJson(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await app.CreateAnonymousClient().GetAsync(url, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(expected, $"GET {url}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<string[]> Titles(string query)
    {
        var json = await GetJson("/api/v1/teams?pageSize=100&" + query);
        var titles = json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToArray();
        json.GetProperty("total").GetInt32().ShouldBe(titles.Length, "total counts the same teams as the items");
        json.GetProperty("totalIsExact").GetBoolean().ShouldBeTrue();
        return titles;
    }

    private sealed record DemoTeam(string Title, string Activity, Intensity Intensity, string PostalCode, string Town, int? FreePlaces, bool LowThreshold, List<string> Groups, List<(DayOfWeek Day, TimeOnly Start)> Sessions);

    /// <summary>The active teams, loaded without the search code, as the oracle for the filters.</summary>
    private Task<List<DemoTeam>> ActiveTeams() => app.WithDb(async db =>
        (await db.Teams.AsNoTracking()
            .Where(t => t.Status == TeamStatus.Active)
            .Include(t => t.Activity).Include(t => t.Venue).Include(t => t.TargetGroups).Include(t => t.Schedules)
            .ToListAsync(Ct))
        .Select(t => new DemoTeam(t.Title, t.Activity.Name, t.Intensity, t.Venue.PostalCode, t.Venue.Town, t.FreePlaces, t.LowThreshold,
            [.. t.TargetGroups.Select(g => g.Name)], [.. t.Schedules.Select(s => (s.Weekday, s.Start))]))
        .ToList());

    public static TheoryData<string> FilterCases =>
    [
        "activity=Stavgang",
        "activity=svoemning",
        "targetGroup=kronisk%20sygdom",
        "intensity=hard",
        "intensity=light",
        "weekday=monday",
        "timeOfDay=morning",
        "timeOfDay=afternoon",
        "timeOfDay=evening",
        "weekday=thursday&timeOfDay=morning",
        "postalCode=2640",
        "place=Hedehusene",
        "place=hedeh",
        "place=2630",
        "freePlaces=true",
        "activity=Gymnastik&weekday=monday",
        "targetGroup=Senior&intensity=moderate&freePlaces=true",
        "targetGroup=Uden%20for%20arbejdsmarkedet&timeOfDay=evening&place=Taastrup",
        "weekday=monday&place=Taastrup",
        "weekday=thursday&timeOfDay=morning&postalCode=2630",
        "weekday=tuesday&place=hede",
    ];

    [Theory]
    [MemberData(nameof(FilterCases))]
    public async Task Every_filter_returns_exactly_the_demo_teams_that_match(string query)
    {
        var teams = await ActiveTeams();
        var expected = teams.Where(Oracle(query)).Select(t => t.Title).Order().ToArray();

        var titles = await Titles(query);

        expected.ShouldNotBeEmpty("a case that matches nothing proves nothing");
        expected.Length.ShouldBeLessThan(teams.Count, "a case that matches everything proves nothing");
        titles.Order().ToArray().ShouldBe(expected);
    }

    private static Func<DemoTeam, bool> Oracle(string query)
    {
        var noon = new TimeOnly(12, 0);
        var fivePm = new TimeOnly(17, 0);
        Func<DemoTeam, bool> all = _ => true;
        foreach (var part in query.Split('&'))
        {
            var (name, value) = (part.Split('=')[0], Uri.UnescapeDataString(part.Split('=')[1]));
            var previous = all;
            Func<DemoTeam, bool> condition = name switch
            {
                "activity" => t => string.Equals(t.Activity, value == "svoemning" ? "Svømning" : value, StringComparison.OrdinalIgnoreCase),
                "targetGroup" => t => t.Groups.Contains(value, StringComparer.OrdinalIgnoreCase),
                "intensity" => t => t.Intensity.ToString().Equals(value, StringComparison.OrdinalIgnoreCase),
                "postalCode" => t => t.PostalCode == value,
                "place" => t => value.All(char.IsAsciiDigit) ? t.PostalCode == value : t.Town.StartsWith(value, StringComparison.OrdinalIgnoreCase),
                "freePlaces" => t => t.FreePlaces > 0,
                "weekday" or "timeOfDay" => _ => true, // handled together below
                _ => throw new ArgumentException(name),
            };
            all = t => previous(t) && condition(t);
        }

        var weekday = Param(query, "weekday") is { } d ? Enum.Parse<DayOfWeek>(d, ignoreCase: true) : (DayOfWeek?)null;
        var timeOfDay = Param(query, "timeOfDay");
        bool SessionMatches((DayOfWeek Day, TimeOnly Start) s) =>
            (weekday is null || s.Day == weekday)
            && timeOfDay switch
            {
                "morning" => s.Start < noon,
                "afternoon" => s.Start >= noon && s.Start < fivePm,
                "evening" => s.Start >= fivePm,
                _ => true,
            };

        return weekday is null && timeOfDay is null ? all : t => all(t) && t.Sessions.Any(SessionMatches);
    }

    private static string? Param(string query, string name) =>
        query.Split('&').Select(p => p.Split('=')).Where(p => p[0] == name).Select(p => p[1]).FirstOrDefault();

    [Fact]
    public async Task Tuesday_morning_finds_the_two_demo_teams_that_meet_on_tuesday_before_noon()
    {
        var titles = await Titles("weekday=tuesday&timeOfDay=morning");
        titles.Order().ShouldBe(["Seniorfitness i hallen", "Stavgang for alle"]);
    }

    [Fact]
    public async Task Weekday_and_time_of_day_must_hold_for_the_same_session()
    {
        // Walking football meets Monday 17:00 only; Motionsbadminton formiddag meets Monday and Thursday mornings.
        var titles = await Titles("weekday=thursday&timeOfDay=evening");
        titles.ShouldNotContain("Motionsbadminton formiddag");
        titles.ShouldNotContain("Walking football");
        titles.ShouldContain("Pilates for ryggen");
    }

    [Fact]
    public async Task Free_text_matches_every_word()
    {
        (await Titles("q=yoga")).Order().ShouldBe(["Blid yoga og vejrtrækning", "Stolyoga"]);
        (await Titles("q=stavgang%20s%C3%B8en")).Order().ShouldBe(["Morgenstavgang ved søen", "Stavgang for alle"]);
        (await Titles("q=curling")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("T%C3%A5strup", "taastrup")]
    [InlineData("H%C3%B8je", "hoeje")]
    [InlineData("HEDEHUSENE", "hedehusene")]
    public async Task Free_text_treats_danish_letters_and_their_spelled_out_forms_alike(string written, string spelled)
    {
        var withLetters = await Titles("q=" + written);
        var spelledOut = await Titles("q=" + spelled);

        withLetters.ShouldNotBeEmpty();
        spelledOut.Order().ShouldBe(withLetters.Order());
    }

    [Fact]
    public async Task Hoeje_finds_the_teams_of_the_two_clubs_with_hoeje_taastrup_in_their_name()
    {
        (await Titles("q=hoeje")).Order().ShouldBe(["Balancetræning", "Bordtennis for parkinsonramte", "Motion for mænd 60+", "Motionsbordtennis"]);
    }

    [Fact]
    public async Task Paging_splits_the_catalogue_into_disjoint_pages_with_the_total()
    {
        var activeCount = (await ActiveTeams()).Count;
        var all = (await GetJson("/api/v1/teams?pageSize=100")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();
        all.Count.ShouldBe(activeCount);

        var page2 = await GetJson("/api/v1/teams?pageSize=10&page=2");
        page2.GetProperty("total").GetInt32().ShouldBe(activeCount);
        page2.GetProperty("totalIsExact").GetBoolean().ShouldBeTrue("the demo catalogue is far below the count limit");
        page2.GetProperty("page").GetInt32().ShouldBe(2);
        page2.GetProperty("pageSize").GetInt32().ShouldBe(10);
        page2.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ShouldBe(all.Skip(10).Take(10));

        var last = await GetJson($"/api/v1/teams?pageSize=10&page={((activeCount - 1) / 10) + 1}");
        last.GetProperty("items").GetArrayLength().ShouldBe(((activeCount - 1) % 10) + 1);
        last.GetProperty("total").GetInt32().ShouldBe(activeCount);

        var beyond = await GetJson("/api/v1/teams?pageSize=10&page=50");
        beyond.GetProperty("items").GetArrayLength().ShouldBe(0);
        beyond.GetProperty("total").GetInt32().ShouldBe(activeCount);

        (await GetJson("/api/v1/teams")).GetProperty("pageSize").GetInt32().ShouldBe(20);
    }

    [Theory]
    [InlineData("weekday=funday", "weekday")]
    [InlineData("weekday=mandag", "weekday")]
    [InlineData("timeOfDay=night", "timeOfDay")]
    [InlineData("intensity=extreme", "intensity")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=ten", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("page=99999999999", "page")]
    [InlineData("freePlaces=yes", "freePlaces")]
    [InlineData("lowThreshold=2", "lowThreshold")]
    [InlineData("activity=Curling", "activity")]
    [InlineData("targetGroup=Astronauter", "targetGroup")]
    [InlineData("postalCode=26", "postalCode")]
    [InlineData("postalCode=Taastrup", "postalCode")]
    public async Task A_bad_parameter_is_a_400_naming_it(string query, string parameter)
    {
        var response = await app.CreateAnonymousClient().GetAsync("/api/v1/teams?" + query, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        problem.GetProperty("title").GetString().ShouldBe("Ugyldigt input");
        problem.GetProperty("status").GetInt32().ShouldBe(400);
        var errors = problem.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe([parameter]);
        errors.GetProperty(parameter)[0].GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task A_query_over_200_characters_is_a_400_naming_q()
    {
        var problem = await GetJson("/api/v1/teams?q=" + new string('a', 201), HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("q")[0].GetString().ShouldBe("Søgeteksten må højst være 200 tegn.");

        (await GetJson("/api/v1/teams?q=" + new string('a', 200))).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Several_bad_parameters_are_named_together()
    {
        var problem = await GetJson("/api/v1/teams?weekday=x&intensity=y&page=0", HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ShouldBe(["intensity", "page", "weekday"]);
    }

    [Fact]
    public async Task Names_and_values_are_case_insensitive_and_booleans_accept_false()
    {
        (await Titles("activity=STAVGANG&weekday=Tuesday&freePlaces=false")).ShouldBe(["Stavgang for alle"]);
    }

    [Fact]
    public async Task A_search_hit_has_the_fields_integrators_need_in_camel_case()
    {
        var json = await GetJson("/api/v1/teams?activity=Stavgang&weekday=tuesday");
        var item = json.GetProperty("items").EnumerateArray().Single();

        item.GetProperty("id").GetInt32().ShouldBe(await app.TeamId("Stavgang for alle"));
        item.GetProperty("title").GetString().ShouldBe("Stavgang for alle");
        item.GetProperty("clubName").GetString().ShouldBe("Taastrup Motionsforening");
        item.GetProperty("activity").GetString().ShouldBe("Stavgang");
        item.GetProperty("weekdays").EnumerateArray().Select(d => d.GetString()).ShouldBe(["tuesday"]);
        // The fixed clock is Monday 16 November 2026 at 09:00; the team walks on Tuesdays at 10:00.
        item.GetProperty("nextSession").GetString().ShouldBe("2026-11-17T10:00:00");
        item.GetProperty("venue").GetProperty("name").GetString().ShouldBe("Byparken, mødested ved søen");
        item.GetProperty("venue").GetProperty("postalCode").GetString().ShouldBe("2630");
        item.GetProperty("venue").GetProperty("town").GetString().ShouldBe("Taastrup");
        item.GetProperty("intensity").GetString().ShouldBe("light");
        item.GetProperty("genderMix").GetString().ShouldBe("mostlyWomen");
        item.GetProperty("lowThreshold").GetBoolean().ShouldBeTrue();
        item.GetProperty("freePlaces").GetInt32().ShouldBe(5);
    }

    [Fact]
    public async Task Next_session_is_later_today_when_the_team_meets_today_after_now()
    {
        // Motionsbadminton formiddag meets Mondays at 10:00; it is Monday 09:00.
        var json = await GetJson($"/api/v1/teams/{await app.TeamId("Motionsbadminton formiddag")}");
        json.GetProperty("nextSession").GetString().ShouldBe("2026-11-16T10:00:00");
        json.GetProperty("weekdays").EnumerateArray().Select(d => d.GetString()).ShouldBe(["monday", "thursday"]);
    }

    [Fact]
    public async Task Team_detail_has_schedule_season_breaks_venue_contact_and_target_groups()
    {
        var json = await GetJson($"/api/v1/teams/{await app.TeamId("Seniorfitness i hallen")}");

        json.GetProperty("status").GetString().ShouldBe("active");
        json.GetProperty("clubName").GetString().ShouldBe("Taastrup Gymnastikforening");
        json.GetProperty("firstTime").GetString()!.ShouldStartWith("Kom ti minutter før");
        json.GetProperty("nextSession").GetString().ShouldBe("2026-11-17T09:30:00");
        var schedule = json.GetProperty("schedule").EnumerateArray().ToList();
        schedule.Select(s => s.GetProperty("weekday").GetString()).ShouldBe(["tuesday", "friday"]);
        schedule[0].GetProperty("start").GetString().ShouldBe("09:30:00");
        schedule[0].GetProperty("end").GetString().ShouldBe("10:30:00");
        json.GetProperty("seasonStart").GetString().ShouldBe("2026-08-15");
        json.GetProperty("seasonEnd").GetString().ShouldBe("2027-06-30");
        json.GetProperty("breaks").EnumerateArray().Select(b => b.GetProperty("name").GetString()).ShouldBe(["Efterårsferie", "Juleferie", "Vinterferie"]);
        json.GetProperty("venue").GetProperty("address").GetString().ShouldBe("Parkvej 78");
        json.GetProperty("venue").GetProperty("accessibilityNotes").GetString().ShouldBe("Niveaufri adgang og handicaptoilet.");
        json.GetProperty("targetGroups").EnumerateArray().Select(g => g.GetString()).ShouldBe(["Senior"]);
        json.GetProperty("contact").GetProperty("name").GetString().ShouldBe("Lone Vejrmølle");
        json.GetProperty("pricePerSeason").GetDecimal().ShouldBe(300m);
        json.GetProperty("feeSubsidyPossible").GetBoolean().ShouldBeTrue();
        json.GetProperty("videoUrl").GetString()!.ShouldStartWith("https://www.youtube-nocookie.com/");
        DateTimeOffset.Parse(json.GetProperty("lastConfirmed").GetString()!, System.Globalization.CultureInfo.InvariantCulture).Offset.ShouldBe(TimeSpan.Zero);
        json.TryGetProperty("searchText", out _).ShouldBeFalse("entities are never serialised");
        json.TryGetProperty("version", out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public async Task A_malformed_team_or_club_id_is_a_400_naming_id(string id)
    {
        foreach (var url in new[] { $"/api/v1/teams/{id}", $"/api/v1/clubs/{id}" })
        {
            var problem = await GetJson(url, HttpStatusCode.BadRequest);
            problem.GetProperty("errors").GetProperty("id")[0].GetString().ShouldBe("Id skal være et positivt heltal.");
        }
    }

    [Fact]
    public async Task An_unknown_team_or_club_is_a_404_problem()
    {
        var team = await GetJson("/api/v1/teams/987654", HttpStatusCode.NotFound);
        team.GetProperty("title").GetString().ShouldBe("Findes ikke");
        team.GetProperty("detail").GetString().ShouldBe("Holdet findes ikke.");

        var club = await GetJson("/api/v1/clubs/987654", HttpStatusCode.NotFound);
        club.GetProperty("detail").GetString().ShouldBe("Foreningen findes ikke.");
    }

    [Fact]
    public async Task Clubs_are_listed_by_name_with_their_team_count()
    {
        var expected = await app.WithDb(db => db.Clubs.Where(c => !c.Archived)
            .Select(c => new { c.Name, Teams = c.Teams.Count(t => t.Status != TeamStatus.Archived) })
            .ToDictionaryAsync(c => c.Name, c => c.Teams, Ct));

        var json = await GetJson("/api/v1/clubs?pageSize=100");
        var items = json.GetProperty("items").EnumerateArray().ToList();

        json.GetProperty("total").GetInt32().ShouldBe(expected.Count);
        items.Select(i => $"{i.GetProperty("name").GetString()}: {i.GetProperty("teamCount").GetInt32()}").Order()
            .ShouldBe(expected.Select(e => $"{e.Key}: {e.Value}").Order());
        var motion = items.Single(i => i.GetProperty("name").GetString() == "Taastrup Motionsforening");
        motion.GetProperty("teamCount").GetInt32().ShouldBe(3);
        motion.GetProperty("town").GetString().ShouldBe("Taastrup");
        motion.GetProperty("website").GetString().ShouldBe("https://taastrupmotionsforening.example.dk");

        var page = await GetJson("/api/v1/clubs?pageSize=5&page=2");
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString())
            .ShouldBe(items.Skip(5).Take(5).Select(i => i.GetProperty("name").GetString()));
        (await GetJson("/api/v1/clubs?pageSize=500", HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("pageSize").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task A_club_comes_with_its_contact_persons_and_teams()
    {
        var clubId = await app.WithDb(db => db.Clubs.Where(c => c.Name == "Taastrup Motionsforening").Select(c => c.Id).SingleAsync(Ct));

        var json = await GetJson($"/api/v1/clubs/{clubId}");

        json.GetProperty("name").GetString().ShouldBe("Taastrup Motionsforening");
        var contact = json.GetProperty("contactPersons").EnumerateArray().Single();
        contact.GetProperty("name").GetString().ShouldBe("Frida Foreningskontakt");
        contact.GetProperty("phone").GetString().ShouldBe("20 11 22 33");
        json.GetProperty("teams").EnumerateArray().Select(t => t.GetProperty("title").GetString())
            .ShouldBe(["Morgenstavgang ved søen", "Stavgang for alle", "Stole-gymnastik"], ignoreOrder: true);
        json.GetProperty("teams")[0].GetProperty("status").GetString().ShouldBe("active");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_catalogue()
    {
        var doc = await GetJson("/openapi/v1.json");
        var paths = doc.GetProperty("paths");

        foreach (var path in new[] { "/api/v1/teams", "/api/v1/teams/{id}", "/api/v1/clubs", "/api/v1/clubs/{id}" })
        {
            paths.TryGetProperty(path, out _).ShouldBeTrue(path);
        }

        var search = paths.GetProperty("/api/v1/teams").GetProperty("get");
        search.GetProperty("operationId").GetString().ShouldBe("SearchTeams");
        search.GetProperty("summary").GetString().ShouldBe("Søg i holdkataloget");
        search.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ShouldBe(
            ["q", "activity", "weekday", "timeOfDay", "targetGroup", "intensity", "postalCode", "place", "freePlaces", "lowThreshold", "page", "pageSize"],
            ignoreOrder: true);
        search.GetProperty("responses").TryGetProperty("400", out _).ShouldBeTrue();
        search.GetProperty("description").GetString()!.ShouldContain("totalIsExact");
        doc.GetProperty("components").GetProperty("schemas").GetProperty("TeamSearchResultDto").GetProperty("properties")
            .EnumerateObject().Select(p => p.Name).ShouldBe(["items", "total", "totalIsExact", "page", "pageSize", "pageCount", "hasNextPage"], ignoreOrder: true);
        paths.GetProperty("/api/v1/teams/{id}").GetProperty("get").GetProperty("responses").TryGetProperty("404", out _).ShouldBeTrue();
    }
}
