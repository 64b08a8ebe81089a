using Foreningsbro.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Foreningsbro.BrowserTests;

public sealed class KeepingListingsCurrentTests(BrowserFixture browser, WebServer server) : BrowserPage(browser, server), IClassFixture<WebServer>
{
    [Fact]
    public async Task A_coordinator_edits_a_team_and_the_public_page_shows_it()
    {
        var id = await Server.TeamId("Krolf i Reerslev");
        await Page.LogInAsync(Server, DemoUsers.Coordinator);

        await GoToAsync($"/hold/{id}/rediger");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        await Page.GetByLabel("Holdets navn").FillAsync("Krolf og kaffe i Reerslev");
        await Page.GetByLabel("Hvad sker der første gang").FillAsync("Arne tager imod dig ved klubhuset og låner dig en kølle.");
        await Page.Locator("#save-button").ClickAsync();

        await GoToAsync($"/hold/{id}");
        (await Page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).ShouldBe("Krolf og kaffe i Reerslev");
        (await Page.Locator("main").InnerTextAsync()).ShouldContain("Arne tager imod dig ved klubhuset og låner dig en kølle.");
    }

    [Fact]
    public async Task A_coordinator_who_leaves_the_title_empty_gets_a_danish_error_and_keeps_the_rest()
    {
        var id = await Server.TeamId("Stolyoga");
        await Page.LogInAsync(Server, DemoUsers.Coordinator);

        await GoToAsync($"/hold/{id}/rediger");
        await Page.GetByLabel("Holdets navn").FillAsync("");
        await Page.GetByLabel("Hvad sker der første gang").FillAsync("Ny tekst, der ikke må gå tabt.");
        await Page.Locator("#save-button").ClickAsync();

        (await Page.Locator("#error-summary").InnerTextAsync()).ShouldNotBeNullOrWhiteSpace();
        (await Page.GetByLabel("Hvad sker der første gang").InputValueAsync()).ShouldBe("Ny tekst, der ikke må gå tabt.");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        (await Server.WithDb(db => db.Teams.Where(t => t.Id == id).Select(t => t.Title).SingleAsync())).ShouldBe("Stolyoga");
    }

    [Fact]
    public async Task A_club_contact_confirms_a_listing_and_the_date_is_stamped()
    {
        var id = await Server.TeamId("Stavgang for alle");
        await Page.LogInAsync(Server, DemoUsers.ClubContact);

        await GoToAsync("/min-forening");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        var row = Page.Locator($"tr[data-team-id='{id}']");
        await row.GetByRole(AriaRole.Button, new() { Name = "Oplysningerne er aktuelle" }).ClickAsync();

        await Page.WaitForURLAsync(url => url.Contains("/min-forening", StringComparison.Ordinal));
        (await Page.Locator($"tr[data-team-id='{id}'] .last-confirmed").InnerTextAsync()).ShouldBe("16. november 2026 af Frida Foreningskontakt");
        var stamped = await Server.WithDb(db => db.Teams.Where(t => t.Id == id).Select(t => t.LastConfirmedAtUtc).SingleAsync());
        stamped.ShouldBe(AppFactory.Now.UtcDateTime);
    }
}
