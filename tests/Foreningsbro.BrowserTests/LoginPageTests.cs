using Foreningsbro.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Foreningsbro.BrowserTests;

public sealed class LoginPageTests(BrowserFixture browser, WebServer server) : BrowserPage(browser, server), IClassFixture<WebServer>
{
    [Fact]
    public async Task A_coordinator_logs_in_with_the_keyboard_and_the_page_passes_axe()
    {
        await GoToAsync("/konto/log-ind");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();

        await Page.GetByLabel("E-mail").FillAsync(DemoUsers.Coordinator);
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync(Foreningsbro.Web.Data.DemoData.Password);
        await Page.Keyboard.PressAsync("Enter");

        await Page.WaitForURLAsync(url => !url.Contains("/konto/log-ind", StringComparison.Ordinal));
        (await Page.Locator(".site-user-name").InnerTextAsync()).ShouldBe("Karin Koordinator");
    }

    [Fact]
    public async Task A_wrong_password_shows_a_danish_error()
    {
        await GoToAsync("/konto/log-ind");
        await Page.GetByLabel("E-mail").FillAsync(DemoUsers.Professional);
        await Page.GetByLabel("Adgangskode").FillAsync("forkert-kode-123");
        await Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();

        (await Page.Locator(".alert-error").InnerTextAsync()).ShouldContain("E-mail eller adgangskode er forkert.");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
    }

    [Fact]
    public async Task A_page_that_does_not_exist_is_a_danish_page_in_the_layout_and_passes_axe()
    {
        await GoToAsync("/hold/999999999/rediger");

        Page.Url.ShouldContain("/konto/log-ind");
        await Page.GetByLabel("E-mail").FillAsync(DemoUsers.ClubContact);
        await Page.GetByLabel("Adgangskode").FillAsync(Foreningsbro.Web.Data.DemoData.Password);
        await Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();

        await Page.WaitForURLAsync(url => url.Contains("/rediger", StringComparison.Ordinal));
        (await Page.Locator("h1").InnerTextAsync()).ShouldBe("Siden findes ikke");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Gå til forsiden" }).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
    }
}
