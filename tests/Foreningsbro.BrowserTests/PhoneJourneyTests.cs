using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Foreningsbro.BrowserTests;

/// <summary>
/// The frame and the key pages on a 390 px phone (an iPhone 12–15's CSS width): nothing is wider than
/// the screen, tables stack, the DKFDS menu opens and marks the current page, the footer leads to the
/// accessibility statement and the privacy policy, and the instructor's check-in and check-out take
/// few taps. Every page passes axe.
/// </summary>
public sealed class PhoneJourneyTests(BrowserFixture browser, WebServer server) : BrowserPage(browser, server), IClassFixture<WebServer>
{
    private const int PhoneWidth = 390;

    /// <summary>Tuesday 17 November 2026, 10:15 Danish time: "Sundere sammen" trains today.</summary>
    private static readonly DateTimeOffset Tuesday = new(2026, 11, 17, 9, 15, 0, TimeSpan.Zero);

    private async Task ShouldFitThePhoneAsync(string what)
    {
        var width = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        if (width > PhoneWidth)
        {
            // Name the culprits: the innermost elements reaching past the screen's edge.
            var wide = await Page.EvaluateAsync<string[]>(@"w => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > w && ![...e.children].some(c => c.getBoundingClientRect().right > w))
                .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))", PhoneWidth);
            width.ShouldBeLessThanOrEqualTo(PhoneWidth, $"{what} is {width} px wide on a {PhoneWidth} px phone: {string.Join("; ", wide)}");
        }
    }

    /// <summary>Clicks and waits for the page that answers (see AttendanceJourneyTests.SubmitAsync).</summary>
    private async Task SubmitAsync(ILocator button)
    {
#pragma warning disable CS0612
        await Page.RunAndWaitForNavigationAsync(() => button.ClickAsync());
#pragma warning restore CS0612
    }

    [Fact]
    public async Task On_a_phone_no_page_is_wider_than_the_screen_and_the_menu_and_footer_work()
    {
        await Page.SetViewportSizeAsync(PhoneWidth, 844);
        var ids = await Server.WithDb(async db => new
        {
            Citizen = await db.Citizens.Where(c => c.FirstName == "Anne" && c.LastName == "Andersen").Select(c => c.Id).SingleAsync(),
            Referral = await db.Referrals.Where(r => r.Citizen.LastName == "Andersen").Select(r => r.Id).SingleAsync(),
            Team = await db.Teams.Where(t => t.Title == "Stavgang for alle").Select(t => t.Id).SingleAsync(),
            Programme = await db.Programmes.Where(p => p.Name == "Sundere sammen").Select(p => p.Id).SingleAsync(),
            Enrolment = await db.Enrolments.Where(e => e.Programme.Name == "Sundere sammen").OrderBy(e => e.Id).Select(e => e.Id).FirstAsync(),
        });

        // The footer's two pages are public.
        await GoToAsync("/");
        var footer = Page.Locator("footer");
        await SubmitAsync(footer.GetByRole(AriaRole.Link, new() { Name = "Tilgængelighedserklæring" }));
        (await Page.Locator("h1").InnerTextAsync()).ShouldBe("Tilgængelighedserklæring");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        await SubmitAsync(footer.GetByRole(AriaRole.Link, new() { Name = "Privatlivspolitik og behandling af personoplysninger" }));
        (await Page.Locator("h1").InnerTextAsync()).ShouldBe("Privatlivspolitik og behandling af personoplysninger");
        await ShouldFitThePhoneAsync("/privatliv");

        await Page.LogInAsync(Server, DemoUsers.Coordinator);

        // The desktop menu is hidden on the phone; the DKFDS menu button opens the drawer, which marks the current page.
        await GoToAsync("/borgere");
        (await Page.Locator(".navigation-menu").IsVisibleAsync()).ShouldBeFalse();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        var drawer = Page.Locator("#mobile-menu");
        (await drawer.IsVisibleAsync()).ShouldBeTrue();
        (await drawer.Locator("[aria-current=page]").InnerTextAsync()).ShouldBe("Borgere");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        await SubmitAsync(drawer.GetByRole(AriaRole.Link, new() { Name = "Tragten" }));
        new Uri(Page.Url).AbsolutePath.ShouldBe("/rapporter/tragt");
        (await Page.Locator(".navigation-menu [aria-current=page]").TextContentAsync()).ShouldBe("Tragten");

        string[] coordinatorPages =
        [
            "/", "/hold", $"/hold/{ids.Team}", "/borgere", $"/borgere/{ids.Citizen}", $"/borgere/{ids.Citizen}/adgangslog",
            $"/henvisninger/{ids.Referral}", "/mine-opgaver", "/forloeb", $"/forloeb/{ids.Programme}", $"/forloeb/{ids.Programme}/traeninger",
            $"/forloeb/{ids.Programme}/evaluering", $"/forloeb/deltager/{ids.Enrolment}", "/rapporter/tragt", "/udbakke",
            "/administration", "/administration/foreninger", "/administration/hold", "/administration/steder", "/administration/lister",
        ];
        foreach (var path in coordinatorPages)
        {
            await GoToAsync(path);
            await ShouldFitThePhoneAsync(path);
            await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        }

        // A stacked table row still says what each value is (DKFDS responsive table: the header as the cell's title).
        await GoToAsync("/rapporter/tragt");
        (await Page.Locator("#funnel tbody tr").First.Locator("td").First.GetAttributeAsync("data-title")).ShouldNotBeNullOrEmpty();

        await Page.Context.ClearCookiesAsync();
        await Page.LogInAsync(Server, DemoUsers.ClubContact);
        foreach (var path in new[] { "/min-forening", "/min-forening/besoeg", "/min-forening/kontaktpersoner" })
        {
            await GoToAsync(path);
            await ShouldFitThePhoneAsync(path);
            await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        }
    }

    [Fact]
    public async Task On_the_instructors_phone_check_in_and_check_out_take_five_taps_and_the_kiosk_fits_long_names()
    {
        await Page.SetViewportSizeAsync(PhoneWidth, 844);
        if (Server.Clock.GetUtcNow() < Tuesday)
        {
            Server.Clock.SetUtcNow(Tuesday);
        }

        var (sessionId, enrolment) = await Server.WithDb(async db =>
        {
            var session = await db.ProgrammeSessions.Where(s => s.Programme.Name == "Sundere sammen" && s.Date == new DateOnly(2026, 11, 17)).Select(s => s.Id).SingleAsync();
            var per = await db.Enrolments.Include(e => e.Citizen).SingleAsync(e => e.Programme.Name == "Sundere sammen" && e.Citizen.FirstName == "Per");
            // A long first name: the kiosk tile must hold it.
            per.Citizen.FirstName = "Maximilianus";
            await db.SaveChangesAsync();
            return (session, per.Id);
        });
        await Page.LogInAsync(Server, DemoUsers.Instructor);
        await GoToAsync($"/instruktoer/traening/{sessionId}");
        await ShouldFitThePhoneAsync("the instructor's session");
        var card = Page.Locator($"#p-{enrolment}");

        var taps = 0;
        await card.Locator("summary").ClickAsync();
        taps++;
        // The five faces fit one row at 390 px.
        var tops = await card.Locator(".att-form").First.Locator(".att-face label").EvaluateAllAsync<double[]>("els => els.map(e => e.getBoundingClientRect().top)");
        tops.Length.ShouldBe(5);
        tops.Distinct().Count().ShouldBe(1, $"the faces wrap: tops {string.Join(", ", tops)}");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        await card.Locator($"label[for=mood-{enrolment}-4]").ClickAsync();
        taps++;
        await SubmitAsync(card.GetByRole(AriaRole.Button, new() { Name = "Gem check-in" }));
        taps++;

        // The panel is still open after the save: check-out follows without reopening it.
        card = Page.Locator($"#p-{enrolment}");
        (await card.Locator("details").GetAttributeAsync("open")).ShouldNotBeNull();
        await card.Locator($"label[for=rating-{enrolment}-5]").ClickAsync();
        taps++;
        await SubmitAsync(card.GetByRole(AriaRole.Button, new() { Name = "Gem check-ud" }));
        taps++;

        taps.ShouldBe(5); // before: 6 (the panel closed after the check-in and had to be opened again)
        var row = await Server.WithDb(db => db.Attendances.SingleAsync(a => a.SessionId == sessionId && a.EnrolmentId == enrolment));
        (row.CheckInMood, row.CheckOutRating).ShouldBe(((int?)4, (int?)5));
        (await Page.Locator($"#p-{enrolment} .att-answers").InnerTextAsync()).ShouldContain("5/5");

        // The kiosk: every tile holds its name on the phone.
        await SubmitAsync(Page.GetByRole(AriaRole.Button, new() { Name = "Start kiosk for denne træning" }));
        await ShouldFitThePhoneAsync("the kiosk");
        var overflowing = await Page.Locator(".kiosk-name").EvaluateAllAsync<string[]>(
            "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.trim())");
        overflowing.ShouldBeEmpty();
        (await Page.Locator(".kiosk-name").AllInnerTextsAsync()).ShouldContain(t => t.Contains("Maximilianus", StringComparison.Ordinal));
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
    }
}
