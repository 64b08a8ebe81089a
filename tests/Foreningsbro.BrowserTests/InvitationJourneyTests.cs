using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Foreningsbro.BrowserTests;

/// <summary>A coordinator invites a colleague; the colleague follows the e-mail's link, chooses a password and signs in. Each page passes axe.</summary>
public sealed class InvitationJourneyTests(BrowserFixture browser, WebServer server) : BrowserPage(browser, server), IClassFixture<WebServer>
{
    [Fact]
    public async Task A_coordinator_invites_a_colleague_who_chooses_a_password_and_signs_in()
    {
        await Page.LogInAsync(Server, DemoUsers.Coordinator);
        await Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Brugere", Exact = true }).ClickAsync();
        (await Page.Locator("h1").InnerTextAsync()).ShouldBe("Brugere i Høje-Taastrup");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Inviter bruger" }).ClickAsync();
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        (await Page.Locator("#error-summary").InnerTextAsync()).ShouldContain("Skriv brugerens navn.");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();

        await Page.GetByLabel("Navn", new() { Exact = true }).FillAsync("Birthe Brobygger");
        await Page.GetByLabel("E-mail").FillAsync("birthe@example.dk");
        await Page.GetByLabel("Fagperson", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Afdeling (fagpersoner)").SelectOptionAsync(new SelectOptionValue { Label = "Jobcenter Høje-Taastrup" });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        (await Page.Locator("#saved").InnerTextAsync()).ShouldContain("Invitationen er sendt.");
        (await Page.Locator("#user-status").InnerTextAsync()).ShouldContain("Inviteret, har ikke valgt adgangskode");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();

        // The e-mail is in the outbox; Karin logs out and Birthe opens its link.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log ud" }).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        var body = await Server.WithDb(db => db.OutboxMessages.Where(m => m.To == "birthe@example.dk" && m.Kind == MessageKind.StaffInvitation).Select(m => m.Body).SingleAsync());
        var link = body.Split('\n').Single(l => l.Contains("/konto/adgangskode?token=", StringComparison.Ordinal)).Trim();
        var page = Page;
        await page.GotoAsync(Server.BaseUrl + new Uri(link).PathAndQuery);
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Vælg adgangskode");
        await page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        await page.GetByLabel("Ny adgangskode").FillAsync("Birthe-bro-2026");
        await page.GetByLabel("Gentag adgangskoden").FillAsync("Birthe-bro-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gem adgangskode" }).ClickAsync();
        (await page.Locator("#password-set").InnerTextAsync()).ShouldContain("Adgangskoden er gemt");
        await page.ShouldHaveNoSeriousAccessibilityViolationsAsync();

        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Log ind" }).ClickAsync();
        await page.GetByLabel("E-mail").FillAsync("birthe@example.dk");
        await page.GetByLabel("Adgangskode").FillAsync("Birthe-bro-2026");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/konto/log-ind", StringComparison.Ordinal));
        (await page.Locator(".site-user-name").InnerTextAsync()).ShouldBe("Birthe Brobygger");
    }
}
