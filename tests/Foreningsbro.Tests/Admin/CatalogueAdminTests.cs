using System.Globalization;
using System.Net;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue.Search;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Admin;

public class CatalogueAdminTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string S(int n) => n.ToString(CultureInfo.InvariantCulture);

    private Task<int> MunicipalityId(string name) => app.WithDb(db => db.Municipalities.Where(m => m.Name == name).Select(m => m.Id).SingleAsync());

    private Task<List<(int Id, string SearchText, string Expected, int Version)>> SearchTexts(Func<Team, bool> which) => app.WithDb(async db =>
    {
        var teams = await db.Teams.AsNoTracking().Include(t => t.Club).Include(t => t.Venue).Include(t => t.Activity).Include(t => t.TargetGroups).AsSplitQuery().ToListAsync();
        return teams.Where(which)
            .Select(t => (t.Id, t.SearchText, SearchText.ForTeam(t, t.Club.Name, t.Venue, t.Activity.Name, t.TargetGroups.Select(g => g.Name).Order(StringComparer.Ordinal)), t.Version))
            .ToList();
    });

    [Fact]
    public async Task Coordinator_creates_a_club_a_venue_and_a_team_that_can_then_be_found()
    {
        var client = await app.CreateCoordinatorClient();
        var municipality = await MunicipalityId("Høje-Taastrup");

        var clubForm = await client.GetFormAsync("/administration/foreninger/ny", "#club-form");
        var clubResponse = await client.PostFormAsync("/administration/foreninger/ny", clubForm, new()
        {
            ["Input.Name"] = "Gadekæret Gangklub",
            ["Input.MunicipalityId"] = S(municipality),
            ["Input.Cvr"] = "12345678",
            ["Input.Address"] = "Gadekæret 1",
            ["Input.PostalCode"] = "2630",
            ["Input.Town"] = "Taastrup",
            ["Input.Website"] = "https://gadekaeret.example.dk",
            ["Input.Contacts[0].Name"] = "Gitte Gang",
            ["Input.Contacts[0].Role"] = "Formand",
            ["Input.Contacts[0].Phone"] = "40 50 60 70",
            ["Input.Contacts[0].Email"] = "gitte@gadekaeret.example.dk",
        });
        clubResponse.StatusCode.ShouldBe(HttpStatusCode.Redirect, await clubResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var club = await app.WithDb(db => db.Clubs.AsNoTracking().Include(c => c.ContactPersons).SingleAsync(c => c.Name == "Gadekæret Gangklub"));
        club.ShouldSatisfyAllConditions(
            c => c.Cvr.ShouldBe("12345678"),
            c => c.MunicipalityId.ShouldBe(municipality),
            c => c.Website.ShouldBe("https://gadekaeret.example.dk"),
            c => c.ContactPersons.Single().Name.ShouldBe("Gitte Gang"),
            c => c.ContactPersons.Single().Email.ShouldBe("gitte@gadekaeret.example.dk"));

        var venueForm = await client.GetFormAsync("/administration/steder/nyt", "#venue-form");
        var venueResponse = await client.PostFormAsync("/administration/steder/nyt", venueForm, new()
        {
            ["Input.Name"] = "Gadekærets Pavillon",
            ["Input.MunicipalityId"] = S(municipality),
            ["Input.Address"] = "Gadekæret 3",
            ["Input.PostalCode"] = "2630",
            ["Input.Town"] = "Tåstrup",
            ["Input.Latitude"] = "55,6601",
            ["Input.Longitude"] = "12.2801",
            ["Input.AccessibilityNotes"] = "Niveaufri adgang.",
        });
        venueResponse.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var venue = await app.WithDb(db => db.Venues.AsNoTracking().SingleAsync(v => v.Name == "Gadekærets Pavillon"));
        venue.TownKey.ShouldBe("taastrup");
        venue.Latitude.ShouldBe(55.6601);
        venue.Longitude.ShouldBe(12.2801);

        var activity = await app.WithDb(db => db.Activities.Where(a => a.Name == "Stavgang").Select(a => a.Id).SingleAsync());
        var teamForm = await client.GetFormAsync($"/administration/hold/nyt?forening={club.Id}", "#team-form");
        var teamResponse = await client.PostFormAsync("/administration/hold/nyt", teamForm, new()
        {
            ["Input.VenueId"] = S(venue.Id),
            ["Input.ActivityId"] = S(activity),
            ["Input.Title"] = "Gåtur rundt om gadekæret",
            ["Input.Schedules[0].Weekday"] = "Wednesday",
            ["Input.Schedules[0].Start"] = "10:00",
            ["Input.Schedules[0].End"] = "11:00",
            ["Input.FreePlaces"] = "10",
        });
        teamResponse.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var id = await app.TeamId("Gåtur rundt om gadekæret");
        var team = (await SearchTexts(t => t.Id == id)).Single();
        team.SearchText.ShouldBe(team.Expected);
        team.SearchText.ShouldBe("gaatur rundt om gadekaeret stavgang gadekaeret gangklub gadekaerets pavillon taastrup 2630");
        var found = await app.WithDb(db => DatabaseSearch.RunAsync(db, new TeamSearchQuery { Q = "gadekæret", Place = "Tåstrup" }, AppFactory.Now));
        found.Items.Single().Id.ShouldBe(id);
    }

    [Fact]
    public async Task Invalid_club_input_is_refused_in_danish_keeps_what_was_typed_and_saves_nothing()
    {
        var clubs = await app.WithDb(db => db.Clubs.CountAsync());
        var client = await app.CreateCoordinatorClient();
        var form = await client.GetFormAsync("/administration/foreninger/ny", "#club-form");

        var response = await client.PostFormAsync("/administration/foreninger/ny", form, new()
        {
            ["Input.Name"] = "Ny klub",
            // Another municipality than the coordinator's own, the only one offered (ADR 0013).
            ["Input.MunicipalityId"] = (await app.WithDb(db => db.Municipalities.Where(m => m.Code == 190).Select(m => m.Id).SingleAsync())).ToString(CultureInfo.InvariantCulture),
            ["Input.Cvr"] = "1234",
            ["Input.PostalCode"] = "26300",
            ["Input.Website"] = "www.klub.dk",
            ["Input.Contacts[0].Phone"] = "12",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await response.ReadDocumentAsync();
        doc.FieldError("Input_MunicipalityId").ShouldBe("Vælg en kommune.");
        doc.FieldError("Input_Cvr").ShouldBe("Et CVR-nummer har 8 cifre.");
        doc.FieldError("Input_PostalCode").ShouldBe("Skriv et postnummer med 4 cifre.");
        doc.FieldError("Input_Website").ShouldBe("Skriv en hel webadresse, der begynder med https:// eller http://.");
        doc.FieldError("Input_Contacts_0__Phone").ShouldStartWith("Skriv et telefonnummer med 8 cifre");
        doc.FieldError("Input_Contacts_0__Name").ShouldBe("Skriv navnet på kontaktperson 1.");
        doc.InputValue("Input_Name").ShouldBe("Ny klub");
        doc.InputValue("Input_Cvr").ShouldBe("1234");
        doc.InputValue("Input_Website").ShouldBe("www.klub.dk");
        doc.InputValue("Input_Contacts_0__Phone").ShouldBe("12");
        doc.ErrorSummary().Count.ShouldBe(6);
        (await app.WithDb(db => db.Clubs.CountAsync())).ShouldBe(clubs);
    }

    [Fact]
    public async Task Invalid_venue_input_is_refused_in_danish_and_keeps_what_was_typed()
    {
        var venue = await app.WithDb(db => db.Venues.AsNoTracking().SingleAsync(v => v.Name == "Fløng Hallen"));
        var client = await app.CreateCoordinatorClient();
        var form = await client.GetFormAsync($"/administration/steder/{venue.Id}", "#venue-form");

        var response = await client.PostFormAsync($"/administration/steder/{venue.Id}", form, new()
        {
            ["Input.Town"] = "",
            ["Input.PostalCode"] = "abcd",
            ["Input.Latitude"] = "nord",
            ["Input.Longitude"] = "",
        });

        var doc = await response.ReadDocumentAsync();
        doc.FieldError("Input_Town").ShouldBe("Skriv byen.");
        doc.FieldError("Input_PostalCode").ShouldBe("Skriv et postnummer med 4 cifre.");
        doc.FieldError("Input_Latitude").ShouldStartWith("Skriv breddegraden som et decimaltal");
        doc.FieldError("Input_Longitude").ShouldBe("Udfyld både bredde- og længdegrad, eller ingen af dem.");
        doc.InputValue("Input_Latitude").ShouldBe("nord");
        doc.InputValue("Input_PostalCode").ShouldBe("abcd");
        (await app.WithDb(db => db.Venues.AsNoTracking().SingleAsync(v => v.Id == venue.Id))).Version.ShouldBe(venue.Version);
    }

    [Fact]
    public async Task Renaming_a_club_or_venue_refreshes_the_search_text_of_its_teams()
    {
        var club = await app.WithDb(db => db.Clubs.AsNoTracking().SingleAsync(c => c.Name == "Taastrup Danseforening"));
        var venue = await app.WithDb(db => db.Venues.AsNoTracking().SingleAsync(v => v.Name == "Reerslev Forsamlingshus"));
        var client = await app.CreateCoordinatorClient();

        var clubForm = await client.GetFormAsync($"/administration/foreninger/{club.Id}", "#club-form");
        (await client.PostFormAsync($"/administration/foreninger/{club.Id}", clubForm, new() { ["Input.Name"] = "Taastrup Swingklub" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var venueForm = await client.GetFormAsync($"/administration/steder/{venue.Id}", "#venue-form");
        (await client.PostFormAsync($"/administration/steder/{venue.Id}", venueForm, new() { ["Input.Name"] = "Reerslev Landsbyhus" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var danceTeams = await SearchTexts(t => t.ClubId == club.Id);
        danceTeams.Count.ShouldBe(2);
        danceTeams.ShouldAllBe(t => t.SearchText == t.Expected && t.SearchText.Contains("taastrup swingklub"));
        var reerslevTeams = await SearchTexts(t => t.VenueId == venue.Id);
        reerslevTeams.ShouldNotBeEmpty();
        reerslevTeams.ShouldAllBe(t => t.SearchText == t.Expected && t.SearchText.Contains("reerslev landsbyhus"));
        (await app.WithDb(db => DatabaseSearch.RunAsync(db, new TeamSearchQuery { Q = "swingklub" }, AppFactory.Now))).Total.ShouldBe(2);
    }

    [Fact]
    public async Task Renaming_an_activity_refreshes_the_search_text_of_its_teams_without_making_open_edits_stale()
    {
        var activity = await app.WithDb(db => db.Activities.SingleAsync(a => a.Name == "Petanque"));
        var before = await SearchTexts(t => t.ActivityId == activity.Id);
        before.ShouldNotBeEmpty();
        var client = await app.CreateCoordinatorClient();
        var page = await client.GetDocumentAsync("/administration/lister");
        var action = page.QuerySelector($"#list-Activity tr[data-entry-id='{activity.Id}'] form.rename-form")!.GetAttribute("action")!;

        var response = await client.PostFormAsync(action, page.FormValues($"#list-Activity tr[data-entry-id='{activity.Id}'] form.rename-form"), new() { ["name"] = "Boule" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDb(db => db.Activities.Where(a => a.Id == activity.Id).Select(a => a.Name).SingleAsync())).ShouldBe("Boule");
        var after = await SearchTexts(t => t.ActivityId == activity.Id);
        after.ShouldAllBe(t => t.SearchText == t.Expected && t.SearchText.Contains("boule"));
        after.Select(t => t.Version).ShouldBe(before.Select(t => t.Version));
        var found = await app.WithDb(db => DatabaseSearch.RunAsync(db, new TeamSearchQuery { Q = "boule" }, AppFactory.Now));
        found.Items.Select(h => h.Id).Order().ShouldBe(after.Select(t => t.Id).Order());
    }

    [Fact]
    public async Task Renaming_a_target_group_refreshes_the_search_text_of_its_teams()
    {
        var group = await app.WithDb(db => db.TargetGroups.SingleAsync(g => g.Name == "Angst og stress"));
        var client = await app.CreateCoordinatorClient();
        var page = await client.GetDocumentAsync("/administration/lister");
        var selector = $"#list-TargetGroup tr[data-entry-id='{group.Id}'] form.rename-form";

        var response = await client.PostFormAsync(page.QuerySelector(selector)!.GetAttribute("action")!, page.FormValues(selector), new() { ["name"] = "Psykisk sårbarhed" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var teams = await SearchTexts(t => t.TargetGroups.Any(g => g.Id == group.Id));
        teams.ShouldNotBeEmpty();
        teams.ShouldAllBe(t => t.SearchText == t.Expected && t.SearchText.Contains("psykisk saarbarhed"));
    }

    [Fact]
    public async Task A_duplicate_list_entry_is_refused_and_keeps_what_was_typed()
    {
        var count = await app.WithDb(db => db.Activities.CountAsync());
        var client = await app.CreateCoordinatorClient();
        var page = await client.GetDocumentAsync("/administration/lister");
        var form = page.QuerySelector("#list-Activity ~ form.add-form")!;

        var response = await client.PostFormAsync(form.GetAttribute("action")!, page.FormValues("#list-Activity ~ form.add-form"), new() { ["name"] = "  yoga " });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await response.ReadDocumentAsync();
        doc.FieldError("activity-new").ShouldBe("»yoga« findes allerede på listen.");
        doc.InputValue("activity-new").ShouldBe("  yoga ");
        doc.ErrorSummary().ShouldBe([("»yoga« findes allerede på listen.", "#activity-new")]);
        (await app.WithDb(db => db.Activities.CountAsync())).ShouldBe(count);

        var added = await client.PostFormAsync(form.GetAttribute("action")!, page.FormValues("#list-Activity ~ form.add-form"), new() { ["name"] = "Tai chi" });
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDb(db => db.Activities.CountAsync(a => a.Name == "Tai chi"))).ShouldBe(1);
    }

    [Fact]
    public async Task An_archived_activity_is_not_offered_for_new_teams_but_stays_on_teams_that_have_it()
    {
        var activity = await app.WithDb(db => db.Activities.SingleAsync(a => a.Name == "Krolf"));
        var team = await app.TeamId("Krolf i Reerslev");
        var client = await app.CreateCoordinatorClient();
        var page = await client.GetDocumentAsync("/administration/lister");
        var selector = $"#list-Activity tr[data-entry-id='{activity.Id}'] form:not(.rename-form)";

        (await client.PostFormAsync(page.QuerySelector(selector)!.GetAttribute("action")!, page.FormValues(selector))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await app.WithDb(db => db.Activities.Where(a => a.Id == activity.Id).Select(a => a.Archived).SingleAsync())).ShouldBeTrue();
        var newForm = await client.GetDocumentAsync("/administration/hold/nyt");
        newForm.QuerySelectorAll("#Input_ActivityId option").Select(o => o.GetAttribute("value")).ShouldNotContain(S(activity.Id));
        var editForm = await client.GetDocumentAsync($"/hold/{team}/rediger");
        editForm.SelectValue("Input_ActivityId").ShouldBe(S(activity.Id));
        editForm.QuerySelector("#Input_ActivityId option:checked")!.TextContent.ShouldBe("Krolf (arkiveret)");
    }

    [Fact]
    public async Task Archiving_a_club_archives_its_teams_so_they_leave_the_catalogue()
    {
        var club = await app.WithDb(db => db.Clubs.AsNoTracking().SingleAsync(c => c.Name == "Fløng Boldklub"));
        var teams = await app.WithDb(db => db.Teams.Where(t => t.ClubId == club.Id).Select(t => t.Id).ToListAsync());
        var client = await app.CreateCoordinatorClient();
        var page = await client.GetDocumentAsync($"/administration/foreninger/{club.Id}");

        var response = await client.PostFormAsync($"/administration/foreninger/{club.Id}?handler=Archive", page.FormValues("main form[action*='handler=Archive']"));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetDocumentAsync($"/administration/foreninger/{club.Id}")).QuerySelector("div.alert-success")!.TextContent
            .ShouldContain($"Foreningen er arkiveret. {teams.Count} hold er arkiveret med den");
        (await app.WithDb(db => db.Clubs.Where(c => c.Id == club.Id).Select(c => c.Archived).SingleAsync())).ShouldBeTrue();
        (await app.WithDb(db => db.Teams.Where(t => t.ClubId == club.Id).Select(t => t.Status).ToListAsync())).ShouldAllBe(s => s == TeamStatus.Archived);
        var search = await app.WithDb(db => DatabaseSearch.RunAsync(db, new TeamSearchQuery { PageSize = 100 }, AppFactory.Now));
        search.Items.ShouldNotContain(h => teams.Contains(h.Id));
        (await client.GetDocumentAsync("/administration/hold/nyt")).QuerySelectorAll("#Input_ClubId option")
            .Select(o => o.GetAttribute("value")).ShouldNotContain(S(club.Id));
    }

    [Fact]
    public async Task An_archived_venue_is_not_offered_for_new_teams_and_can_be_taken_back_into_use()
    {
        var venue = await app.WithDb(db => db.Venues.AsNoTracking().SingleAsync(v => v.Name == "Værløse Hallen"));
        var client = await app.CreateClientAs(DemoUsers.FuresoeCoordinator); // Furesø's venue, administered by its coordinator (ADR 0013)
        var page = await client.GetDocumentAsync($"/administration/steder/{venue.Id}");

        var archived = await client.PostFormAsync($"/administration/steder/{venue.Id}?handler=Archive", page.FormValues("main form[action*='handler=Archive']"));

        archived.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var again = await client.GetDocumentAsync(archived.Headers.Location!.ToString());
        again.QuerySelector("div.alert-success")!.TextContent.ShouldContain("Stedet er arkiveret");
        (await app.WithDb(db => db.Venues.Where(v => v.Id == venue.Id).Select(v => v.Archived).SingleAsync())).ShouldBeTrue();
        (await client.GetDocumentAsync("/administration/hold/nyt")).QuerySelectorAll("#Input_VenueId option")
            .Select(o => o.GetAttribute("value")).ShouldNotContain(S(venue.Id));

        (await client.PostFormAsync($"/administration/steder/{venue.Id}?handler=Restore", again.FormValues("main form[action*='handler=Restore']")))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetDocumentAsync("/administration/hold/nyt")).QuerySelectorAll("#Input_VenueId option")
            .Select(o => o.GetAttribute("value")).ShouldContain(S(venue.Id));
    }

    [Fact]
    public async Task The_overdue_list_shows_exactly_the_active_teams_not_confirmed_in_six_months_oldest_first()
    {
        var cutoff = AppFactory.Now.UtcDateTime.AddMonths(-6);
        // The coordinator's own municipality's listings (ADR 0013): Høje-Taastrup's.
        var expected = await app.WithDb(db => db.Teams
            .Where(t => t.Club.Municipality.Code == 169)
            .Where(t => t.Status == TeamStatus.Active && (t.LastConfirmedAtUtc == null || t.LastConfirmedAtUtc < cutoff))
            .OrderBy(t => t.LastConfirmedAtUtc != null).ThenBy(t => t.LastConfirmedAtUtc).ThenBy(t => t.Title)
            .Select(t => t.Id).ToListAsync());
        expected.ShouldNotBeEmpty("the demo data has overdue listings");
        var client = await app.CreateCoordinatorClient();

        var doc = await client.GetDocumentAsync("/administration/ikke-bekraeftet");

        doc.QuerySelectorAll("#overdue-teams tbody tr").Select(r => int.Parse(r.GetAttribute("data-team-id")!, CultureInfo.InvariantCulture)).ShouldBe(expected);
        var first = doc.QuerySelector("#overdue-teams tbody tr")!;
        first.QuerySelector("td a[href^='tel:']").ShouldNotBeNull("the contact's phone is there to call");
        var overview = await client.GetDocumentAsync("/administration");
        overview.QuerySelector("#count-overdue")!.TextContent.ShouldBe(S(expected.Count));
        overview.QuerySelector("#count-active-teams")!.TextContent.ShouldBe(S(await app.WithDb(db => db.Teams.CountAsync(t => t.Status == TeamStatus.Active && t.Club.Municipality.Code == 169))));
        overview.QuerySelector("#count-clubs")!.TextContent.ShouldBe(S(await app.WithDb(db => db.Clubs.CountAsync(c => !c.Archived && c.Municipality.Code == 169))));
    }

    [Fact]
    public async Task A_stale_club_edit_is_refused_and_the_first_save_is_kept()
    {
        var club = await app.WithDb(db => db.Clubs.AsNoTracking().SingleAsync(c => c.Name == "Taastrup Løbeklub"));
        var one = await app.CreateCoordinatorClient();
        var two = await app.CreateCoordinatorClient();
        var url = $"/administration/foreninger/{club.Id}";
        var first = await one.GetFormAsync(url, "#club-form");
        var second = await two.GetFormAsync(url, "#club-form");

        (await one.PostFormAsync(url, first, new() { ["Input.Town"] = "Hedehusene" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var response = await two.PostFormAsync(url, second, new() { ["Input.Contacts[0].Phone"] = "99 88 77 66" });

        var doc = await response.ReadDocumentAsync();
        doc.QuerySelector("#stale-edit")!.TextContent.ShouldContain("Foreningen er blevet ændret af en anden, mens du redigerede.");
        var saved = await app.WithDb(db => db.Clubs.AsNoTracking().Include(c => c.ContactPersons).SingleAsync(c => c.Id == club.Id));
        saved.Town.ShouldBe("Hedehusene");
        saved.ContactPersons.Single().Phone.ShouldBe("21 55 66 77");
    }
}
