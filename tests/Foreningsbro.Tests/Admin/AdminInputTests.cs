using System.Net;

using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Infrastructure;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Admin;

/// <summary>The administration's forms: a version or a choice the form leaves out is asked for, never read as 0, the first list or "no".</summary>
public class AdminInputTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_club_form_without_its_version_keeps_what_was_typed_and_saves_nothing()
    {
        var before = await app.WithDb(db => db.Clubs.AsNoTracking().Include(c => c.ContactPersons).SingleAsync(c => c.Name == "Taastrup Motionsforening", Ct));
        var client = await app.CreateCoordinatorClient();
        var url = $"/administration/foreninger/{before.Id}";
        var form = await client.GetFormAsync(url, "#club-form");
        form.Remove("Input.Version");

        var response = await client.PostFormAsync(url, form, new() { ["Input.Name"] = "Taastrup Motion" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await response.ReadDocumentAsync();
        doc.ErrorSummary().ShouldBe([(Forms.MissingVersionMessage, "#Input_Version")]);
        doc.InputValue("Input_Name").ShouldBe("Taastrup Motion");
        var after = await app.WithDb(db => db.Clubs.AsNoTracking().Include(c => c.ContactPersons).SingleAsync(c => c.Id == before.Id, Ct));
        (after.Name, after.Version, after.ContactPersons.Count).ShouldBe((before.Name, before.Version, before.ContactPersons.Count));
    }

    [Fact]
    public async Task A_venue_form_without_its_version_keeps_what_was_typed_and_saves_nothing()
    {
        var before = await app.WithDb(db => db.Venues.AsNoTracking().SingleAsync(v => v.Name == "Taastrup Kulturhus", Ct));
        var client = await app.CreateCoordinatorClient();
        var url = $"/administration/steder/{before.Id}";
        var form = await client.GetFormAsync(url, "#venue-form");
        form.Remove("Input.Version");

        var response = await client.PostFormAsync(url, form, new() { ["Input.Name"] = "Kulturhuset" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await response.ReadDocumentAsync();
        doc.ErrorSummary().ShouldBe([(Forms.MissingVersionMessage, "#Input_Version")]);
        doc.InputValue("Input_Name").ShouldBe("Kulturhuset");
        var after = await app.WithDb(db => db.Venues.AsNoTracking().SingleAsync(v => v.Id == before.Id, Ct));
        (after.Name, after.Version).ShouldBe((before.Name, before.Version));
    }

    [Fact]
    public async Task A_list_entry_added_without_saying_which_list_is_refused_and_added_nowhere()
    {
        var client = await app.CreateCoordinatorClient();
        var token = (await client.GetFormAsync("/administration/lister"))["__RequestVerificationToken"];

        var response = await client.PostFormAsync("/administration/lister?handler=Add", new() { ["__RequestVerificationToken"] = token, ["name"] = "Tai chi" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.ReadDocumentAsync()).QuerySelector("#error-summary")!.TextContent.ShouldContain("Vælg, om det er en aktivitet eller en målgruppe.");
        (await app.WithDb(db => db.Activities.CountAsync(a => a.Name == "Tai chi", Ct))).ShouldBe(0);
        (await app.WithDb(db => db.TargetGroups.CountAsync(g => g.Name == "Tai chi", Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task An_archive_button_without_its_choice_is_refused_and_the_entry_stays_archived()
    {
        var group = await app.WithDb(db => db.TargetGroups.Where(g => g.Name == "Angst og stress").Select(g => g.Id).SingleAsync(Ct));
        await app.WithDb(db => db.TargetGroups.Where(g => g.Id == group).ExecuteUpdateAsync(u => u.SetProperty(g => g.Archived, true), Ct));
        var client = await app.CreateCoordinatorClient();
        var token = (await client.GetFormAsync("/administration/lister"))["__RequestVerificationToken"];

        var response = await client.PostFormAsync($"/administration/lister?kind=TargetGroup&id={group}&handler=Archive", new() { ["__RequestVerificationToken"] = token });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.ReadDocumentAsync()).QuerySelector("#error-summary")!.TextContent.ShouldContain("Vælg, om punktet skal arkiveres eller tages i brug igen.");
        (await app.WithDb(db => db.TargetGroups.Where(g => g.Id == group).Select(g => g.Archived).SingleAsync(Ct))).ShouldBeTrue();
    }
}
