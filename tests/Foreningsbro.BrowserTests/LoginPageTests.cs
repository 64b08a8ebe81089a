using Foreningsbro.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Foreningsbro.BrowserTests;

public sealed class LoginPageTests(BrowserFixture browser, WebServer server) : IClassFixture<WebServer>, IAsyncLifetime
{
    private IBrowserContext context = null!;
    private IPage page = null!;

    public async ValueTask InitializeAsync()
    {
        context = await browser.Browser.NewContextAsync(new() { Locale = "da-DK" });
        page = await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();

    [Fact]
    public async Task A_coordinator_logs_in_with_the_keyboard_and_the_page_passes_axe()
    {
        await page.GotoAsync(server.BaseUrl + "/konto/log-ind");
        await page.ShouldHaveNoSeriousAccessibilityViolationsAsync();

        await page.GetByLabel("E-mail").FillAsync(DemoUsers.Coordinator);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(Foreningsbro.Web.Data.DemoData.Password);
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(url => !url.Contains("/konto/log-ind", StringComparison.Ordinal));
        (await page.Locator(".site-user-name").InnerTextAsync()).ShouldBe("Karin Koordinator");
    }

    [Fact]
    public async Task A_wrong_password_shows_a_danish_error()
    {
        await page.GotoAsync(server.BaseUrl + "/konto/log-ind");
        await page.GetByLabel("E-mail").FillAsync(DemoUsers.Professional);
        await page.GetByLabel("Adgangskode").FillAsync("forkert-kode-123");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();

        (await page.Locator(".alert-error").InnerTextAsync()).ShouldContain("E-mail eller adgangskode er forkert.");
        await page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
    }
}
