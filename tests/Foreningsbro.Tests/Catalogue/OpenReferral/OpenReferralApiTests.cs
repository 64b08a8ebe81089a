using System.Net;
using System.Text.Json;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue.OpenReferral;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Catalogue.OpenReferral;

/// <summary>
/// /api/openreferral against the demo data and generated edge cases: every answer validates against the
/// HSDS 3.0 schemas, the values are the catalogue's, the paging and filters work, and bad input is a 400
/// or 404, never a 500.
/// </summary>
public class OpenReferralApiTests(OpenReferralApiTests.Factory app) : IClassFixture<OpenReferralApiTests.Factory>
{
    /// <summary>The demo data plus teams made to be awkward: no venue, no schedule, breaks, paused, odd contact data.</summary>
    public sealed class Factory : AppFactory
    {
        public int NoScheduleTeam { get; private set; }
        public int PausedTeam { get; private set; }
        public int BreaksTeam { get; private set; }
        public int NoVenueTeam { get; private set; }
        public int ArchivedTeam { get; private set; }
        public int BareClub { get; private set; }
        public int BareVenue { get; private set; }
        public int ArchivedVenue { get; private set; }

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            await WithDb(async db =>
            {
                var municipality = await db.Municipalities.OrderBy(m => m.Id).FirstAsync();
                var activity = await db.Activities.OrderBy(a => a.Id).FirstAsync();
                var club = new Club { Name = "Kantforeningen", MunicipalityId = municipality.Id, Website = "ikke en adresse" };
                var bare = new Venue { Name = "Bare sted", PostalCode = "2630", Town = "Taastrup", MunicipalityId = municipality.Id };
                var archived = new Venue { Name = "Revet ned", PostalCode = "2630", Town = "Taastrup", MunicipalityId = municipality.Id, Archived = true, Address = "Væk 1" };
                db.AddRange(club, bare, archived);
                Team T(string title, Venue venue) => new()
                {
                    Title = title,
                    Club = club,
                    Venue = venue,
                    ActivityId = activity.Id,
                    UpdatedAtUtc = new DateTime(2026, 11, 10, 12, 0, 0, DateTimeKind.Utc),
                };
                var noSchedule = T("Kant uden tider", bare);
                noSchedule.ContactEmail = "ikke en e-mail";
                noSchedule.PricePerSeason = 0;
                var paused = T("Kant på pause", bare);
                paused.Status = TeamStatus.Paused;
                paused.Schedules.Add(new TeamSchedule { Weekday = DayOfWeek.Sunday, Start = new TimeOnly(9, 0), End = new TimeOnly(10, 30) });
                var breaks = T("Kant med pauser", bare);
                breaks.SeasonStart = new DateOnly(2026, 8, 1);
                breaks.SeasonEnd = new DateOnly(2027, 6, 30);
                breaks.AgeFrom = 60;
                breaks.PricePerSeason = 350.5m;
                breaks.FeeSubsidyPossible = true;
                breaks.LowThreshold = true;
                breaks.LastConfirmedAtUtc = new DateTime(2026, 10, 31, 23, 30, 0, DateTimeKind.Utc);
                breaks.ContactName = "Bente";
                breaks.ContactPhone = "+45 12 34 56 78";
                breaks.Schedules.Add(new TeamSchedule { Weekday = DayOfWeek.Wednesday, Start = new TimeOnly(17, 0), End = new TimeOnly(18, 0) });
                breaks.Schedules.Add(new TeamSchedule { Weekday = DayOfWeek.Monday, Start = new TimeOnly(10, 0), End = new TimeOnly(11, 0) });
                breaks.Breaks.Add(new TeamBreak { Name = "Juleferie", From = new DateOnly(2026, 12, 21), To = new DateOnly(2027, 1, 3) });
                breaks.Breaks.Add(new TeamBreak { Name = "Vinterferie", From = new DateOnly(2027, 2, 8), To = new DateOnly(2027, 2, 14) });
                var noVenue = T("Kant uden sted", archived);
                var gone = T("Kant arkiveret", bare);
                gone.Status = TeamStatus.Archived;
                db.Teams.AddRange(noSchedule, paused, breaks, noVenue, gone);
                foreach (var t in new[] { noSchedule, paused, breaks, noVenue, gone })
                {
                    t.SearchText = Foreningsbro.Web.Features.Catalogue.Search.SearchText.ForTeam(t, club.Name, t.Venue, activity.Name, []);
                }

                // The demo clubs have no CVR number; one gets a real-looking one.
                var withCvr = await db.Clubs.OrderBy(c => c.Id).FirstAsync();
                withCvr.Cvr = "29189838";
                await db.SaveChangesAsync();
                (NoScheduleTeam, PausedTeam, BreaksTeam, NoVenueTeam, ArchivedTeam) = (noSchedule.Id, paused.Id, breaks.Id, noVenue.Id, gone.Id);
                (BareClub, BareVenue, ArchivedVenue) = (club.Id, bare.Id, archived.Id);
            });
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, JsonElement Json, string Body)> Get(string url)
    {
        var response = await app.CreateAnonymousClient().GetAsync(url, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        ((int)response.StatusCode).ShouldBeLessThan(500, $"GET {url}: {body}");
        return (response.StatusCode, JsonDocument.Parse(body).RootElement.Clone(), body);
    }

    private async Task<JsonElement> Ok(string url)
    {
        var (status, json, body) = await Get(url);
        status.ShouldBe(HttpStatusCode.OK, $"GET {url}: {body}");
        return json;
    }

    private static void Valid(List<string> errors, string what) =>
        errors.ShouldBeEmpty($"{what} does not validate:\n" + string.Join("\n", errors.Take(20)));

    private Task<List<Team>> PublicTeams() => app.WithDb(db => db.Teams.AsNoTracking()
        .Where(t => t.Status != TeamStatus.Archived && !t.Club.Archived)
        .Include(t => t.Schedules).Include(t => t.Club).Include(t => t.Venue).Include(t => t.Activity).Include(t => t.TargetGroups)
        .AsSplitQuery().ToListAsync(Ct));

    [Fact]
    public async Task Every_public_team_is_a_service_that_validates_against_the_compiled_schema_and_carries_the_catalogues_values()
    {
        var teams = await PublicTeams();
        teams.Count.ShouldBeGreaterThan(25, "the demo data's teams and the edge cases");
        foreach (var team in teams)
        {
            var id = OpenReferralIds.Of(HsdsKind.Service, team.Id);
            var json = await Ok($"/api/openreferral/services/{id}");
            Valid(HsdsSchemas.Errors("compiled/service.json", json), team.Title);

            json.GetProperty("id").GetString().ShouldBe(id);
            json.GetProperty("name").GetString().ShouldBe(team.Title);
            json.GetProperty("status").GetString().ShouldBe(team.Status == TeamStatus.Active ? "active" : "temporarily closed");
            json.GetProperty("organization_id").GetString().ShouldBe(OpenReferralIds.Of(HsdsKind.Organization, team.ClubId));
            json.GetProperty("organization").GetProperty("name").GetString().ShouldBe(team.Club.Name);
            json.GetProperty("url").GetString().ShouldEndWith($"/hold/{team.Id}");
            var schedules = json.GetProperty("schedules").EnumerateArray().ToList();
            schedules.Select(s => (s.GetProperty("byday").GetString(), s.GetProperty("opens_at").GetString(), s.GetProperty("closes_at").GetString()))
                .OrderBy(x => x).ShouldBe(team.Schedules
                    .Select(s => (HsdsMapping.ByDay(s.Weekday), s.Start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), s.End.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)))
                    .OrderBy(x => x).Select(x => ((string?)x.Item1, (string?)x.Item2, (string?)x.Item3)));
            schedules.ShouldAllBe(s => s.GetProperty("freq").GetString() == "WEEKLY");
            var terms = json.GetProperty("attributes").EnumerateArray().Select(a => a.GetProperty("taxonomy_term").GetProperty("name").GetString()).ToList();
            terms.ShouldContain(team.Activity.Name);
            terms.ShouldContain(team.Intensity.Danish());
            foreach (var g in team.TargetGroups)
            {
                terms.ShouldContain(g.Name);
            }

            terms.Contains("Kom og vær med").ShouldBe(team.LowThreshold);
            if (team.FirstTime is { Length: > 0 })
            {
                json.GetProperty("application_process").GetString().ShouldBe(team.FirstTime.Trim());
            }

            if (team.AgeFrom is { } from)
            {
                json.GetProperty("minimum_age").GetInt32().ShouldBe(from);
            }
        }
    }

    [Fact]
    public async Task The_service_list_pages_through_every_public_team_once_and_each_page_validates()
    {
        var expected = (await PublicTeams()).Select(t => OpenReferralIds.Of(HsdsKind.Service, t.Id)).Order().ToList();
        var seen = new List<string>();
        var page = 1;
        while (true)
        {
            var json = await Ok($"/api/openreferral/services?per_page=7&page={page}");
            Valid(HsdsSchemas.ListErrors("compiled/service_list.json", json), $"page {page}");
            json.GetProperty("total_items").GetInt32().ShouldBe(expected.Count);
            json.GetProperty("page_number").GetInt32().ShouldBe(page);
            json.GetProperty("first_page").GetBoolean().ShouldBe(page == 1);
            json.GetProperty("total_pages").GetInt32().ShouldBe((expected.Count + 6) / 7);
            seen.AddRange(json.GetProperty("contents").EnumerateArray().Select(s => s.GetProperty("id").GetString()!));
            if (json.GetProperty("last_page").GetBoolean())
            {
                break;
            }

            page++;
        }

        seen.Order().ShouldBe(expected);
        var beyond = await Ok($"/api/openreferral/services?per_page=7&page={page + 1}");
        beyond.GetProperty("empty").GetBoolean().ShouldBeTrue();
        beyond.GetProperty("size").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task The_edge_cases_map_as_a_directory_would_expect()
    {
        var noSchedule = await Ok($"/api/openreferral/services/{OpenReferralIds.Of(HsdsKind.Service, app.NoScheduleTeam)}");
        noSchedule.GetProperty("schedules").GetArrayLength().ShouldBe(0);
        noSchedule.TryGetProperty("email", out _).ShouldBeFalse("an e-mail that is not one is left out, not sent to fail the schema");
        noSchedule.GetProperty("cost_options")[0].GetProperty("amount").GetDecimal().ShouldBe(0m);
        noSchedule.GetProperty("service_at_locations")[0].GetProperty("location").TryGetProperty("addresses", out var addresses).ShouldBeTrue();
        addresses.GetArrayLength().ShouldBe(0, "a venue without a street address has no HSDS address (address_1 is required)");

        var paused = await Ok($"/api/openreferral/services/{OpenReferralIds.Of(HsdsKind.Service, app.PausedTeam)}");
        paused.GetProperty("status").GetString().ShouldBe("temporarily closed");
        paused.GetProperty("alert").GetString()!.ShouldContain("pause");

        var breaks = await Ok($"/api/openreferral/services/{OpenReferralIds.Of(HsdsKind.Service, app.BreaksTeam)}");
        var schedules = breaks.GetProperty("schedules").EnumerateArray().ToList();
        schedules.Select(s => s.GetProperty("byday").GetString()).ShouldBe(["MO", "WE"], "in week order");
        schedules[0].GetProperty("valid_from").GetString().ShouldBe("2026-08-01");
        schedules[0].GetProperty("valid_to").GetString().ShouldBe("2027-06-30");
        schedules[0].GetProperty("dtstart").GetString().ShouldBe("2026-08-03", "the first Monday of the season");
        schedules[1].GetProperty("dtstart").GetString().ShouldBe("2026-08-05");
        schedules[0].GetProperty("notes").GetString()!.ShouldContain("Juleferie 2026-12-21–2027-01-03");
        schedules[0].GetProperty("schedule_link").GetString()!.ShouldEndWith($"/hold/{app.BreaksTeam}.ics");
        breaks.GetProperty("assured_date").GetString().ShouldBe("2026-11-01", "confirmed 23:30 UTC on 31 October is 1 November in Denmark");
        breaks.GetProperty("minimum_age").GetInt32().ShouldBe(60);
        breaks.TryGetProperty("maximum_age", out _).ShouldBeFalse();
        var cost = breaks.GetProperty("cost_options")[0];
        (cost.GetProperty("currency").GetString(), cost.GetProperty("amount").GetDecimal()).ShouldBe(("DKK", 350.5m));
        breaks.GetProperty("fees_description").GetString()!.ShouldContain("kontingentstøtte");
        breaks.GetProperty("attributes").EnumerateArray().Select(a => a.GetProperty("taxonomy_term").GetProperty("code").GetString())
            .ShouldContain("kom-og-vaer-med");
        breaks.GetProperty("contacts")[0].GetProperty("phones")[0].GetProperty("number").GetString().ShouldBe("+45 12 34 56 78");

        var noVenue = await Ok($"/api/openreferral/services/{OpenReferralIds.Of(HsdsKind.Service, app.NoVenueTeam)}");
        noVenue.GetProperty("service_at_locations").GetArrayLength().ShouldBe(0, "the venue is archived");

        var org = await Ok($"/api/openreferral/organizations/{OpenReferralIds.Of(HsdsKind.Organization, app.BareClub)}");
        Valid(HsdsSchemas.Errors("compiled/organization.json", org), "the bare club");
        org.TryGetProperty("website", out _).ShouldBeFalse("a website that is not a URL is left out");
        org.GetProperty("organization_identifiers").GetArrayLength().ShouldBe(0, "no CVR");
        string.Join("|", org.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("name").GetString()).Order(StringComparer.Ordinal))
            .ShouldBe("Kant med pauser|Kant på pause|Kant uden sted|Kant uden tider", "the archived team is not there");

        var bareVenue = await Ok($"/api/openreferral/locations/{OpenReferralIds.Of(HsdsKind.Location, app.BareVenue)}");
        Valid(HsdsSchemas.Errors("location.json", bareVenue), "the bare venue");
        bareVenue.TryGetProperty("latitude", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Organizations_validate_and_carry_the_CVR_number_as_an_organization_identifier()
    {
        var clubs = await app.WithDb(db => db.Clubs.AsNoTracking().Where(c => !c.Archived).ToListAsync(Ct));
        var list = await Ok("/api/openreferral/organizations?per_page=100");
        Valid(HsdsSchemas.ListErrors("compiled/organization_list.json", list), "the organization list");
        list.GetProperty("total_items").GetInt32().ShouldBe(clubs.Count);
        foreach (var club in clubs)
        {
            var json = await Ok($"/api/openreferral/organizations/{OpenReferralIds.Of(HsdsKind.Organization, club.Id)}");
            Valid(HsdsSchemas.Errors("compiled/organization.json", json), club.Name);
            json.GetProperty("name").GetString().ShouldBe(club.Name);
            var identifiers = json.GetProperty("organization_identifiers").EnumerateArray()
                .Select(i => (i.GetProperty("identifier_scheme").GetString(), i.GetProperty("identifier").GetString())).ToList();
            if (club.Cvr is { Length: > 0 } cvr)
            {
                identifiers.ShouldBe([("DK-CVR", cvr)]);
            }
            else
            {
                identifiers.ShouldBeEmpty();
            }
        }

        clubs.Count(c => c.Cvr is { Length: > 0 }).ShouldBe(1, "the fixture gives one club a CVR number");
    }

    [Fact]
    public async Task Service_at_locations_locations_and_taxonomies_validate()
    {
        var sal = await Ok("/api/openreferral/service_at_locations?per_page=100");
        Valid(HsdsSchemas.ListErrors("compiled/service_at_location_list.json", sal), "service_at_locations");
        var items = sal.GetProperty("contents").EnumerateArray().ToList();
        items.Count.ShouldBeGreaterThan(20);
        items.ShouldNotContain(i => i.GetProperty("service_id").GetString() == OpenReferralIds.Of(HsdsKind.Service, app.NoVenueTeam));

        var venues = await app.WithDb(db => db.Venues.AsNoTracking().Where(v => !v.Archived).ToListAsync(Ct));
        foreach (var venue in venues)
        {
            var json = await Ok($"/api/openreferral/locations/{OpenReferralIds.Of(HsdsKind.Location, venue.Id)}");
            Valid(HsdsSchemas.Errors("location.json", json), venue.Name);
            json.GetProperty("name").GetString().ShouldBe(venue.Name);
            if (venue.Address is { Length: > 0 })
            {
                var address = json.GetProperty("addresses")[0];
                (address.GetProperty("address_1").GetString(), address.GetProperty("postal_code").GetString(), address.GetProperty("city").GetString(), address.GetProperty("country").GetString())
                    .ShouldBe((venue.Address, venue.PostalCode, venue.Town, "DK"));
            }

            if (venue.AccessibilityNotes is { Length: > 0 })
            {
                json.GetProperty("accessibility")[0].GetProperty("description").GetString().ShouldBe(venue.AccessibilityNotes);
            }
        }

        var taxonomies = await Ok("/api/openreferral/taxonomies");
        Valid(HsdsSchemas.ListErrors("taxonomy.json", taxonomies), "taxonomies");
        taxonomies.GetProperty("total_items").GetInt32().ShouldBe(4);

        var terms = await Ok("/api/openreferral/taxonomy_terms?per_page=100");
        Valid(HsdsSchemas.ListErrors("taxonomy_term.json", terms), "taxonomy_terms");
        var activities = await app.WithDb(db => db.Activities.CountAsync(a => !a.Archived, Ct));
        var groups = await app.WithDb(db => db.TargetGroups.CountAsync(g => !g.Archived, Ct));
        terms.GetProperty("total_items").GetInt32().ShouldBe(activities + groups + 3 + 2);

        var intensity = HsdsMapping.TaxonomyOf(HsdsTaxonomyCode.Intensity).Id;
        var intensities = await Ok($"/api/openreferral/taxonomy_terms?taxonomy_id={intensity}");
        intensities.GetProperty("contents").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ShouldBe(["Let", "Moderat", "Hård"]);
    }

    [Fact]
    public async Task The_filters_select_the_teams_the_database_says()
    {
        var teams = await PublicTeams();
        async Task<List<string>> Names(string query)
        {
            var json = await Ok("/api/openreferral/services?per_page=100&" + query);
            Valid(HsdsSchemas.ListErrors("compiled/service_list.json", json), query);
            return [.. json.GetProperty("contents").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).Order()];
        }

        var someTeam = teams.First(t => t.TargetGroups.Count > 0 && t.Status == TeamStatus.Active);
        (await Names("organization_id=" + OpenReferralIds.Of(HsdsKind.Organization, someTeam.ClubId)))
            .ShouldBe(teams.Where(t => t.ClubId == someTeam.ClubId).Select(t => t.Title).Order());
        (await Names("postcode=" + someTeam.Venue.PostalCode))
            .ShouldBe(teams.Where(t => t.Venue.PostalCode == someTeam.Venue.PostalCode).Select(t => t.Title).Order());
        (await Names("taxonomy_term_id=" + HsdsMapping.ActivityTerm(someTeam.ActivityId, someTeam.Activity.Name).Id))
            .ShouldBe(teams.Where(t => t.ActivityId == someTeam.ActivityId).Select(t => t.Title).Order());
        var group = someTeam.TargetGroups[0];
        (await Names("taxonomy_term_id=" + HsdsMapping.TargetGroupTerm(group.Id, group.Name).Id))
            .ShouldBe(teams.Where(t => t.TargetGroups.Any(g => g.Id == group.Id)).Select(t => t.Title).Order());
        (await Names("taxonomy_term_id=" + HsdsMapping.MarkTerms[0].Id))
            .ShouldBe(teams.Where(t => t.LowThreshold).Select(t => t.Title).Order());
        (await Names("taxonomy_term_id=" + HsdsMapping.IntensityTerm(Intensity.Hard).Id))
            .ShouldBe(teams.Where(t => t.Intensity == Intensity.Hard).Select(t => t.Title).Order());
        (await Names("modified_after=2026-11-10T11:00:00Z"))
            .ShouldBe(teams.Where(t => t.UpdatedAtUtc >= new DateTime(2026, 11, 10, 11, 0, 0, DateTimeKind.Utc)).Select(t => t.Title).Order());
        (await Names("text=kant%20pauser")).ShouldBe(["Kant med pauser"]);
        (await Names("taxonomy_term_id=" + Guid.NewGuid())).ShouldBeEmpty("a term that is not ours matches nothing");
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { "/api/openreferral/services?page=0", "page" },
        { "/api/openreferral/services?page=abc", "page" },
        { "/api/openreferral/services?page=99999999999", "page" },
        { "/api/openreferral/services?per_page=0", "per_page" },
        { "/api/openreferral/services?per_page=101", "per_page" },
        { "/api/openreferral/services?per_page=-5", "per_page" },
        { "/api/openreferral/services?modified_after=yesterday", "modified_after" },
        { "/api/openreferral/services?modified_after=9999-12-31T23:59:59Z", "modified_after" },
        { "/api/openreferral/services?postcode=26", "postcode" },
        { "/api/openreferral/services?taxonomy_term_id=stavgang", "taxonomy_term_id" },
        { "/api/openreferral/services?organization_id=1", "organization_id" },
        { "/api/openreferral/services?format=ndjson", "format" },
        { "/api/openreferral/service_at_locations?page=-1", "page" },
        { "/api/openreferral/organizations?per_page=x", "per_page" },
        { "/api/openreferral/taxonomies?page=1.5", "page" },
        { "/api/openreferral/taxonomy_terms?taxonomy_id=aktivitet", "taxonomy_id" },
        { "/api/openreferral/services/17", "id" },
        { "/api/openreferral/organizations/not-a-uuid", "id" },
        { "/api/openreferral/locations/%20", "id" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_parameters_are_a_400_naming_the_parameter(string url, string field)
    {
        var (status, json, body) = await Get(url);
        status.ShouldBe(HttpStatusCode.BadRequest, body);
        json.GetProperty("errors").TryGetProperty(field, out var messages).ShouldBeTrue(body);
        messages[0].GetString()!.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Unknown_foreign_archived_and_wrong_kind_ids_are_404()
    {
        var urls = new[]
        {
            $"/api/openreferral/services/{Guid.NewGuid()}",
            $"/api/openreferral/services/{OpenReferralIds.Of(HsdsKind.Service, 999_999)}",
            $"/api/openreferral/services/{OpenReferralIds.Of(HsdsKind.Service, app.ArchivedTeam)}",
            $"/api/openreferral/services/{OpenReferralIds.Of(HsdsKind.Organization, app.BreaksTeam)}",
            $"/api/openreferral/organizations/{OpenReferralIds.Of(HsdsKind.Service, app.BareClub)}",
            $"/api/openreferral/locations/{OpenReferralIds.Of(HsdsKind.Location, app.ArchivedVenue)}",
        };
        foreach (var url in urls)
        {
            var (status, json, body) = await Get(url);
            status.ShouldBe(HttpStatusCode.NotFound, url);
            json.GetProperty("status").GetInt32().ShouldBe(404, body);
            json.GetProperty("detail").GetString()!.ShouldContain("findes ikke");
        }
    }

    [Fact]
    public async Task The_api_info_names_HSDS_3_0_and_nothing_of_a_citizen_is_ever_in_an_answer()
    {
        var info = await Ok("/api/openreferral/");
        info.GetProperty("version").GetString().ShouldBe("3.0");
        info.GetProperty("openapi_url").GetString()!.ShouldEndWith("/openapi/v1.json");

        var citizens = await app.WithDb(db => db.Citizens.AsNoTracking().Select(c => new { c.FirstName, c.LastName, c.Phone, c.Email }).ToListAsync(Ct));
        citizens.ShouldNotBeEmpty();
        var bodies = new List<string>();
        foreach (var url in new[] { "/api/openreferral/services?per_page=100", "/api/openreferral/service_at_locations?per_page=100", "/api/openreferral/organizations?per_page=100" })
        {
            bodies.Add((await Get(url)).Body);
        }

        foreach (var team in await PublicTeams())
        {
            bodies.Add((await Get($"/api/openreferral/services/{OpenReferralIds.Of(HsdsKind.Service, team.Id)}")).Body);
        }

        var all = string.Join("\n", bodies);
        foreach (var c in citizens)
        {
            all.ShouldNotContain($"{c.FirstName} {c.LastName}");
            // Not inside a hex id: a UUID's last group may hold the digits of a short phone number by chance.
            if (c.Phone is { Length: > 5 })
            {
                System.Text.RegularExpressions.Regex.IsMatch(all, $"(?<![0-9a-f]){System.Text.RegularExpressions.Regex.Escape(c.Phone)}(?![0-9a-f])").ShouldBeFalse(c.Phone);
            }

            if (c.Email is { Length: > 0 })
            {
                all.ShouldNotContain(c.Email);
            }
        }
    }
}

public class HsdsOpenApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_OpenAPI_description_names_the_HSDS_fields_as_they_are_sent()
    {
        var json = JsonDocument.Parse(await app.CreateAnonymousClient().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken)).RootElement;
        json.GetProperty("paths").TryGetProperty("/api/openreferral/services/{id}", out _).ShouldBeTrue();
        var schemas = json.GetProperty("components").GetProperty("schemas");
        var service = schemas.GetProperty("HsdsService").GetProperty("properties");
        service.TryGetProperty("organization_id", out _).ShouldBeTrue();
        service.TryGetProperty("application_process", out _).ShouldBeTrue();
        service.TryGetProperty("organizationId", out _).ShouldBeFalse();
        schemas.GetProperty("HsdsAddress").GetProperty("properties").TryGetProperty("address_1", out _).ShouldBeTrue();
        var page = schemas.EnumerateObject().First(p => p.Name.StartsWith("HsdsPageOf", StringComparison.Ordinal)).Value.GetProperty("properties");
        page.TryGetProperty("total_items", out _).ShouldBeTrue();
        page.TryGetProperty("contents", out _).ShouldBeTrue();
    }
}

public class OpenReferralIdTests
{
    [Fact]
    public void An_id_reads_back_as_the_number_it_was_made_from_and_only_as_its_own_kind()
    {
        foreach (var n in new[] { 1, 2, 17, 65_535, 100_000, int.MaxValue })
        {
            var id = OpenReferralIds.Of(HsdsKind.Service, n);
            Guid.TryParse(id, out _).ShouldBeTrue();
            id[14].ShouldBe('8', "version 8 (RFC 9562)");
            "89ab".ShouldContain(id[19]);
            OpenReferralIds.ReadId(HsdsKind.Service, id).ShouldBe(n);
            OpenReferralIds.ReadId(HsdsKind.Service, id.ToUpperInvariant()).ShouldBe(n);
            OpenReferralIds.ReadId(HsdsKind.Organization, id).ShouldBeNull();
        }

        OpenReferralIds.Of(HsdsKind.Service, 5).ShouldBe(OpenReferralIds.Of(HsdsKind.Service, 5), "stable");
        OpenReferralIds.Of(HsdsKind.Service, 5).ShouldNotBe(OpenReferralIds.Of(HsdsKind.ServiceAtLocation, 5));
        OpenReferralIds.Of(HsdsKind.Attribute, 5, 3, 1).ShouldNotBe(OpenReferralIds.Of(HsdsKind.Attribute, 5, 3, 2));
        OpenReferralIds.Read(HsdsKind.Attribute, OpenReferralIds.Of(HsdsKind.Attribute, 5, 3, 2)).ShouldBe((5, 3, (byte)2));
        OpenReferralIds.ReadId(HsdsKind.Service, Guid.NewGuid().ToString()).ShouldBeNull();
        OpenReferralIds.ReadId(HsdsKind.Service, "17").ShouldBeNull();
        OpenReferralIds.ReadId(HsdsKind.Service, OpenReferralIds.Of(HsdsKind.Service, 0)).ShouldBeNull();
    }
}

public class HsdsSchemaCheckTests
{
    [Fact]
    public void The_schema_check_fails_on_what_HSDS_forbids()
    {
        HsdsSchemas.Errors("compiled/service_list.json", JsonDocument.Parse("""{"id":"17","name":"Stavgang","status":"open"}""").RootElement)
            .Count.ShouldBeGreaterThanOrEqualTo(2, "id is not a UUID and status is not in the enum");
        HsdsSchemas.Errors("compiled/service_list.json", JsonDocument.Parse("""{"id":"f04eb5d0-0002-8000-8000-000000000001","name":"Stavgang","status":"active","opensAt":"10:00"}""").RootElement)
            .ShouldContain(e => e.Contains("opensAt"));
        HsdsSchemas.Errors("location.json", JsonDocument.Parse("""{"id":"f04eb5d0-0003-8000-8000-000000000001","location_type":"physical","addresses":[{"id":"f04eb5d0-000a-8000-8000-000000000001"}]}""").RootElement)
            .ShouldNotBeEmpty("an address without address_1, city, … (through the $ref to address.json)");
        HsdsSchemas.Errors("compiled/service_list.json", JsonDocument.Parse("""{"id":"f04eb5d0-0002-8000-8000-000000000001","name":"Stavgang","status":"active","url":"not a url"}""").RootElement)
            .ShouldNotBeEmpty("formats are checked");
    }
}
