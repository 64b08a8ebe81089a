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
}
