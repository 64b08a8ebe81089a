using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Catalogue;

/// <summary>The public search page /hold and the front page, on the untouched demo data.</summary>
public class SearchPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string[] ResultTitles(IHtmlDocument doc) =>
        [.. doc.QuerySelectorAll(".result-list h3 a").Select(a => a.TextContent.Trim())];

    private static string ResultHeading(IHtmlDocument doc) => doc.QuerySelector("#results-heading")!.TextContent.Trim();

    private Task<int> ActiveTeamCount() => app.WithDb(db => db.Teams.CountAsync(t => t.Status == TeamStatus.Active, Ct));

    [Fact]
    public async Task Anyone_can_search_and_the_filters_stay_in_the_form()
    {
        var doc = await app.CreateAnonymousClient().GetDocumentAsync("/hold?q=stavgang&weekday=tuesday&timeOfDay=morning&freePlaces=true&place=2630");

        ResultHeading(doc).ShouldBe("1 hold fundet");
        ResultTitles(doc).ShouldBe(["Stavgang for alle"]);
        var form = doc.QuerySelector<IHtmlFormElement>("form[role=search]")!;
        form.Method.ShouldBe("get");
        form.QuerySelector<IHtmlInputElement>("[name=q]")!.Value.ShouldBe("stavgang");
        form.QuerySelector<IHtmlSelectElement>("[name=weekday]")!.Value.ShouldBe("tuesday");
        form.QuerySelector<IHtmlSelectElement>("[name=timeOfDay]")!.Value.ShouldBe("morning");
        form.QuerySelector<IHtmlInputElement>("[name=place]")!.Value.ShouldBe("2630");
        form.QuerySelector<IHtmlInputElement>("[name=freePlaces]")!.IsChecked.ShouldBeTrue();
        form.QuerySelector<IHtmlInputElement>("[name=lowThreshold]")!.IsChecked.ShouldBeFalse();
        form.QuerySelector<IHtmlSelectElement>("[name=activity]")!.Value.ShouldBe("");
    }

    [Fact]
    public async Task A_result_shows_club_next_session_schedule_place_and_who_attends()
    {
        var doc = await app.CreateAnonymousClient().GetDocumentAsync("/hold?activity=stavgang&weekday=tuesday");

        var result = doc.QuerySelector(".result-list > li")!;
        var link = result.QuerySelector<IHtmlAnchorElement>("h3 a")!;
        link.GetAttribute("href").ShouldBe($"/hold/{await app.TeamId("Stavgang for alle")}");
        var text = result.TextContent;
        text.ShouldContain("Taastrup Motionsforening");
        // The fixed clock is Monday 16 November 2026 at 09:00.
        text.ShouldContain("tirsdag 17. november kl. 10.00");
        text.ShouldContain("tirsdag kl. 10.00–11.00");
        text.ShouldContain("Byparken, mødested ved søen, 2630 Taastrup");
        text.ShouldContain("Flest kvinder, 40–80 år.");
        text.ShouldContain("Mest kvinder mellem 50 og 70");
        text.ShouldContain("Let");
        text.ShouldContain("5 ledige pladser");
        result.QuerySelector(".badge")!.TextContent.ShouldBe("Kom og vær med");
        doc.QuerySelector<IHtmlSelectElement>("[name=activity]")!.Value.ShouldBe("Stavgang");
    }

    [Fact]
    public async Task The_page_and_the_api_find_the_same_teams()
    {
        const string query = "targetGroup=Senior&intensity=light&place=Taastrup";
        var client = app.CreateAnonymousClient();

        var doc = await client.GetDocumentAsync("/hold?" + query + "&pageSize=100");
        var json = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/v1/teams?pageSize=100&" + query, Ct)).RootElement;

        var apiTitles = json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()).ToArray();
        apiTitles.ShouldNotBeEmpty();
        ResultTitles(doc).ShouldBe(apiTitles);
    }

    [Fact]
    public async Task Invalid_values_in_the_address_give_a_danish_message_and_are_not_filtered_on()
    {
        var response = await app.CreateAnonymousClient().GetAsync($"/hold?weekday=funday&page=0&pageSize=abc&freePlaces=maybe&activity=Curling&q={new string('x', 250)}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await response.ReadDocumentAsync();
        var alert = doc.QuerySelector(".alert-error")!.TextContent;
        alert.ShouldContain("Nogle af søgekriterierne kunne ikke bruges");
        alert.ShouldContain("Ukendt ugedag");
        alert.ShouldContain("Søgeteksten må højst være 200 tegn.");
        alert.ShouldContain("Aktiviteten findes ikke.");
        alert.ShouldContain("Sidetallet skal være et helt tal fra 1.");
        ResultHeading(doc).ShouldBe($"{await ActiveTeamCount()} hold fundet");
        doc.QuerySelector("#filter-weekday")!.ParentElement!.ClassList.ShouldContain("form-error");
        doc.QuerySelector("#error-weekday")!.TextContent.ShouldContain("Ukendt ugedag");
        doc.QuerySelector("#filter-weekday")!.GetAttribute("aria-describedby").ShouldBe("error-weekday");
        // What was typed stays, so it can be corrected.
        doc.QuerySelector<IHtmlInputElement>("[name=q]")!.Value.Length.ShouldBe(250);
    }

    [Fact]
    public async Task No_results_says_so_and_suggests_loosening_the_filters()
    {
        var doc = await app.CreateAnonymousClient().GetDocumentAsync("/hold?q=curling&weekday=sunday");

        ResultHeading(doc).ShouldBe("0 hold fundet");
        ResultTitles(doc).ShouldBeEmpty();
        var message = doc.QuerySelector(".results .alert-info")!.TextContent;
        message.ShouldContain("Ingen hold passer til søgningen");
        message.ShouldContain("Prøv at fjerne et filter");
        doc.QuerySelector(".results .alert-info a")!.GetAttribute("href").ShouldBe("/hold");
    }

    [Fact]
    public async Task Paging_links_keep_the_filters_and_lead_to_the_next_teams()
    {
        var client = app.CreateAnonymousClient();
        var expectedTotal = await app.WithDb(db => db.Teams.CountAsync(t => t.Status == TeamStatus.Active && t.Venue.Town == "Taastrup", Ct));

        var first = await client.GetDocumentAsync("/hold?place=Taastrup&pageSize=5&weekday=");
        ResultHeading(first).ShouldBe($"{expectedTotal} hold fundet");
        first.QuerySelector(".pager")!.TextContent.ShouldContain($"Side 1 af {((expectedTotal - 1) / 5) + 1}");
        var next = first.QuerySelector<IHtmlAnchorElement>(".pager a[rel=next]")!.GetAttribute("href")!;
        next.ShouldBe("/hold?place=Taastrup&pageSize=5&page=2");

        var second = await client.GetDocumentAsync(next);
        ResultTitles(second).Length.ShouldBe(5);
        ResultTitles(second).ShouldNotContain(t => ResultTitles(first).Contains(t));
        second.QuerySelector<IHtmlAnchorElement>(".pager a[rel=prev]")!.GetAttribute("href").ShouldBe("/hold?place=Taastrup&pageSize=5");
        second.QuerySelector<IHtmlInputElement>("[name=place]")!.Value.ShouldBe("Taastrup");
    }

    [Fact]
    public async Task Paging_links_drop_values_that_could_not_be_used()
    {
        var doc = await app.CreateAnonymousClient().GetDocumentAsync("/hold?pageSize=5&weekday=funday&intensity=light");
        doc.QuerySelector<IHtmlAnchorElement>(".pager a[rel=next]")!.GetAttribute("href").ShouldBe("/hold?intensity=light&pageSize=5&page=2");
    }

    [Fact]
    public async Task A_page_beyond_the_last_says_so_and_links_back()
    {
        var doc = await app.CreateAnonymousClient().GetDocumentAsync("/hold?page=40");
        doc.QuerySelector(".results")!.TextContent.ShouldContain("Side 40 findes ikke");
        doc.QuerySelector<IHtmlAnchorElement>(".results a")!.GetAttribute("href").ShouldBe("/hold");
    }

    [Fact]
    public async Task Every_search_field_has_a_label()
    {
        var doc = await app.CreateAnonymousClient().GetDocumentAsync("/hold");
        var fields = doc.QuerySelectorAll("form[role=search] input, form[role=search] select").ToList();

        fields.Count.ShouldBe(9);
        foreach (var field in fields)
        {
            doc.QuerySelector($"label[for='{field.Id}']").ShouldNotBeNull($"label for {field.GetAttribute("name")}");
        }

        doc.QuerySelectorAll("h1").Length.ShouldBe(1);
        doc.QuerySelectorAll("form[role=search] fieldset > legend").Length.ShouldBe(2);
    }

    [Fact]
    public async Task The_front_page_searches_the_catalogue_and_needs_no_login()
    {
        var doc = await app.CreateAnonymousClient().GetDocumentAsync("/");

        var form = doc.QuerySelector<IHtmlFormElement>("main form")!;
        form.Method.ShouldBe("get");
        form.GetAttribute("action").ShouldBe("/hold");
        form.QuerySelector("input[name=q]").ShouldNotBeNull();
        doc.QuerySelector("label[for=front-q]")!.TextContent.ShouldBe("Hvad vil du gerne prøve?");
        var links = doc.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
        links.ShouldContain("/konto/log-ind");
        links.ShouldNotContain("/administration");
        links.ShouldNotContain("/min-forening");
    }

    [Fact]
    public async Task The_front_page_links_to_what_the_signed_in_role_works_with()
    {
        var coordinator = await (await app.CreateCoordinatorClient()).GetDocumentAsync("/");
        var coordinatorLinks = coordinator.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
        coordinatorLinks.ShouldContain("/administration");
        coordinatorLinks.ShouldNotContain("/min-forening");
        coordinatorLinks.ShouldNotContain("/konto/log-ind");

        var clubContact = await (await app.CreateClubContactClient()).GetDocumentAsync("/");
        var clubLinks = clubContact.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
        clubLinks.ShouldContain("/min-forening");
        clubLinks.ShouldNotContain("/administration");
    }

    [Fact]
    public async Task Anonymous_can_read_the_catalogue_but_administration_redirects_to_login()
    {
        var client = app.CreateAnonymousClient();
        var teamId = await app.TeamId("Stavgang for alle");

        foreach (var url in new[] { "/", "/hold", $"/hold/{teamId}", $"/hold/{teamId}/folder", "/api/v1/teams", $"/api/v1/teams/{teamId}", "/api/v1/clubs", "/openapi/v1.json" })
        {
            (await client.GetAsync(url, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, url);
        }

        var admin = await client.GetAsync("/administration", Ct);
        admin.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        admin.Headers.Location!.ToString().ShouldStartWith("http://localhost/konto/log-ind");
    }
}
