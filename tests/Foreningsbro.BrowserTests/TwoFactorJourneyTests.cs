using Foreningsbro.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace Foreningsbro.BrowserTests;

/// <summary>The app as in production: professionals and coordinators must use a second factor with their password.</summary>
public sealed class TwoFactorWebServer : WebServer
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Account:RequireTwoFactor", "true");
    }
}

/// <summary>A professional sets up two-factor login at the first login, keeps the recovery codes, and signs in with password and code. Each page passes axe.</summary>
public sealed class TwoFactorJourneyTests(BrowserFixture browser, TwoFactorWebServer server) : BrowserPage(browser, server), IClassFixture<TwoFactorWebServer>
{
    [Fact]
    public async Task A_professional_sets_up_an_authenticator_and_then_signs_in_with_password_and_code()
    {
        await PasswordAsync();
        await Page.WaitForURLAsync(url => url.Contains("/konto/totrin/opsaet", StringComparison.Ordinal));
        (await Page.Locator("h1").InnerTextAsync()).ShouldBe("Sæt totrinsbekræftelse op");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        var key = await Page.Locator("#authenticator-key").InnerTextAsync();

        await Page.GetByLabel("Kode fra godkendelsesappen").FillAsync(Totp.WrongCode(key));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Slå til" }).ClickAsync();
        (await Page.Locator("#error-summary").InnerTextAsync()).ShouldContain("Koden passer ikke.");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();

        await Page.GetByLabel("Kode fra godkendelsesappen").FillAsync(Totp.Code(key));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Slå til" }).ClickAsync();
        (await Page.Locator("#two-factor-on").InnerTextAsync()).ShouldContain("Totrinsbekræftelse er slået til");
        (await Page.Locator("#recovery-codes li").CountAsync()).ShouldBe(10);
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Fortsæt" }).ClickAsync();
        (await Page.Locator(".site-user-name").First.InnerTextAsync()).ShouldBe("Jonas Jobkonsulent");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Log ud" }).First.ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

        await PasswordAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/konto/totrin");
        (await Page.Locator("h1").InnerTextAsync()).ShouldBe("Totrinsbekræftelse");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        await Page.GetByLabel("Kode fra godkendelsesappen").FillAsync(Totp.Code(key));
        await Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Log ind", Exact = true }).ClickAsync();
        await Page.WaitForURLAsync(url => !url.Contains("/konto/", StringComparison.Ordinal));
        (await Page.Locator(".site-user-name").First.InnerTextAsync()).ShouldBe("Jonas Jobkonsulent");
    }

    private async Task PasswordAsync()
    {
        await GoToAsync("/konto/log-ind");
        await Page.GetByLabel("E-mail").FillAsync(DemoUsers.Professional);
        await Page.GetByLabel("Adgangskode").FillAsync(Foreningsbro.Web.Data.DemoData.Password);
        await Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
    }
}
