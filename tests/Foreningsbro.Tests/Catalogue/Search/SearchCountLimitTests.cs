using System.Text.Json;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue.Search;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Catalogue.Search;

/// <summary>The app with a search count limit of 10, so the demo catalogue's active teams go past it.</summary>
public class CountLimitAppFactory : AppFactory
{
    public const int Limit = 10;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Catalogue:SearchCountLimit", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// A search counts its matches only up to a limit and then says "over N": exact below the limit,
/// capped above it, on the page and in the API.
/// </summary>
public class SearchCountLimitTests(CountLimitAppFactory app) : IClassFixture<CountLimitAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<int> ActiveTeamCount() => app.WithDb(db => db.Teams.CountAsync(t => t.Status == TeamStatus.Active, Ct));

    private async Task<JsonElement> GetJson(string url)
    {
        var body = await app.CreateAnonymousClient().GetStringAsync(url, Ct);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task The_count_is_exact_when_the_matches_are_exactly_the_limit()
    {
        var active = await ActiveTeamCount();

        var result = await app.WithDb(db => DatabaseSearch.RunAsync(db, new TeamSearchQuery { PageSize = 5, CountLimit = active }, AppFactory.Now, Ct));

        result.Total.ShouldBe(active);
        result.TotalIsExact.ShouldBeTrue();
        result.PageCount.ShouldBe(((active - 1) / 5) + 1);
    }

    [Fact]
    public async Task One_match_more_than_the_limit_gives_the_limit_and_says_it_is_not_exact()
    {
        var active = await ActiveTeamCount();

        var result = await app.WithDb(db => DatabaseSearch.RunAsync(db, new TeamSearchQuery { PageSize = 5, CountLimit = active - 1 }, AppFactory.Now, Ct));

        result.Total.ShouldBe(active - 1);
        result.TotalIsExact.ShouldBeFalse();
        result.HasNextPage.ShouldBeTrue();
        result.Items.Count.ShouldBe(5);
    }

    [Fact]
    public async Task The_api_says_over_the_limit_with_total_is_exact_false()
    {
        var json = await GetJson("/api/v1/teams?pageSize=5");

        json.GetProperty("total").GetInt32().ShouldBe(CountLimitAppFactory.Limit);
        json.GetProperty("totalIsExact").GetBoolean().ShouldBeFalse();
        json.GetProperty("pageCount").GetInt32().ShouldBe(2);
        json.GetProperty("hasNextPage").GetBoolean().ShouldBeTrue();
        json.GetProperty("items").GetArrayLength().ShouldBe(5);
    }

    [Fact]
    public async Task A_search_with_fewer_matches_than_the_limit_is_counted_exactly()
    {
        // Four demo teams belong to the two clubs with Høje-Taastrup in their name; a page of two makes the search count.
        var json = await GetJson("/api/v1/teams?q=hoeje&pageSize=2");

        json.GetProperty("total").GetInt32().ShouldBe(4);
        json.GetProperty("totalIsExact").GetBoolean().ShouldBeTrue();
        json.GetProperty("pageCount").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task A_page_past_the_limit_still_has_its_teams_and_counts_at_least_to_its_end()
    {
        var active = await ActiveTeamCount();
        active.ShouldBeGreaterThan(15, "the demo catalogue must reach past the third page of five");
        var all = (await GetJson("/api/v1/teams?pageSize=100")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();

        var third = await GetJson("/api/v1/teams?pageSize=5&page=3");

        third.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ShouldBe(all.Skip(10).Take(5));
        third.GetProperty("total").GetInt32().ShouldBe(active > 15 ? 15 : active);
        third.GetProperty("totalIsExact").GetBoolean().ShouldBe(active == 15);
    }

    [Fact]
    public async Task The_last_page_gives_the_exact_total_again()
    {
        var active = await ActiveTeamCount();
        var lastPage = ((active - 1) / 5) + 1;

        var json = await GetJson($"/api/v1/teams?pageSize=5&page={lastPage}");

        json.GetProperty("total").GetInt32().ShouldBe(active);
        json.GetProperty("totalIsExact").GetBoolean().ShouldBeTrue();
        json.GetProperty("hasNextPage").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task The_page_says_over_the_limit_asks_for_a_narrower_search_and_still_links_onwards()
    {
        var doc = await app.CreateAnonymousClient().GetDocumentAsync("/hold?pageSize=5");

        doc.QuerySelector("#results-heading")!.TextContent.Trim().ShouldBe($"Over {CountLimitAppFactory.Limit} hold fundet");
        doc.QuerySelector(".results")!.TextContent.ShouldContain("Gør søgningen mere præcis");
        doc.QuerySelector(".results .meta")!.TextContent.ShouldContain($"Viser 1–5 af over {CountLimitAppFactory.Limit}");
        doc.QuerySelector(".pager li[aria-current=page]")!.TextContent.Trim().ShouldBe("Side 1");
        doc.QuerySelector(".pager a[rel=next]")!.GetAttribute("href").ShouldBe("/hold?pageSize=5&page=2");
    }

    [Fact]
    public async Task A_search_under_the_limit_shows_the_exact_number_without_the_hint()
    {
        var doc = await app.CreateAnonymousClient().GetDocumentAsync("/hold?q=hoeje&pageSize=2");

        doc.QuerySelector("#results-heading")!.TextContent.Trim().ShouldBe("4 hold fundet");
        doc.QuerySelector(".results")!.TextContent.ShouldNotContain("Gør søgningen mere præcis");
        doc.QuerySelector(".pager li[aria-current=page]")!.TextContent.Trim().ShouldBe("Side 1 af 2");
    }
}
