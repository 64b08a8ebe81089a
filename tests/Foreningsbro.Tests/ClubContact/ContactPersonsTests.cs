using System.Net;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.ClubContact;

/// <summary>/min-forening/kontaktpersoner: a form that does not say which version it edits saves nothing.</summary>
public class ContactPersonsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Url = "/min-forening/kontaktpersoner";
    private const string OwnClub = "Taastrup Motionsforening";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<(int Version, List<string> People)> SavedAsync() => app.WithDb(async db =>
    {
        var club = await db.Clubs.AsNoTracking().Include(c => c.ContactPersons).SingleAsync(c => c.Name == OwnClub, Ct);
        return (club.Version, club.ContactPersons.OrderBy(p => p.Id).Select(p => $"{p.Name}|{p.Role}|{p.Phone}|{p.Email}").ToList());
    });

    [Fact]
    public async Task An_empty_contact_persons_form_is_refused_and_removes_no_one()
    {
        var before = await SavedAsync();
        before.People.ShouldNotBeEmpty();
        var client = await app.CreateClubContactClient();
        var token = (await client.GetFormAsync(Url, "#contacts-form"))["__RequestVerificationToken"];

        var response = await client.PostFormAsync(Url, new() { ["__RequestVerificationToken"] = token });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await response.ReadDocumentAsync();
        doc.ErrorSummary().ShouldContain((Forms.MissingVersionMessage, "#Input_Version"));
        var after = await SavedAsync();
        after.People.ShouldBe(before.People);
        after.Version.ShouldBe(before.Version);
    }

    [Fact]
    public async Task A_contact_persons_form_without_its_version_keeps_what_was_typed_and_saves_nothing()
    {
        var before = await SavedAsync();
        var client = await app.CreateClubContactClient();
        var form = await client.GetFormAsync(Url, "#contacts-form");
        form.Remove("Input.Version");

        var response = await client.PostFormAsync(Url, form, new() { ["Input.Contacts[0].Name"] = "Frida Ny" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await response.ReadDocumentAsync();
        doc.ErrorSummary().Select(e => e.Text).ShouldBe([Forms.MissingVersionMessage]);
        doc.InputValue("Input_Contacts_0__Name").ShouldBe("Frida Ny");
        var after = await SavedAsync();
        after.People.ShouldBe(before.People);
        after.Version.ShouldBe(before.Version);
    }

    [Fact]
    public async Task Two_contacts_saving_the_same_list_the_second_is_told_and_the_first_is_kept()
    {
        var first = await app.CreateClubContactClient();
        var second = await app.CreateClubContactClient();
        var firstForm = await first.GetFormAsync(Url, "#contacts-form");
        var secondForm = await second.GetFormAsync(Url, "#contacts-form");

        (await first.PostFormAsync(Url, firstForm, new() { ["Input.Contacts[0].Name"] = "Først Gemt" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var response = await second.PostFormAsync(Url, secondForm, new() { ["Input.Contacts[0].Name"] = "For Sent" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await response.ReadDocumentAsync();
        doc.QuerySelector("#stale-edit")!.TextContent.ShouldContain("Foreningens kontaktpersoner er blevet ændret af en anden, mens du redigerede.");
        doc.InputValue("Input_Contacts_0__Name").ShouldBe("For Sent");
        (await SavedAsync()).People[0].ShouldStartWith("Først Gemt|");
    }
}
