using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Foreningsbro.BrowserTests;

public sealed class BridgingJourneyTests(BrowserFixture browser, WebServer server) : BrowserPage(browser, server), IClassFixture<WebServer>
{
    private readonly BrowserFixture browser = browser;

    [Fact]
    public async Task A_professional_bridges_a_new_citizen_to_a_team_in_three_interactions_and_the_club_confirms()
    {
        await Page.LogInAsync(Server, DemoUsers.Professional);

        // The citizen, with consent to share with the club and to get reminders.
        await GoToAsync("/borgere/ny");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        await Page.GetByLabel("Fornavn", new() { Exact = true }).FillAsync("Mona");
        await Page.GetByLabel("Efternavn", new() { Exact = true }).FillAsync("Brobygsen");
        await Page.GetByLabel("Fødselsår").FillAsync("1971");
        await Page.GetByLabel("Postnummer", new() { Exact = true }).FillAsync("2630");
        await Page.GetByRole(AriaRole.Textbox, new() { Name = "Telefon", Exact = true }).FillAsync("20 30 40 50");
        await Page.GetByLabel("Uden for arbejdsmarkedet i risiko for livsstilssygdom").CheckAsync();
        await Page.GetByLabel("SMS", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Dele fornavn, telefon og behov med foreningen").CheckAsync();
        await Page.GetByLabel("Bekræftelser og påmindelser på SMS/e-mail").CheckAsync();
        await Page.GetByLabel("Mundtligt").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Opret borger" }).ClickAsync();
        await Page.WaitForURLAsync(url => !url.EndsWith("/borgere/ny", StringComparison.Ordinal));
        var citizenPath = new Uri(Page.Url).AbsolutePath;

        // A two-minute conversation: walking, Tuesday mornings, light.
        await GoToAsync(citizenPath + "/samtale");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        await Page.GetByLabel("Stavgang", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Tirsdag", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Formiddag", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Let", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Hvilken forening kunne du forestille dig at starte i?").FillAsync("Noget med at gå");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Gem samtale og se forslag" }).ClickAsync();

        // From the citizen page to a sent referral: count what the professional has to do.
        await GoToAsync(citizenPath);
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        var interactions = 0;
        // Stavgang for alle (Taastrup Motionsforening) meets Tuesday mornings at a light pace: it must be suggested.
        var stavgang = await Server.TeamId("Stavgang for alle");
        await Page.Locator($"#suggestions [data-testid='refer-{stavgang}']").ClickAsync();
        interactions++;
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        await Page.Locator("#send-referral").ClickAsync();
        interactions++;

        interactions.ShouldBeLessThanOrEqualTo(3);
        (await Page.Locator("main").InnerTextAsync()).ShouldContain("Henvisningen er sendt.");
        var citizenId = int.Parse(citizenPath.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var referral = await Server.WithDb(db => db.Referrals.Where(r => r.CitizenId == citizenId)
            .Select(r => new { r.Id, Team = r.Team!.Title, r.Status }).SingleAsync());
        var sms = await Server.WithDb(db => db.OutboxMessages.CountAsync(m => m.ReferralId == referral.Id));
        sms.ShouldBeGreaterThan(0);

        // The club contact of the team's club sees Mona coming and confirms the visit.
        referral.Team.ShouldBe("Stavgang for alle");
        const string clubContact = DemoUsers.ClubContact;
        await using var clubContext = await browser.Browser.NewContextAsync(new() { Locale = "da-DK" });
        var clubPage = await clubContext.NewPageAsync();
        await clubPage.LogInAsync(Server, clubContact);
        await clubPage.GotoAsync(Server.BaseUrl + "/min-forening/besoeg");
        await clubPage.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        var row = clubPage.Locator($"tr[data-referral='{referral.Id}']");
        (await row.InnerTextAsync()).ShouldContain("Mona");
        (await row.InnerTextAsync()).ShouldNotContain("Brobygsen");
        await row.GetByRole(AriaRole.Button, new() { Name = "Bekræft besøg" }).ClickAsync();

        (await clubPage.Locator($"tr[data-referral='{referral.Id}']").InnerTextAsync()).ShouldContain("Besøg aftalt");
        (await Server.WithDb(db => db.Referrals.Where(r => r.Id == referral.Id).Select(r => r.Status).SingleAsync()))
            .ShouldBe(ReferralStatus.VisitScheduled);
    }
}
