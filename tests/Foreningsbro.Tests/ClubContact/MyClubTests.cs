using System.Net;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.ClubContact;

public class MyClubTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string OwnClub = "Taastrup Motionsforening";

    private Task<Team> LoadTeam(int id) => app.WithDb(db => db.Teams.AsNoTracking().Include(t => t.Schedules).SingleAsync(t => t.Id == id));

    [Fact]
    public async Task Club_contact_sees_only_their_own_clubs_teams_with_the_last_confirmed_date()
    {
        var expected = await app.WithDb(db => db.Teams.Where(t => t.Club.Name == OwnClub).Select(t => t.Id).ToListAsync());
        var client = await app.CreateClubContactClient();

        var doc = await client.GetDocumentAsync("/min-forening");

        doc.QuerySelector("h1")!.TextContent.ShouldBe("Min forening: " + OwnClub);
        doc.QuerySelectorAll("#my-teams tbody tr").Select(r => int.Parse(r.GetAttribute("data-team-id")!, System.Globalization.CultureInfo.InvariantCulture))
            .Order().ShouldBe(expected.Order());
        doc.QuerySelectorAll("#my-teams button").ShouldAllBe(b => b.TextContent.Contains("Oplysningerne er aktuelle"));
        doc.QuerySelector("#my-teams td.last-confirmed")!.TextContent.ShouldContain("2026");
    }

    [Fact]
    public async Task Confirm_button_stamps_the_time_and_the_name_and_a_second_click_is_harmless()
    {
        var id = await app.TeamId("Stole-gymnastik");
        var before = await LoadTeam(id);
        before.LastConfirmedAtUtc.ShouldNotBe(AppFactory.Now.UtcDateTime);
        var client = await app.CreateClubContactClient();
        var page = await client.GetDocumentAsync("/min-forening");
        var form = page.FormValues($"tr[data-team-id='{id}'] form");
        var action = page.QuerySelector($"tr[data-team-id='{id}'] form")!.GetAttribute("action")!;

        var first = await client.PostFormAsync(action, form);
        var second = await client.PostFormAsync(action, form);

        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        second.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await LoadTeam(id);
        after.LastConfirmedAtUtc.ShouldBe(AppFactory.Now.UtcDateTime);
        after.LastConfirmedBy.ShouldBe("Frida Foreningskontakt");
        after.Version.ShouldBe(before.Version, "confirming changes nothing an editor could overwrite");
        after.Title.ShouldBe(before.Title);
        var shown = await client.GetDocumentAsync("/min-forening");
        shown.QuerySelector("div.alert-success")!.TextContent.ShouldContain("Tak. Oplysningerne om »Stole-gymnastik« er markeret som aktuelle.");
        shown.QuerySelector($"tr[data-team-id='{id}'] td.last-confirmed")!.TextContent.ShouldContain("16. november 2026");
    }

    [Fact]
    public async Task Club_contact_cannot_confirm_another_clubs_team()
    {
        var other = await app.TeamId("Motionsbordtennis");
        var before = await LoadTeam(other);
        var client = await app.CreateClubContactClient();
        var form = await client.GetFormAsync("/min-forening", "#my-teams form");

        var response = await client.PostFormAsync($"/min-forening?teamId={other}&handler=Confirm", form);
        var viaEditPage = await client.PostFormAsync($"/hold/{other}/rediger?handler=Confirm", form);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        viaEditPage.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await LoadTeam(other)).LastConfirmedAtUtc.ShouldBe(before.LastConfirmedAtUtc);
    }

    [Fact]
    public async Task Club_contact_edits_their_own_team_but_cannot_move_it_to_another_club()
    {
        var id = await app.TeamId("Morgenstavgang ved søen");
        var before = await LoadTeam(id);
        var otherClub = await app.WithDb(db => db.Clubs.Where(c => c.Name == "Taastrup Løbeklub").Select(c => c.Id).SingleAsync());
        var client = await app.CreateClubContactClient();
        var page = await client.GetDocumentAsync($"/hold/{id}/rediger");
        page.QuerySelector("#Input_ClubId").ShouldBeNull("a club contact is not offered a choice of club");
        page.QuerySelector("#team-form")!.TextContent.ShouldContain(OwnClub);

        var response = await client.PostFormAsync($"/hold/{id}/rediger", page.FormValues("#team-form"), new()
        {
            ["Input.ClubId"] = otherClub.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.FreePlaces"] = "2",
            ["Input.FirstTime"] = "Mød op ved bænken ved søen kl. 8.50.",
            ["Input.Schedules[0].Start"] = "08:30",
            ["Input.Schedules[0].End"] = "09:30",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/min-forening");
        var after = await LoadTeam(id);
        after.ClubId.ShouldBe(before.ClubId);
        after.FreePlaces.ShouldBe(2);
        after.FirstTime.ShouldBe("Mød op ved bænken ved søen kl. 8.50.");
        after.Schedules.Single().Start.ShouldBe(new TimeOnly(8, 30));
        after.SearchText.ShouldContain("baenken");
        after.Version.ShouldBe(before.Version + 1);
    }

    [Fact]
    public async Task Club_contact_gets_404_for_another_clubs_team_and_nothing_changes()
    {
        var own = await app.TeamId("Stavgang for alle");
        var other = await app.TeamId("Bordtennis for parkinsonramte");
        var before = await LoadTeam(other);
        var client = await app.CreateClubContactClient();
        // A valid form with a valid anti-forgery token, aimed at the other club's team.
        var form = await client.GetFormAsync($"/hold/{own}/rediger", "#team-form");

        var get = await client.GetAsync($"/hold/{other}/rediger", TestContext.Current.CancellationToken);
        var post = await client.PostFormAsync($"/hold/{other}/rediger", form, new() { ["Input.Title"] = "Overtaget", ["Input.Version"] = before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        get.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        post.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var after = await LoadTeam(other);
        after.Title.ShouldBe(before.Title);
        after.Version.ShouldBe(before.Version);
        after.UpdatedAtUtc.ShouldBe(before.UpdatedAtUtc);
    }

    [Fact]
    public async Task Club_contact_keeps_the_clubs_contact_persons_current()
    {
        var client = await app.CreateClubContactClient();
        var form = await client.GetFormAsync("/min-forening/kontaktpersoner", "#contacts-form");
        form["Input.Contacts[0].Name"].ShouldBe("Frida Foreningskontakt");

        var invalid = await client.PostFormAsync("/min-forening/kontaktpersoner", form, new()
        {
            ["Input.Contacts[1].Role"] = "Kasserer",
            ["Input.Contacts[1].Email"] = "kasserer@",
        });
        var doc = await invalid.ReadDocumentAsync();
        doc.FieldError("Input_Contacts_1__Name").ShouldBe("Skriv navnet på kontaktperson 2.");
        doc.FieldError("Input_Contacts_1__Email").ShouldBe("Skriv en gyldig e-mailadresse, fx navn@forening.dk.");
        doc.InputValue("Input_Contacts_1__Role").ShouldBe("Kasserer");

        var saved = await client.PostFormAsync("/min-forening/kontaktpersoner", doc.FormValues("#contacts-form"), new()
        {
            ["Input.Contacts[1].Name"] = "Kim Kasse",
            ["Input.Contacts[1].Email"] = "kasserer@motion.example.dk",
            ["Input.Contacts[1].Phone"] = "30 40 50 60",
        });

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var people = await app.WithDb(db => db.ClubContactPersons.Where(p => p.ClubId == db.Clubs.Single(c => c.Name == OwnClub).Id).OrderBy(p => p.Id).ToListAsync());
        people.Select(p => p.Name).ShouldBe(["Frida Foreningskontakt", "Kim Kasse"]);
        people[1].ShouldSatisfyAllConditions(
            p => p.Role.ShouldBe("Kasserer"),
            p => p.Phone.ShouldBe("30 40 50 60"),
            p => p.Email.ShouldBe("kasserer@motion.example.dk"));
    }
}
