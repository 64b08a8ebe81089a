using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue.Search;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using QRCoder;

namespace Foreningsbro.Tests.Catalogue;

/// <summary>The team page, the leaflet and how teams that are archived, paused or odd show up. These tests add teams of their own.</summary>
public class TeamPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Adds a team like "Stavgang for alle" (same club, venue and schedule), changed by <paramref name="change"/>.</summary>
    private Task<int> AddTeam(string title, Action<Team>? change = null) => app.WithDb(async db =>
    {
        var model = await db.Teams.AsNoTracking().Include(t => t.Club).Include(t => t.Venue).Include(t => t.Activity)
            .SingleAsync(t => t.Title == "Stavgang for alle", Ct);
        var team = new Team
        {
            ClubId = model.ClubId,
            VenueId = model.VenueId,
            ActivityId = model.ActivityId,
            Title = title,
            Description = model.Description,
            FirstTime = model.FirstTime,
            Intensity = model.Intensity,
            LowThreshold = true,
            Status = TeamStatus.Active,
            FreePlaces = 2,
            UpdatedAtUtc = app.Clock.GetUtcNow().UtcDateTime,
            Schedules = [new TeamSchedule { Weekday = DayOfWeek.Wednesday, Start = new TimeOnly(18, 0), End = new TimeOnly(19, 0) }],
        };
        change?.Invoke(team);
        team.SearchText = SearchText.ForTeam(team, model.Club.Name, model.Venue, model.Activity.Name, []);
        db.Teams.Add(team);
        await db.SaveChangesAsync(Ct);
        return team.Id;
    });

    [Fact]
    public async Task The_team_page_shows_what_a_citizen_needs_to_turn_up()
    {
        var id = await app.TeamId("Stavgang for alle");

        var doc = await app.CreateAnonymousClient().GetDocumentAsync($"/hold/{id}");

        doc.QuerySelector("h1")!.TextContent.ShouldBe("Stavgang for alle");
        doc.Title.ShouldBe("Stavgang for alle – Foreningsbro");
        var main = doc.QuerySelector("main")!.TextContent;
        main.ShouldContain("Hvad sker der første gang?");
        main.ShouldContain("Mød op ved mødestedet ti minutter før.");
        main.ShouldContain("tirsdag 17. november kl. 10.00");
        main.ShouldContain("tirsdag kl. 10.00–11.00");
        main.ShouldContain("Hele året");
        main.ShouldContain("Taastrup Hovedgade 120");
        main.ShouldContain("Fast sti rundt om søen; bænke for hver 200 m.");
        main.ShouldContain("Flest kvinder, 40–80 år");
        main.ShouldContain("Kronisk sygdom");
        main.ShouldContain("150 kr. pr. sæson");
        main.ShouldContain("Kommunen kan give støtte til kontingentet.");
        main.ShouldContain("5 ledige pladser");
        main.ShouldContain("Frida Foreningskontakt");
        main.ShouldContain("Oplysningerne blev sidst bekræftet af foreningen");
        doc.QuerySelector<IHtmlAnchorElement>("a[href^='tel:']")!.Href.ShouldBe("tel:20112233");
        doc.QuerySelector<IHtmlAnchorElement>("a[href='https://taastrupmotionsforening.example.dk']")!.TextContent.ShouldBe("Taastrup Motionsforening");
        var video = doc.QuerySelector<IHtmlInlineFrameElement>("iframe")!;
        video.Source.ShouldStartWith("https://www.youtube-nocookie.com/embed/");
        video.Title.ShouldBe("Video: Stavgang for alle");
        doc.QuerySelector($"a[href='/hold/{id}/folder']").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_seasonal_team_shows_its_season_and_breaks()
    {
        var doc = await app.CreateAnonymousClient().GetDocumentAsync($"/hold/{await app.TeamId("Seniorfitness i hallen")}");
        var main = doc.QuerySelector("main")!.TextContent;

        main.ShouldContain("15. august 2026 – 30. juni 2027");
        main.ShouldContain("Juleferie: 21. december 2026 – 3. januar 2027");
        main.ShouldContain("tirsdag 17. november kl. 09.30");
    }

    [Fact]
    public async Task Html_in_a_team_is_shown_as_text_never_run()
    {
        const string title = "<script>alert('hold')</script> Yoga";
        var id = await AddTeam(title, t =>
        {
            t.FirstTime = "<img src=x onerror=alert(1)> Kom bare";
            t.ContactName = "<b>Fed</b>";
        });

        var response = await app.CreateAnonymousClient().GetAsync($"/hold/{id}", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        html.ShouldNotContain("<script>alert");
        html.ShouldNotContain("<img src=x");
        html.ShouldNotContain("<b>Fed</b>");
        html.ShouldContain("&lt;script&gt;");
        var doc = new HtmlParser().ParseDocument(html);
        doc.QuerySelector("h1")!.TextContent.ShouldBe(title);
        doc.QuerySelector("main")!.TextContent.ShouldContain("<img src=x onerror=alert(1)> Kom bare");
        doc.QuerySelectorAll("main script").ShouldBeEmpty();
    }

    [Fact]
    public async Task Only_privacy_friendly_players_are_embedded_and_unsafe_links_are_dropped()
    {
        var vimeo = await AddTeam("Video fra Vimeo", t => t.VideoUrl = "https://player.vimeo.com/video/123");
        var elsewhere = await AddTeam("Video et andet sted", t => t.VideoUrl = "https://www.youtube.com/watch?v=abc");
        var script = await AddTeam("Video med script", t => t.VideoUrl = "javascript:alert(1)");
        var client = app.CreateAnonymousClient();

        (await client.GetDocumentAsync($"/hold/{vimeo}")).QuerySelector<IHtmlInlineFrameElement>("iframe")!.Source.ShouldBe("https://player.vimeo.com/video/123");

        var other = await client.GetDocumentAsync($"/hold/{elsewhere}");
        other.QuerySelector("iframe").ShouldBeNull();
        other.QuerySelector("a[href='https://www.youtube.com/watch?v=abc']")!.TextContent.ShouldBe("Se videoen om holdet");

        var unsafeDoc = await client.GetDocumentAsync($"/hold/{script}");
        unsafeDoc.QuerySelector("iframe").ShouldBeNull();
        unsafeDoc.QuerySelector("a[href^='javascript:']").ShouldBeNull();
    }

    [Fact]
    public async Task A_photo_is_shown_with_its_alt_text()
    {
        var id = await AddTeam("Hold med foto", t =>
        {
            t.PhotoUrl = "https://billeder.example.dk/stavgang.jpg";
            t.PhotoAlt = "Seks personer går med stave ved en sø";
        });

        var img = (await app.CreateAnonymousClient().GetDocumentAsync($"/hold/{id}")).QuerySelector<IHtmlImageElement>("main img")!;

        img.Source.ShouldBe("https://billeder.example.dk/stavgang.jpg");
        img.AlternativeText.ShouldBe("Seks personer går med stave ved en sø");
    }

    [Fact]
    public async Task An_archived_team_is_gone_from_page_leaflet_api_and_search()
    {
        var id = await AddTeam("Arkiveret krolfhold", t => t.Status = TeamStatus.Archived);
        var client = app.CreateAnonymousClient();

        foreach (var url in new[] { $"/hold/{id}", $"/hold/{id}/folder" })
        {
            var response = await client.GetAsync(url, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
            (await response.ReadDocumentAsync()).QuerySelector("h1")!.TextContent.ShouldBe("Holdet findes ikke");
        }

        (await client.GetAsync($"/api/v1/teams/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetStringAsync("/api/v1/teams?q=arkiveret", Ct)).ShouldContain("\"total\":0");
    }

    [Fact]
    public async Task An_unknown_team_is_a_404_page()
    {
        var response = await app.CreateAnonymousClient().GetAsync("/hold/987654", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var doc = await response.ReadDocumentAsync();
        doc.QuerySelector("h1")!.TextContent.ShouldBe("Holdet findes ikke");
        doc.QuerySelector("main a[href='/hold']").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_paused_team_says_so_and_is_not_found_by_search()
    {
        var id = await AddTeam("Pauseret volleyhold", t => t.Status = TeamStatus.Paused);
        var client = app.CreateAnonymousClient();

        var doc = await client.GetDocumentAsync($"/hold/{id}");
        doc.QuerySelector(".alert-warning")!.TextContent.ShouldContain("Holdet holder pause");
        doc.QuerySelector("main")!.TextContent.ShouldNotContain("Næste gang");

        var json = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/teams/{id}", Ct)).RootElement;
        json.GetProperty("status").GetString().ShouldBe("paused");
        json.GetProperty("nextSession").ValueKind.ShouldBe(JsonValueKind.Null);
        (await client.GetStringAsync("/api/v1/teams?q=pauseret", Ct)).ShouldContain("\"total\":0");
    }

    [Fact]
    public async Task Low_threshold_only_leaves_out_ordinary_teams()
    {
        var id = await AddTeam("Almindeligt konkurrencehold", t => t.LowThreshold = false);
        var client = app.CreateAnonymousClient();

        var all = JsonDocument.Parse(await client.GetStringAsync("/api/v1/teams?pageSize=100", Ct)).RootElement.GetProperty("items");
        var lowOnly = JsonDocument.Parse(await client.GetStringAsync("/api/v1/teams?pageSize=100&lowThreshold=true", Ct)).RootElement.GetProperty("items");

        all.EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ShouldContain(id);
        lowOnly.EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ShouldNotContain(id);
        lowOnly.GetArrayLength().ShouldBe(all.GetArrayLength() - 1);
    }

    [Fact]
    public async Task The_leaflet_has_the_essentials_and_a_qr_code_for_the_public_address()
    {
        var id = await app.TeamId("Motionsbadminton formiddag");

        var doc = await app.CreateAnonymousClient().GetDocumentAsync($"/hold/{id}/folder");

        doc.QuerySelector("h1")!.TextContent.ShouldBe("Motionsbadminton formiddag");
        var leaflet = doc.QuerySelector(".leaflet")!.TextContent;
        leaflet.ShouldContain("mandag kl. 10.00–11.30");
        leaflet.ShouldContain("torsdag kl. 10.00–11.30");
        leaflet.ShouldContain("Hedehushallen");
        leaflet.ShouldContain("Rugvænget 20");
        leaflet.ShouldContain("Hvad sker der første gang?");
        leaflet.ShouldContain("Kom ti minutter før");
        leaflet.ShouldContain("de fleste har ikke spillet i mange år");
        leaflet.ShouldContain("Poul Fjerbold");
        leaflet.ShouldContain("20 22 33 44");

        var publicUrl = $"http://localhost/hold/{id}";
        doc.QuerySelector(".leaflet-url")!.TextContent.ShouldBe(publicUrl);
        var qr = doc.QuerySelector<IHtmlImageElement>(".leaflet-qr img")!;
        qr.AlternativeText.ShouldNotBeNullOrWhiteSpace();
        qr.Source.ShouldBe(ExpectedQr(publicUrl), "the QR code encodes the team's public address");

        var button = doc.QuerySelector<IHtmlButtonElement>("button[data-print-button]")!;
        button.IsHidden.ShouldBeTrue("without JavaScript the browser's own print command is the way");
        doc.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")).ShouldContain(s => s!.StartsWith("/js/print.js", StringComparison.Ordinal));
        doc.QuerySelectorAll("script:not([src])").ShouldBeEmpty("the CSP forbids inline scripts");
    }

    [Fact]
    public async Task The_leaflet_uses_the_configured_public_address()
    {
        var id = await app.TeamId("Stolyoga");
        using var configured = app.WithWebHostBuilder(b => b.UseSetting("PublicBaseUrl", "https://foreningsbro.hoeje-taastrup.dk/"));
        var client = configured.CreateClient();

        var html = await client.GetStringAsync($"/hold/{id}/folder", Ct);
        var doc = new HtmlParser().ParseDocument(html);

        doc.QuerySelector(".leaflet-url")!.TextContent.ShouldBe($"https://foreningsbro.hoeje-taastrup.dk/hold/{id}");
        doc.QuerySelector<IHtmlImageElement>(".leaflet-qr img")!.Source.ShouldBe(ExpectedQr($"https://foreningsbro.hoeje-taastrup.dk/hold/{id}"));
    }

    private static string ExpectedQr(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(new SvgQRCode(data).GetGraphic(8)));
    }
}
