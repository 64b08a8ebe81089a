using System.Net;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue.Search;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Catalogue;

public class EditTeamTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string EditUrl(int id) => $"/hold/{id}/rediger";

    private Task<Team> LoadTeam(int id) => app.WithDb(db => db.Teams.AsNoTracking()
        .Include(t => t.Schedules).Include(t => t.Breaks).Include(t => t.TargetGroups).Include(t => t.Club).Include(t => t.Venue).Include(t => t.Activity)
        .AsSplitQuery().SingleAsync(t => t.Id == id));

    private static string ExpectedSearchText(Team t) =>
        SearchText.ForTeam(t, t.Club.Name, t.Venue, t.Activity.Name, t.TargetGroups.Select(g => g.Name).Order(StringComparer.Ordinal));

    [Fact]
    public async Task Coordinator_creates_a_team_and_it_is_stored_with_its_search_text()
    {
        var (clubId, venueId, yogaId, seniorId, chronicId) = await app.WithDb(async db => (
            await db.Clubs.Where(c => c.Name == "Yoga i Taastrup").Select(c => c.Id).SingleAsync(),
            await db.Venues.Where(v => v.Name == "Hedehushallen").Select(v => v.Id).SingleAsync(),
            await db.Activities.Where(a => a.Name == "Yoga").Select(a => a.Id).SingleAsync(),
            await db.TargetGroups.Where(g => g.Name == "Senior").Select(g => g.Id).SingleAsync(),
            await db.TargetGroups.Where(g => g.Name == "Kronisk sygdom").Select(g => g.Id).SingleAsync()));
        var client = await app.CreateCoordinatorClient();

        var form = await client.GetFormAsync($"/administration/hold/nyt?forening={clubId}", "#team-form");
        form["Input.ClubId"].ShouldBe(clubId.ToString(System.Globalization.CultureInfo.InvariantCulture), "the club is preselected from the address");
        form.SetTargetGroup(seniorId, true);
        form.SetTargetGroup(chronicId, true);
        var response = await client.PostFormAsync("/administration/hold/nyt", form, new()
        {
            ["Input.VenueId"] = venueId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.ActivityId"] = yogaId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Title"] = "  Morgenyoga på måtten  ",
            ["Input.Description"] = "Rolig yoga for stive kroppe.",
            ["Input.FirstTime"] = "Tag et tæppe med.",
            ["Input.TypicalParticipants"] = "Mest seniorer.",
            ["Input.Intensity"] = "Light",
            ["Input.GenderMix"] = "MostlyWomen",
            ["Input.AgeFrom"] = "50",
            ["Input.AgeTo"] = "90",
            ["Input.Price"] = "250,50",
            ["Input.FeeSubsidyPossible"] = "true",
            ["Input.Capacity"] = "15",
            ["Input.ReservedPlaces"] = "2",
            ["Input.FreePlaces"] = "4",
            ["Input.ContactName"] = "Nina Lotus",
            ["Input.ContactPhone"] = "+45 21 22 33 44",
            ["Input.ContactEmail"] = "nina@yoga.example.dk",
            ["Input.VideoUrl"] = "https://www.youtube-nocookie.com/embed/abc",
            ["Input.PhotoUrl"] = "https://yoga.example.dk/hold.jpg",
            ["Input.PhotoAlt"] = "Fem deltagere på måtter i en lys sal.",
            ["Input.SeasonStart"] = "2026-08-17",
            ["Input.SeasonEnd"] = "2027-06-25",
            ["Input.Schedules[0].Weekday"] = "Tuesday",
            ["Input.Schedules[0].Start"] = "09:00",
            ["Input.Schedules[0].End"] = "10:00",
            ["Input.Schedules[1].Weekday"] = "Friday",
            ["Input.Schedules[1].Start"] = "9.30",
            ["Input.Schedules[1].End"] = "10:30",
            ["Input.Breaks[0].Name"] = "Juleferie",
            ["Input.Breaks[0].From"] = "21-12-2026",
            ["Input.Breaks[0].To"] = "2027-01-03",
            ["Input.Status"] = "Active",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        response.Headers.Location!.ToString().ShouldBe("/administration/hold");
        var id = await app.TeamId("Morgenyoga på måtten");
        var team = await LoadTeam(id);
        team.ClubId.ShouldBe(clubId);
        team.VenueId.ShouldBe(venueId);
        team.PricePerSeason.ShouldBe(250.50m);
        team.GenderMix.ShouldBe(GenderMix.MostlyWomen);
        team.FeeSubsidyPossible.ShouldBeTrue();
        team.LowThreshold.ShouldBeTrue("the new-team form starts with low threshold ticked");
        team.ContactPhone.ShouldBe("+45 21 22 33 44");
        team.SeasonStart.ShouldBe(new DateOnly(2026, 8, 17));
        team.Schedules.OrderBy(s => s.Weekday).Select(s => (s.Weekday, s.Start, s.End)).ShouldBe(
            [(DayOfWeek.Tuesday, new TimeOnly(9, 0), new TimeOnly(10, 0)), (DayOfWeek.Friday, new TimeOnly(9, 30), new TimeOnly(10, 30))]);
        team.Breaks.Single().ShouldSatisfyAllConditions(
            b => b.Name.ShouldBe("Juleferie"),
            b => b.From.ShouldBe(new DateOnly(2026, 12, 21)),
            b => b.To.ShouldBe(new DateOnly(2027, 1, 3)));
        team.TargetGroups.Select(g => g.Name).Order().ShouldBe(["Kronisk sygdom", "Senior"]);
        team.SearchText.ShouldBe(ExpectedSearchText(team));
        team.SearchText.ShouldContain("morgenyoga paa maatten");
        team.SearchText.ShouldContain("hedehusene");
        team.LastConfirmedAtUtc.ShouldBe(AppFactory.Now.UtcDateTime, "entering a team is a confirmation from the source");
        team.UpdatedAtUtc.ShouldBe(AppFactory.Now.UtcDateTime);
    }

    [Fact]
    public async Task Coordinator_edits_a_team_and_the_changes_are_saved()
    {
        var id = await app.TeamId("Krolf i Reerslev");
        var before = await LoadTeam(id);
        var overweight = await app.WithDb(db => db.TargetGroups.Where(g => g.Name == "Overvægt").Select(g => g.Id).SingleAsync());
        var client = await app.CreateCoordinatorClient();

        var form = await client.GetFormAsync(EditUrl(id), "#team-form");
        form["Input.Title"].ShouldBe("Krolf i Reerslev");
        form["Input.Schedules[0].Start"].ShouldBe("10:00");
        form.SetTargetGroup(overweight, true);
        var response = await client.PostFormAsync(EditUrl(id), form, new()
        {
            ["Input.Title"] = "Krolf og kaffe i Reerslev",
            ["Input.Schedules[0].Weekday"] = "Wednesday",
            ["Input.Schedules[0].Start"] = "13:00",
            ["Input.Schedules[0].End"] = "15:00",
            ["Input.Schedules[1].Weekday"] = "Saturday",
            ["Input.Schedules[1].Start"] = "10:00",
            ["Input.Schedules[1].End"] = "11:00",
            ["Input.Breaks[0].Remove"] = "true",
            ["Input.Price"] = "125",
            ["Input.FreePlaces"] = "9",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var after = await LoadTeam(id);
        after.Title.ShouldBe("Krolf og kaffe i Reerslev");
        after.Schedules.OrderBy(s => s.Weekday).Select(s => (s.Weekday, s.Start, s.End)).ShouldBe(
            [(DayOfWeek.Wednesday, new TimeOnly(13, 0), new TimeOnly(15, 0)), (DayOfWeek.Saturday, new TimeOnly(10, 0), new TimeOnly(11, 0))]);
        after.Breaks.Count.ShouldBe(before.Breaks.Count - 1);
        after.Breaks.ShouldNotContain(b => b.Name == before.Breaks.OrderBy(x => x.From).First().Name);
        after.PricePerSeason.ShouldBe(125m);
        after.FreePlaces.ShouldBe(9);
        after.TargetGroups.Select(g => g.Name).ShouldContain("Overvægt");
        after.TargetGroups.Count.ShouldBe(before.TargetGroups.Count + 1);
        after.Version.ShouldBe(before.Version + 1);
        after.SearchText.ShouldBe(ExpectedSearchText(after));
        after.SearchText.ShouldContain("krolf og kaffe i reerslev");
        after.SearchText.ShouldContain("overvaegt");
        after.LastConfirmedAtUtc.ShouldBe(before.LastConfirmedAtUtc, "saving is not confirming; the button does that");

        var list = await client.GetDocumentAsync("/administration/hold");
        list.QuerySelector("div.alert-success")!.TextContent.ShouldContain("Holdet »Krolf og kaffe i Reerslev« er gemt.");
    }

    [Fact]
    public async Task Invalid_input_shows_danish_errors_by_each_field_keeps_what_was_typed_and_saves_nothing()
    {
        var id = await app.TeamId("Stolyoga");
        var before = await LoadTeam(id);
        var client = await app.CreateCoordinatorClient();
        var form = await client.GetFormAsync(EditUrl(id), "#team-form");

        var response = await client.PostFormAsync(EditUrl(id), form, new()
        {
            ["Input.Title"] = "",
            ["Input.Description"] = "Ny beskrivelse, som ikke må gå tabt",
            ["Input.Schedules[0].Start"] = "11:00",
            ["Input.Schedules[0].End"] = "10:15",
            ["Input.Schedules[1].Weekday"] = "Friday",
            ["Input.Schedules[1].Start"] = "25:99",
            ["Input.Breaks[0].Name"] = "Ferie",
            ["Input.Breaks[0].From"] = "2026-12-20",
            ["Input.Breaks[0].To"] = "2026-12-10",
            ["Input.SeasonStart"] = "2027-06-30",
            ["Input.SeasonEnd"] = "2026-08-01",
            ["Input.ContactEmail"] = "ikke-en-mail",
            ["Input.ContactPhone"] = "ring til Nina",
            ["Input.VideoUrl"] = "javascript:alert(1)",
            ["Input.PhotoUrl"] = "https://example.dk/foto.jpg",
            ["Input.PhotoAlt"] = "",
            ["Input.Capacity"] = "10",
            ["Input.ReservedPlaces"] = "12",
            ["Input.FreePlaces"] = "-3",
            ["Input.AgeFrom"] = "70",
            ["Input.AgeTo"] = "40",
            ["Input.Price"] = "tre hundrede",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await response.ReadDocumentAsync();
        doc.FieldError("Input_Title").ShouldBe("Skriv holdets navn.");
        doc.FieldError("Input_Schedules_0__End").ShouldBe("Tidspunkt 1 skal slutte efter, at det begynder.");
        doc.FieldError("Input_Schedules_1__Start").ShouldBe("Skriv starttidspunkt 2 som tt:mm, fx 10:00.");
        doc.FieldError("Input_Schedules_1__End").ShouldBe("Skriv sluttidspunkt 2 som tt:mm, fx 11:00.");
        doc.FieldError("Input_Breaks_0__To").ShouldBe("Pause 1 kan ikke slutte, før den begynder.");
        doc.FieldError("Input_SeasonEnd").ShouldBe("Sæsonen skal slutte efter, at den begynder.");
        doc.FieldError("Input_ContactEmail").ShouldBe("Skriv en gyldig e-mailadresse, fx navn@forening.dk.");
        doc.FieldError("Input_ContactPhone").ShouldStartWith("Skriv et telefonnummer med 8 cifre");
        doc.FieldError("Input_VideoUrl").ShouldBe("Skriv en hel webadresse, der begynder med https:// eller http://.");
        doc.FieldError("Input_PhotoAlt").ShouldStartWith("Skriv en billedtekst");
        doc.FieldError("Input_ReservedPlaces").ShouldBe("Der kan ikke være flere reserverede pladser end pladser i alt.");
        doc.FieldError("Input_FreePlaces").ShouldBe("Ledige pladser skal være et tal fra 0 til 10000.");
        doc.FieldError("Input_AgeTo").ShouldBe("Alder til skal være den samme som eller højere end alder fra.");
        doc.FieldError("Input_Price").ShouldBe("Skriv prisen i kroner, fx 300 eller 300,50.");

        var summary = doc.ErrorSummary();
        summary.ShouldContain(("Skriv holdets navn.", "#Input_Title"));
        summary.ShouldContain(("Tidspunkt 1 skal slutte efter, at det begynder.", "#Input_Schedules_0__End"));
        summary.Count.ShouldBe(14);

        // What was typed is still there, schedule rows and breaks included.
        doc.InputValue("Input_Title").ShouldBe("");
        doc.TextAreaValue("Input_Description").ShouldBe("Ny beskrivelse, som ikke må gå tabt");
        doc.InputValue("Input_Schedules_0__Start").ShouldBe("11:00");
        doc.InputValue("Input_Schedules_0__End").ShouldBe("10:15");
        doc.SelectValue("Input_Schedules_1__Weekday").ShouldBe("Friday");
        doc.InputValue("Input_Schedules_1__Start").ShouldBe("25:99");
        doc.InputValue("Input_Breaks_0__Name").ShouldBe("Ferie");
        doc.InputValue("Input_Breaks_0__To").ShouldBe("2026-12-10");
        doc.InputValue("Input_ContactEmail").ShouldBe("ikke-en-mail");
        doc.InputValue("Input_ContactPhone").ShouldBe("ring til Nina");
        doc.InputValue("Input_Price").ShouldBe("tre hundrede");
        doc.InputValue("Input_FreePlaces").ShouldBe("-3");
        doc.InputValue("Input_AgeTo").ShouldBe("40");

        var after = await LoadTeam(id);
        after.Title.ShouldBe(before.Title);
        after.Description.ShouldBe(before.Description);
        after.Version.ShouldBe(before.Version);
        after.Schedules.Count.ShouldBe(before.Schedules.Count);
    }

    [Fact]
    public async Task Nonsense_values_that_cannot_even_be_read_are_errors_not_crashes()
    {
        var id = await app.TeamId("Seniordans om eftermiddagen");
        var before = await LoadTeam(id);
        var client = await app.CreateCoordinatorClient();
        var form = await client.GetFormAsync(EditUrl(id), "#team-form");

        var response = await client.PostFormAsync(EditUrl(id), form, new()
        {
            ["Input.Intensity"] = "99",
            ["Input.Status"] = "Slettet",
            ["Input.Schedules[0].Weekday"] = "42",
            ["Input.Capacity"] = "mange",
            ["Input.AgeFrom"] = "99999999999999",
            ["Input.VenueId"] = "987654",
            ["Input.ActivityId"] = "abc",
            ["Input.Title"] = new string('x', 201),
            ["Input.SeasonStart"] = "31-02-2026",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await response.ReadDocumentAsync();
        doc.FieldError("Input_Intensity").ShouldBe("Værdien '99' er ikke gyldig.");
        doc.FieldError("Input_Status").ShouldNotBeEmpty();
        doc.FieldError("Input_Schedules_0__Weekday").ShouldBe("Værdien '42' er ikke gyldig.");
        doc.FieldError("Input_Capacity").ShouldContain("mange");
        doc.FieldError("Input_AgeFrom").ShouldNotBeEmpty();
        doc.FieldError("Input_VenueId").ShouldBe("Vælg et sted.");
        doc.FieldError("Input_ActivityId").ShouldNotBeEmpty();
        doc.FieldError("Input_Title").ShouldBe("Holdets navn må højst være 200 tegn.");
        doc.FieldError("Input_SeasonStart").ShouldBe("Skriv datoen som dd-mm-åååå, fx 15-08-2026.");
        doc.InputValue("Input_Capacity").ShouldBe("mange");
        (await LoadTeam(id)).Version.ShouldBe(before.Version);
    }

    [Fact]
    public async Task A_team_needs_at_least_one_weekly_time()
    {
        var id = await app.TeamId("Balancetræning");
        var client = await app.CreateCoordinatorClient();
        var form = await client.GetFormAsync(EditUrl(id), "#team-form");

        var response = await client.PostFormAsync(EditUrl(id), form, new() { ["Input.Schedules[0].Remove"] = "true" });

        var doc = await response.ReadDocumentAsync();
        doc.FieldError("Input_Schedules").ShouldBe("Angiv mindst ét ugentligt tidspunkt: ugedag, start og slut.");
        doc.ErrorSummary().ShouldContain(("Angiv mindst ét ugentligt tidspunkt: ugedag, start og slut.", "#Input_Schedules"));
        (await LoadTeam(id)).Schedules.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_stale_edit_is_refused_with_a_message_and_the_first_save_is_kept()
    {
        var id = await app.TeamId("Motionsvolley");
        var coordinator = await app.CreateCoordinatorClient();
        var other = await app.CreateCoordinatorClient();
        var first = await coordinator.GetFormAsync(EditUrl(id), "#team-form");
        var second = await other.GetFormAsync(EditUrl(id), "#team-form");

        (await coordinator.PostFormAsync(EditUrl(id), first, new() { ["Input.Title"] = "Motionsvolley for alle" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var response = await other.PostFormAsync(EditUrl(id), second, new() { ["Input.Title"] = "Volley om onsdagen", ["Input.FreePlaces"] = "1" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await response.ReadDocumentAsync();
        doc.QuerySelector("#stale-edit")!.TextContent.ShouldContain("Holdet er blevet ændret af en anden, mens du redigerede.");
        var changes = doc.QuerySelectorAll("#stale-edit tbody tr").Select(r => (r.QuerySelector("th")!.TextContent.Trim(), r.QuerySelector("td")!.TextContent.Trim())).ToList();
        changes.ShouldContain(("Holdets navn", "Motionsvolley for alle"));
        changes.ShouldContain(("Ledige pladser", "5"));
        doc.QuerySelector("#stale-edit a")!.GetAttribute("href").ShouldBe(EditUrl(id));
        doc.InputValue("Input_Title").ShouldBe("Volley om onsdagen");
        var saved = await LoadTeam(id);
        saved.Title.ShouldBe("Motionsvolley for alle");
        saved.FreePlaces.ShouldBe(5);

        // Having seen what changed, saving again is a deliberate choice and goes through.
        var again = await other.PostFormAsync(EditUrl(id), doc.FormValues("#team-form"));
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await LoadTeam(id)).Title.ShouldBe("Volley om onsdagen");
    }

    [Fact]
    public async Task Archiving_a_team_hides_it_from_the_catalogue_search()
    {
        var id = await app.TeamId("Rolige cykelture");
        var query = new TeamSearchQuery { Q = "rolige cykelture", PageSize = 100 };
        (await app.WithDb(db => DatabaseSearch.RunAsync(db, query, AppFactory.Now))).Items.ShouldContain(h => h.Id == id);
        var client = await app.CreateCoordinatorClient();
        var form = await client.GetFormAsync(EditUrl(id), "#team-form");

        (await client.PostFormAsync(EditUrl(id), form, new() { ["Input.Status"] = "Archived" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await LoadTeam(id)).Status.ShouldBe(TeamStatus.Archived);
        (await app.WithDb(db => DatabaseSearch.RunAsync(db, query, AppFactory.Now))).Items.ShouldNotContain(h => h.Id == id);
    }

    [Fact]
    public async Task Coordinator_can_confirm_a_team_from_its_edit_page()
    {
        var id = await app.TeamId("Spinning for begyndere");
        var client = await app.CreateCoordinatorClient();
        var form = await client.GetFormAsync(EditUrl(id), "#confirm-form");

        var response = await client.PostFormAsync(EditUrl(id) + "?handler=Confirm", form);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var team = await LoadTeam(id);
        team.LastConfirmedAtUtc.ShouldBe(AppFactory.Now.UtcDateTime);
        team.LastConfirmedBy.ShouldBe("Karin Koordinator");
        var page = await client.GetDocumentAsync(EditUrl(id));
        page.QuerySelector("#last-confirmed")!.TextContent.ShouldContain("Sidst bekræftet 16. november 2026 af Karin Koordinator.");
    }
}
