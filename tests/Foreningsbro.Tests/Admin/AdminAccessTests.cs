using System.Net;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Admin;

public class AdminAccessTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string[] CoordinatorPages =
    [
        "/administration",
        "/administration/foreninger",
        "/administration/foreninger/ny",
        "/administration/foreninger/{club}",
        "/administration/steder",
        "/administration/steder/nyt",
        "/administration/steder/{venue}",
        "/administration/hold",
        "/administration/hold/nyt",
        "/administration/lister",
        "/administration/ikke-bekraeftet",
    ];

    private async Task<List<string>> Urls(params string[] templates)
    {
        var (club, venue, team) = await app.WithDb(async db => (
            await db.Clubs.Select(c => c.Id).FirstAsync(),
            await db.Venues.Select(v => v.Id).FirstAsync(),
            await db.Teams.Select(t => t.Id).FirstAsync()));
        return [.. templates.Select(t => t.Replace("{club}", $"{club}", StringComparison.Ordinal).Replace("{venue}", $"{venue}", StringComparison.Ordinal).Replace("{team}", $"{team}", StringComparison.Ordinal))];
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_login_page_from_every_edit_page()
    {
        var client = app.CreateAnonymousClient();
        foreach (var url in await Urls([.. CoordinatorPages, "/min-forening", "/min-forening/kontaktpersoner", "/hold/{team}/rediger"]))
        {
            var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, url);
            response.Headers.Location!.ToString().ShouldStartWith("http://localhost/konto/log-ind", customMessage: url);
        }
    }

    [Fact]
    public async Task Anonymous_posts_change_nothing()
    {
        var id = await app.TeamId("Walking football");
        var version = await app.WithDb(db => db.Teams.Where(t => t.Id == id).Select(t => t.Version).SingleAsync());
        var response = await app.CreateAnonymousClient().PostAsync(
            $"/hold/{id}/rediger",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Title"] = "Hacket" }),
            TestContext.Current.CancellationToken);

        response.StatusCode.ShouldNotBe(HttpStatusCode.OK);
        (await app.WithDb(db => db.Teams.Where(t => t.Id == id).Select(t => new { t.Title, t.Version }).SingleAsync()))
            .ShouldBe(new { Title = "Walking football", Version = version });
    }

    [Theory]
    [InlineData(DemoUsers.ClubContact)]
    [InlineData(DemoUsers.Professional)]
    [InlineData(DemoUsers.Instructor)]
    public async Task Only_coordinators_reach_the_administration(string email)
    {
        var client = await app.CreateClientAs(email);
        foreach (var url in await Urls(CoordinatorPages))
        {
            var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, url);
            response.Headers.Location!.ToString().ShouldStartWith("http://localhost/konto/ingen-adgang", customMessage: url);
        }
    }

    [Fact]
    public async Task A_club_contact_cannot_create_a_club_by_posting_to_the_administration()
    {
        var clubs = await app.WithDb(db => db.Clubs.CountAsync());
        var client = await app.CreateClubContactClient();
        var form = await client.GetFormAsync("/min-forening/kontaktpersoner", "#contacts-form");

        var response = await client.PostFormAsync("/administration/foreninger/ny", form, new() { ["Input.Name"] = "Falsk forening", ["Input.MunicipalityId"] = "1" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldStartWith("http://localhost/konto/ingen-adgang");
        (await app.WithDb(db => db.Clubs.CountAsync())).ShouldBe(clubs);
    }

    [Theory]
    [InlineData(DemoUsers.Professional)]
    [InlineData(DemoUsers.Instructor)]
    public async Task Only_coordinators_and_club_contacts_reach_the_team_edit_page(string email)
    {
        var client = await app.CreateClientAs(email);
        foreach (var url in await Urls("/hold/{team}/rediger", "/min-forening"))
        {
            var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, url);
            response.Headers.Location!.ToString().ShouldStartWith("http://localhost/konto/ingen-adgang", customMessage: url);
        }
    }

    [Fact]
    public async Task A_coordinator_reaches_every_administration_page()
    {
        var client = await app.CreateCoordinatorClient();
        foreach (var url in await Urls([.. CoordinatorPages, "/hold/{team}/rediger"]))
        {
            var doc = await client.GetDocumentAsync(url);
            doc.QuerySelectorAll("h1").Length.ShouldBe(1, url);

            // Every field has a label, and ids are unique so that labels and error links find their field.
            var ids = doc.QuerySelectorAll("[id]").Select(e => e.Id!).ToList();
            ids.ShouldBeUnique(url);
            foreach (var field in doc.QuerySelectorAll("main input:not([type=hidden]), main select, main textarea"))
            {
                doc.QuerySelector($"label[for='{field.Id}']").ShouldNotBeNull($"{url}: #{field.Id} has no label");
            }
        }
    }

    [Fact]
    public async Task Unknown_ids_are_404()
    {
        var client = await app.CreateCoordinatorClient();
        foreach (var url in new[] { "/hold/999999/rediger", "/administration/foreninger/999999", "/administration/steder/999999", "/hold/abc/rediger" })
        {
            (await client.GetAsync(url, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        }
    }
}
