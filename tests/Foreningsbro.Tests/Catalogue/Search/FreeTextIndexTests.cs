using System.Net;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue.Search;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Catalogue.Search;

/// <summary>
/// Free-text search keeps up with changes to the catalogue. On SQLite it goes through the FTS5
/// index that triggers keep current (migration TeamSearchFts); on PostgreSQL through the trigram index.
/// </summary>
public class FreeTextIndexTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<List<string>> Found(string q) => app.WithDb(async db =>
        (await DatabaseSearch.RunAsync(db, new TeamSearchQuery { Q = q, PageSize = 100 }, AppFactory.Now, Ct)).Items.Select(i => i.Title).ToList());

    [Fact]
    public async Task A_renamed_team_is_found_by_its_new_name_and_no_longer_by_its_old_one()
    {
        var id = await app.TeamId("Stolyoga");
        (await Found("stolyoga")).ShouldBe(["Stolyoga"]);
        var client = await app.CreateCoordinatorClient();
        var form = await client.GetFormAsync($"/hold/{id}/rediger", "#team-form");

        var response = await client.PostFormAsync($"/hold/{id}/rediger", form, new()
        {
            ["Input.Title"] = "Siddegymnastik med flamingoer",
            ["Input.Description"] = "Rolige øvelser på en stol, i dit eget tempo.",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Found("flamingoer")).ShouldBe(["Siddegymnastik med flamingoer"]);
        (await Found("siddegymnastik flamingo")).ShouldBe(["Siddegymnastik med flamingoer"]);
        (await Found("stolyoga")).ShouldBeEmpty();
        await IndexMatchesTheTeamsAsync();
    }

    [Fact]
    public async Task A_team_added_and_deleted_in_the_database_is_found_and_then_gone()
    {
        var template = await app.WithDb(db => db.Teams.AsNoTracking().FirstAsync(t => t.Title == "Rolige cykelture", Ct));
        var team = new Team
        {
            ClubId = template.ClubId,
            VenueId = template.VenueId,
            ActivityId = template.ActivityId,
            Title = "Kvasarcykling",
            Status = TeamStatus.Active,
            SearchText = SearchText.Normalize("Kvasarcykling om lørdagen"),
        };
        await app.WithDb(async db =>
        {
            db.Teams.Add(team);
            await db.SaveChangesAsync(Ct);
        });

        (await Found("kvasarcykling loerdagen")).ShouldBe(["Kvasarcykling"]);
        await IndexMatchesTheTeamsAsync();

        await app.WithDb(db => db.Teams.Where(t => t.Id == team.Id).ExecuteDeleteAsync(Ct));

        (await Found("kvasarcykling")).ShouldBeEmpty();
        await IndexMatchesTheTeamsAsync();
    }

    [Fact]
    public async Task Words_shorter_than_three_letters_and_words_in_many_teams_give_the_same_teams_as_a_plain_scan()
    {
        // The index holds trigrams, so "60" is tested on the text; "og" is in nearly every team.
        var teams = await app.WithDb(db => db.Teams.AsNoTracking().Where(t => t.Status == TeamStatus.Active).Select(t => new { t.Title, t.SearchText }).ToListAsync(Ct));
        foreach (var q in new[] { "60", "mænd 60", "og", "motion og", "hoeje taastrup" })
        {
            var terms = SearchText.Terms(q);
            var expected = teams.Where(t => terms.All(t.SearchText.Contains)).Select(t => t.Title).Order().ToList();
            expected.ShouldNotBeEmpty(q);
            (await Found(q)).Order().ToList().ShouldBe(expected, ignoreOrder: false, customMessage: q);
        }
    }

    /// <summary>On SQLite, FTS5's own check that the index holds exactly the text in Teams.</summary>
    private Task IndexMatchesTheTeamsAsync() => AppFactory.IsPostgres
        ? Task.CompletedTask
        : app.WithDb(db => db.Database.ExecuteSqlRawAsync("""INSERT INTO "TeamSearchFts"("TeamSearchFts", rank) VALUES ('integrity-check', 1)""", Ct));
}
