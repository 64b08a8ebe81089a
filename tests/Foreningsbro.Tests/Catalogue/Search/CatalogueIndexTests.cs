using System.Net;
using System.Text.Json;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue;
using Foreningsbro.Web.Features.Catalogue.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Foreningsbro.Tests.Catalogue.Search;

/// <summary>
/// The search answered from memory (CatalogueIndex) must give what the database's search gives,
/// and must show a saved change at once: a caseworker who has just fixed a team's time searches for it.
/// </summary>
public class CatalogueIndexTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CatalogueIndex Index => app.Services.GetRequiredService<CatalogueIndex>();

    private async Task<string[]> ApiTitles(string query)
    {
        var response = await app.CreateAnonymousClient().GetAsync("/api/v1/teams?pageSize=100&" + query, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        return [.. json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!)];
    }

    [Fact]
    public async Task Every_search_from_memory_equals_the_database_search_with_order_paging_and_count()
    {
        var (stavgang, chronic) = await app.WithDb(async db => (
            await db.Activities.Where(a => a.Name == "Stavgang").Select(a => a.Id).SingleAsync(Ct),
            await db.TargetGroups.Where(g => g.Name == "Kronisk sygdom").Select(g => g.Id).SingleAsync(Ct)));
        TeamSearchQuery[] queries =
        [
            new() { PageSize = 100 },
            new() { Q = "taastrup" },
            new() { Q = "Tåstrup yoga" },
            new() { Q = "hoeje taastrup", PageSize = 100 },
            new() { Q = "a" },
            new() { Q = "findes ikke nogen steder" },
            new() { ActivityId = stavgang },
            new() { TargetGroupId = chronic, Intensity = Intensity.Light },
            new() { Weekday = DayOfWeek.Tuesday, TimeOfDay = TimeOfDay.Morning },
            new() { Weekday = DayOfWeek.Thursday, TimeOfDay = TimeOfDay.Evening },
            new() { TimeOfDay = TimeOfDay.Afternoon },
            new() { Place = "2630" },
            new() { Place = "hede" },
            new() { Place = "Hedehusene", Weekday = DayOfWeek.Tuesday },
            new() { FreePlaces = true },
            new() { LowThreshold = true, Q = "motion" },
            new() { PageSize = 5, Page = 2 },
            new() { PageSize = 5, Page = 50 },
            new() { PageSize = 5, CountLimit = 7 },
            new() { PageSize = 5, Page = 3, CountLimit = 7 },
            new() { PageSize = 3, CountLimit = 4, Q = "e" },
        ];
        await Index.WaitUntilReadyAsync(Ct);

        foreach (var q in queries)
        {
            var (memory, database) = await app.WithDb(async db => (
                await Index.SearchAsync(db, q, AppFactory.Now, Ct),
                await DatabaseSearch.RunAsync(db, q, AppFactory.Now, Ct)));

            Index.IsReady.ShouldBeTrue("the search was answered from memory");
            JsonSerializer.Serialize(memory).ShouldBe(JsonSerializer.Serialize(database), $"search {q}");
        }

        var inexact = await app.WithDb(db => Index.SearchAsync(db, new() { PageSize = 5, CountLimit = 7 }, AppFactory.Now, Ct));
        (inexact.Total, inexact.TotalIsExact, inexact.HasNextPage).ShouldBe((7, false, true), "the case proves the count limit");
    }

    [Fact]
    public async Task A_team_edited_on_its_page_is_found_by_its_new_title_and_time_at_once()
    {
        var id = await app.TeamId("Petanque i Sengeløse");
        await Index.WaitUntilReadyAsync(Ct);
        (await ApiTitles("q=petanque")).ShouldContain("Petanque i Sengeløse");
        (await ApiTitles("weekday=sunday&q=sengeloese")).ShouldNotContain("Petanque i Sengeløse", "the demo team does not play on Sundays");

        var client = await app.CreateCoordinatorClient();
        var form = await client.GetFormAsync($"/hold/{id}/rediger", "#team-form");
        var response = await client.PostFormAsync($"/hold/{id}/rediger", form, new()
        {
            ["Input.Title"] = "Boccia og petanque ved gadekæret",
            ["Input.Schedules[0].Weekday"] = "Sunday",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await ApiTitles("q=gadekaeret")).ShouldBe(["Boccia og petanque ved gadekæret"]);
        (await ApiTitles("q=petanque")).ShouldNotContain("Petanque i Sengeløse");
        (await ApiTitles("weekday=sunday&q=sengeloese")).ShouldContain("Boccia og petanque ved gadekæret");
        Index.IsReady.ShouldBeTrue("a team's own edit is applied to the index, not a reason to rebuild it");
    }

    [Fact]
    public async Task A_paused_team_leaves_the_search_at_once_and_comes_back_when_active()
    {
        var id = await app.TeamId("Start to run");
        await Index.WaitUntilReadyAsync(Ct);
        var client = await app.CreateCoordinatorClient();

        var form = await client.GetFormAsync($"/hold/{id}/rediger", "#team-form");
        (await client.PostFormAsync($"/hold/{id}/rediger", form, new() { ["Input.Status"] = "Paused" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ApiTitles("q=start%20to%20run")).ShouldBeEmpty();

        form = await client.GetFormAsync($"/hold/{id}/rediger", "#team-form");
        (await client.PostFormAsync($"/hold/{id}/rediger", form, new() { ["Input.Status"] = "Active" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ApiTitles("q=start%20to%20run")).ShouldBe(["Start to run"]);
    }

    [Fact]
    public async Task Archiving_a_club_in_one_bulk_update_takes_its_teams_out_of_the_search_at_once()
    {
        var club = await app.WithDb(db => db.Clubs.AsNoTracking().SingleAsync(c => c.Name == "Fløng Boldklub", Ct));
        await Index.WaitUntilReadyAsync(Ct);
        (await ApiTitles("q=walking%20football")).ShouldBe(["Walking football"]);

        var client = await app.CreateCoordinatorClient();
        var page = await client.GetDocumentAsync($"/administration/foreninger/{club.Id}");
        (await client.PostFormAsync($"/administration/foreninger/{club.Id}?handler=Archive", page.FormValues("main form[action*='handler=Archive']")))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await ApiTitles("q=walking%20football")).ShouldBeEmpty("answered by the database while the index is rebuilt");
        await Index.WaitUntilReadyAsync(Ct);
        (await ApiTitles("q=walking%20football")).ShouldBeEmpty("and by the rebuilt index");
        (await ApiTitles("q=floeng")).ShouldNotContain("Motionsfodbold for kvinder");
    }

    [Fact]
    public async Task Renaming_a_club_renames_it_in_every_search_hit_of_its_teams()
    {
        var club = await app.WithDb(db => db.Clubs.SingleAsync(c => c.Name == "Reerslev Krolfklub", Ct));
        await Index.WaitUntilReadyAsync(Ct);

        await app.WithDb(async db =>
        {
            var c = await db.Clubs.SingleAsync(x => x.Id == club.Id, Ct);
            c.Name = "Reerslev Krolf- og Petanqueklub";
            await db.SaveChangesAsync(Ct);
        });

        var hits = await app.WithDb(db => Index.SearchAsync(db, new() { PageSize = 100 }, AppFactory.Now, Ct));
        Index.IsReady.ShouldBeTrue();
        var clubNames = hits.Items.Where(h => h.ClubId == club.Id).Select(h => h.ClubName).ToList();
        clubNames.ShouldNotBeEmpty();
        clubNames.ShouldAllBe(n => n == "Reerslev Krolf- og Petanqueklub");
    }

    [Fact]
    public async Task Confirming_a_listing_does_not_make_the_index_rebuild()
    {
        var id = await app.TeamId("Motionsbordtennis");
        await Index.WaitUntilReadyAsync(Ct);
        var client = await app.CreateCoordinatorClient();
        var form = await client.GetFormAsync($"/hold/{id}/rediger", "#confirm-form");

        (await client.PostFormAsync($"/hold/{id}/rediger?handler=Confirm", form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        Index.IsReady.ShouldBeTrue("a confirmation changes nothing the search shows");
        (await app.WithDb(db => db.Teams.Where(t => t.Id == id).Select(t => t.LastConfirmedAtUtc).SingleAsync(Ct))).ShouldBe(AppFactory.Now.UtcDateTime);
    }
}
