using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Foreningsbro.BrowserTests;

public sealed class ProgrammeJourneyTests(BrowserFixture browser, WebServer server) : BrowserPage(browser, server), IClassFixture<WebServer>
{
    [Fact]
    public async Task A_job_consultant_creates_a_programme_and_enrols_a_citizen_in_two_interactions()
    {
        await Page.LogInAsync(Server, DemoUsers.FuresoeProfessional);

        // The programme: Wednesday mornings in the volleyball hall, open-ended.
        await GoToAsync("/forloeb/nyt");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        await Page.GetByLabel("Forløbets navn").FillAsync("Onsdagsholdet");
        await Page.GetByLabel("Type", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Træningsforløb" });
        await Page.GetByLabel("Sted", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Farum Volleyballhal, Farum" });
        await Page.GetByLabel("Antal uger").FillAsync("");
        await Page.GetByLabel("Pladser", new() { Exact = true }).FillAsync("14");
        await Page.GetByLabel("Ida Instruktør", new() { Exact = true }).CheckAsync();
        var firstRow = Page.Locator("fieldset.row-fieldset").First;
        await firstRow.GetByLabel("Ugedag").SelectOptionAsync("Wednesday");
        await firstRow.GetByLabel("Start (tt:mm)").FillAsync("09:30");
        await firstRow.GetByLabel("Slut (tt:mm)").FillAsync("11:00");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Opret forløbet" }).ClickAsync();
        await Page.WaitForURLAsync(url => !url.EndsWith("/forloeb/nyt", StringComparison.Ordinal));
        (await Page.Locator("h1").InnerTextAsync()).ShouldBe("Onsdagsholdet");
        (await Page.Locator("#upcoming-sessions").InnerTextAsync()).ShouldContain("onsdag 18. nov. 2026 09.30–11.00");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        var programmeId = await Server.WithDb(db => db.Programmes.Where(p => p.Name == "Onsdagsholdet").Select(p => p.Id).SingleAsync());

        // A citizen of the consultant's department.
        var citizenId = await Server.WithDb(async db =>
        {
            var department = await db.Departments.SingleAsync(d => d.Name == "Jobcenter Furesø");
            var citizen = new Citizen
            {
                DepartmentId = department.Id,
                FirstName = "Vera",
                LastName = "Onsdagsen",
                BirthYear = 1979,
                PostalCode = "3520",
                TargetGroup = CitizenTargetGroup.OutsideLabourMarketAtRisk,
                PreferredChannel = ContactChannel.Phone,
                NameKey = "vera onsdagsen",
                CreatedAtUtc = AppFactory.Now.UtcDateTime,
                CreatedBy = "Test",
            };
            db.Citizens.Add(citizen);
            await db.SaveChangesAsync();
            return citizen.Id;
        });

        await GoToAsync($"/borgere/{citizenId}");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        var interactions = 0;
        await Page.Locator($"#programme-offers [data-testid='enrol-{programmeId}']").ClickAsync();
        interactions++;
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        await Page.Locator("#send-enrolment").ClickAsync();
        interactions++;

        interactions.ShouldBeLessThanOrEqualTo(2);
        (await Page.Locator("main").InnerTextAsync()).ShouldContain("Vera Onsdagsen er tilmeldt »Onsdagsholdet«.");
        (await Page.Locator("#enrolments").InnerTextAsync()).ShouldContain("Fra 18. nov. 2026");
        var enrolment = await Server.WithDb(db => db.Enrolments.Where(e => e.CitizenId == citizenId).Select(e => new { e.ProgrammeId, e.StartDate }).SingleAsync());
        enrolment.ProgrammeId.ShouldBe(programmeId);
        enrolment.StartDate.ShouldBe(new DateOnly(2026, 11, 18));

        // The session edit page, where a group visit is set up.
        var sessionId = await Server.WithDb(db => db.ProgrammeSessions.Where(s => s.ProgrammeId == programmeId).OrderBy(s => s.Date).Select(s => s.Id).FirstAsync());
        await GoToAsync($"/forloeb/traening/{sessionId}/rediger");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        await GoToAsync($"/forloeb/{programmeId}/traeninger");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
    }
}
