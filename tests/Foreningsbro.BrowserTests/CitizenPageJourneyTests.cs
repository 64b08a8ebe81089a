using Foreningsbro.Web.Features.Outcomes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Foreningsbro.BrowserTests;

/// <summary>
/// The citizen's own page on a 390 px phone, with the keyboard only (issue 15): Eva opens her link, answers the
/// 21 baseline questions one a screen (WHO-5 first), and then sees her own answers on her page. Every screen
/// passes axe, and nothing is wider than the phone.
/// </summary>
public sealed class CitizenPageJourneyTests(BrowserFixture browser, WebServer server) : BrowserPage(browser, server), IClassFixture<WebServer>
{
    private const int PhoneWidth = 390;

    [Fact]
    public async Task A_citizen_answers_the_questionnaire_from_the_link_with_the_keyboard_on_a_phone()
    {
        await Page.SetViewportSizeAsync(PhoneWidth, 844);
        var token = await Server.WithDb(async db =>
        {
            var eva = await db.Citizens.Where(c => c.FirstName == "Eva" && c.LastName == "Petersen").Select(c => c.Id).SingleAsync();
            var t = CitizenLinks.Add(db, eva, Server.Clock.GetUtcNow(), "Browsertest");
            await db.SaveChangesAsync();
            return t;
        });

        await GoToAsync($"/mig/{token}");
        (await Page.Locator("h1").InnerTextAsync()).ShouldContain("Eva");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        (await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(PhoneWidth);

        // To the questionnaire by keyboard: focus the link and press Enter.
        await Page.Locator("#start-questionnaire").FocusAsync();
#pragma warning disable CS0612
        await Page.RunAndWaitForNavigationAsync(() => Page.Keyboard.PressAsync("Enter"));
#pragma warning restore CS0612
        (await Page.Locator("#progress-text").InnerTextAsync()).ShouldBe("Spørgsmål 1 af 21");
        (await Page.Locator("#question").InnerTextAsync()).ShouldContain("glad og i godt humør");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        (await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(PhoneWidth);

        // "Næste" without an answer: the error summary says what to do, and the screen stays.
        await Page.Locator("#next").FocusAsync();
#pragma warning disable CS0612
        await Page.RunAndWaitForNavigationAsync(() => Page.Keyboard.PressAsync("Enter"));
#pragma warning restore CS0612
        (await Page.Locator("#progress-text").InnerTextAsync()).ShouldBe("Spørgsmål 1 af 21");
        (await Page.Locator(".form-error-message").InnerTextAsync()).ShouldContain("Vælg et af svarene");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();

        for (var n = 1; n <= 21; n++)
        {
            (await Page.Locator("#progress-text").InnerTextAsync()).ShouldBe($"Spørgsmål {n} af 21");
            // Keyboard only: focus the first option, Space chooses it, arrow down moves the choice to the second.
            await Page.Locator("#question-form input[type=radio]").First.FocusAsync();
            await Page.Keyboard.PressAsync("Space");
            await Page.Keyboard.PressAsync("ArrowDown");
            (await Page.Locator("#question-form input[type=radio]:checked").CountAsync()).ShouldBe(1);
            await Page.Locator("#next").FocusAsync();
#pragma warning disable CS0612
            await Page.RunAndWaitForNavigationAsync(() => Page.Keyboard.PressAsync("Enter"));
#pragma warning restore CS0612
        }

        (await Page.Locator("h1").InnerTextAsync()).ShouldBe("Tak for dine svar");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();

        // The second option of WHO-5 is "Det meste af tiden" (4): 5 × 4 × 4 = 80.
        var who5 = await Server.WithDb(db => db.QuestionnaireResponses.Where(r => r.Citizen.FirstName == "Eva" && r.Instrument == "who5").Select(r => r.Score).SingleAsync());
        who5.ShouldBe(80);

        await GoToAsync($"/mig/{token}");
        (await Page.Locator("#start-questionnaire").CountAsync()).ShouldBe(0);
        (await Page.Locator("#my-changes tr[data-instrument='who5'] td").First.InnerTextAsync()).ShouldBe("80");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        (await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(PhoneWidth);
    }
}
