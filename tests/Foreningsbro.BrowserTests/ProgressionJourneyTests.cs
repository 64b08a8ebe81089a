using Foreningsbro.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Foreningsbro.BrowserTests;

public sealed class ProgressionJourneyTests(BrowserFixture browser, WebServer server) : BrowserPage(browser, server), IClassFixture<WebServer>
{
    [Fact]
    public async Task The_consultant_reads_a_participants_progression_adds_a_note_and_reads_the_group_evaluation()
    {
        var sara = await Server.WithDb(db => db.Enrolments.AsNoTracking()
            .Where(e => e.Programme.Name == "Sundere sammen" && e.Citizen.FirstName == "Sara")
            .Select(e => new { e.Id, e.ProgrammeId }).SingleAsync());
        await Page.LogInAsync(Server, DemoUsers.FuresoeProfessional);

        await GoToAsync($"/forloeb/deltager/{sara.Id}");
        (await Page.Locator("h1").InnerTextAsync()).ShouldContain("Sara Nørgaard");
        (await Page.Locator("svg[role=img]").CountAsync()).ShouldBe(3);
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();

        // Saving an empty note keeps the user on the page with the error next to the field.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Gem note" }).ClickAsync();
        (await Page.Locator(".form-error .form-error-message").InnerTextAsync()).ShouldBe("Skriv noten, før du gemmer.");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();

        await Page.GetByLabel("Ny note").FillAsync("Sara har set en volleyballtræning sammen med Lone.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Gem note" }).ClickAsync();
        (await Page.Locator("main [role=status]").InnerTextAsync()).ShouldContain("Noten er gemt.");
        (await Page.Locator("#notes li").First.InnerTextAsync()).ShouldContain("Sara har set en volleyballtræning sammen med Lone.");

        await GoToAsync($"/forloeb/{sara.ProgrammeId}/evaluering");
        (await Page.Locator("h1").InnerTextAsync()).ShouldBe("Evaluering: Sundere sammen");
        (await Page.Locator("#reasons li").CountAsync()).ShouldBeGreaterThan(10);
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
    }
}
