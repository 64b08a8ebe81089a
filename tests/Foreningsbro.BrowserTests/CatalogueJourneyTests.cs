using Microsoft.Playwright;

namespace Foreningsbro.BrowserTests;

public sealed class CatalogueJourneyTests(BrowserFixture browser, WebServer server) : BrowserPage(browser, server), IClassFixture<WebServer>
{
    [Fact]
    public async Task Anyone_can_search_filter_and_open_a_team_and_the_pages_pass_axe()
    {
        await GoToAsync("/");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        await Page.GetByLabel("Hvad vil du gerne prøve?").FillAsync("stavgang");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Find hold" }).ClickAsync();

        await Page.WaitForURLAsync(url => url.Contains("/hold?", StringComparison.Ordinal));
        (await Page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "hold fundet" }).InnerTextAsync()).ShouldBe("2 hold fundet");

        // Narrow to Tuesday mornings: only "Stavgang for alle" meets then.
        await Page.GetByLabel("Ugedag").SelectOptionAsync("tuesday");
        await Page.GetByLabel("Tidspunkt").SelectOptionAsync("morning");
        await Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Søg", Exact = true }).ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("weekday=tuesday", StringComparison.Ordinal));
        (await Page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "hold fundet" }).InnerTextAsync()).ShouldBe("1 hold fundet");
        (await Page.GetByLabel("Ugedag").InputValueAsync()).ShouldBe("tuesday");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Stavgang for alle" }).ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("/hold/", StringComparison.Ordinal));
        (await Page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).ShouldBe("Stavgang for alle");
        (await Page.Locator("main").InnerTextAsync()).ShouldContain("tirsdag 17. november kl. 10.00");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
    }

    [Fact]
    public async Task The_search_works_with_the_keyboard_alone()
    {
        await GoToAsync("/hold");
        await Page.GetByLabel("Søg", new() { Exact = true }).FocusAsync();
        await Page.Keyboard.TypeAsync("Tåstrup yoga");
        await Page.Keyboard.PressAsync("Enter");

        await Page.WaitForURLAsync(url => url.Contains("q=", StringComparison.Ordinal));
        var titles = await Page.Locator("article h3").AllInnerTextsAsync();
        titles.ShouldBe(["Blid yoga og vejrtrækning", "Stolyoga"], ignoreOrder: true);
    }
}
