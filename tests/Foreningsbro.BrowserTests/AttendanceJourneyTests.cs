using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Foreningsbro.BrowserTests;

public sealed class AttendanceJourneyTests(BrowserFixture browser, WebServer server) : BrowserPage(browser, server), IClassFixture<WebServer>
{
    /// <summary>Tuesday 17 November 2026, 10:15 Danish time: "Sundere sammen" trains today.</summary>
    private static readonly DateTimeOffset Tuesday = new(2026, 11, 17, 9, 15, 0, TimeSpan.Zero);
    private static readonly DateOnly TuesdayDate = new(2026, 11, 17);

    private async Task<int> TodaysSundereAsync()
    {
        if (Server.Clock.GetUtcNow() < Tuesday)
        {
            Server.Clock.SetUtcNow(Tuesday);
        }

        return await Server.WithDb(db => db.ProgrammeSessions.Where(s => s.Programme.Name == "Sundere sammen" && s.Date == TuesdayDate).Select(s => s.Id).SingleAsync());
    }

    private Task<int> EnrolmentAsync(string firstName) =>
        Server.WithDb(db => db.Enrolments.Where(e => e.Programme.Name == "Sundere sammen" && e.Citizen.FirstName == firstName).Select(e => e.Id).SingleAsync());

    /// <summary>Clicks a form button and waits for the page that answers it.</summary>
    private async Task SubmitAsync(ILocator button)
    {
        // Deprecated in favour of WaitForURL, which cannot tell the page after a post-redirect-get to the
        // same address from the page before it; the next click must not land on the old page.
#pragma warning disable CS0612
        await Page.RunAndWaitForNavigationAsync(() => button.ClickAsync());
#pragma warning restore CS0612
    }

    [Fact]
    public async Task An_instructor_takes_attendance_for_twelve_in_four_interactions()
    {
        var sessionId = await TodaysSundereAsync();
        // Ten are enrolled today (two have moved on to the club); two new participants make twelve.
        await Server.WithDb(async db =>
        {
            var programme = await db.Programmes.SingleAsync(p => p.Name == "Sundere sammen");
            var department = await db.Departments.SingleAsync(d => d.Id == programme.DepartmentId);
            foreach (var (first, last) in new[] { ("Hanna", "Ny"), ("Omar", "Ny") })
            {
                var citizen = new Citizen
                {
                    DepartmentId = department.Id,
                    FirstName = first,
                    LastName = last,
                    BirthYear = 1985,
                    PostalCode = "3520",
                    TargetGroup = CitizenTargetGroup.OutsideLabourMarketAtRisk,
                    PreferredChannel = ContactChannel.Phone,
                    NameKey = first.ToLowerInvariant() + " ny",
                    CreatedAtUtc = Tuesday.UtcDateTime,
                    CreatedBy = "Test",
                };
                db.Enrolments.Add(new Enrolment
                {
                    ProgrammeId = programme.Id,
                    Citizen = citizen,
                    StartDate = TuesdayDate.AddDays(-7),
                    CreatedAtUtc = Tuesday.UtcDateTime,
                    CreatedBy = "Test",
                    IdempotencyKey = Guid.NewGuid(),
                });
            }

            await db.SaveChangesAsync();
        });
        var sara = await EnrolmentAsync("Sara");
        var torben = await EnrolmentAsync("Torben");
        await Page.LogInAsync(Server, DemoUsers.Instructor);

        var interactions = 0;
        await GoToAsync($"/instruktoer/traening/{sessionId}");
        interactions++;
        (await Page.Locator(".att-name").CountAsync()).ShouldBe(12);
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();

        await SubmitAsync(Page.GetByRole(AriaRole.Button, new() { Name = "Alle er mødt" }));
        interactions++;
        await SubmitAsync(Page.Locator($"[data-testid='status-{torben}-AbsentWithNotice']"));
        interactions++;
        await SubmitAsync(Page.Locator($"[data-testid='status-{sara}-Absent']"));
        interactions++;

        interactions.ShouldBeLessThanOrEqualTo(4);
        var counts = await Page.Locator("#counts").InnerTextAsync();
        counts.ShouldContain("Mødt: 10");
        counts.ShouldContain("Afbud: 1");
        counts.ShouldContain("Udeblevet: 1");
        var rows = await Server.WithDb(db => db.Attendances.Where(a => a.SessionId == sessionId).Select(a => new { a.EnrolmentId, a.Status }).ToListAsync());
        rows.Count.ShouldBe(12);
        rows.Single(r => r.EnrolmentId == torben).Status.ShouldBe(AttendanceStatus.AbsentWithNotice);
        rows.Single(r => r.EnrolmentId == sara).Status.ShouldBe(AttendanceStatus.Absent);
        rows.Count(r => r.Status == AttendanceStatus.Present).ShouldBe(10);

        // The page with a check-in form open passes axe too.
        await Page.Locator($"#p-{sara} summary").ClickAsync();
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
    }

    [Fact]
    public async Task Participants_check_in_and_out_on_the_kiosk_and_only_the_pin_leaves_it()
    {
        var sessionId = await TodaysSundereAsync();
        var per = await EnrolmentAsync("Per");
        await Page.LogInAsync(Server, DemoUsers.Instructor);
        await GoToAsync($"/instruktoer/traening/{sessionId}");
        await SubmitAsync(Page.GetByRole(AriaRole.Button, new() { Name = "Start kiosk for denne træning" }));
        new Uri(Page.Url).AbsolutePath.ShouldBe("/kiosk");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();

        // Per taps his name and checks in.
        await SubmitAsync(Page.Locator($"a[href='/kiosk/deltager/{per}']"));
        (await Page.Locator("legend").InnerTextAsync()).ShouldBe("Hvordan har du det i dag?");
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        await Page.Locator("label[for=choice-4]").ClickAsync(); // 🙂 Godt
        await Page.GetByLabel("Et ord om, hvordan du har det (valgfrit)").FillAsync("udhvilet");
        await SubmitAsync(Page.GetByRole(AriaRole.Button, new() { Name = "Gem mit svar" }));
        (await Page.Locator("[role=status]").InnerTextAsync()).ShouldContain("Tak, Per!");

        // After the training: check-out, on a blank form.
        await SubmitAsync(Page.Locator($"a[href='/kiosk/deltager/{per}']"));
        (await Page.Locator("main").InnerTextAsync()).ShouldNotContain("udhvilet");
        await Page.Locator("label[for=choice-5]").ClickAsync(); // Rigtig god
        await Page.GetByLabel("Hvorfor var træningen god eller dårlig? (valgfrit)").FillAsync("Vi spillede rigtig volley.");
        await SubmitAsync(Page.GetByRole(AriaRole.Button, new() { Name = "Gem mit svar" }));

        var row = await Server.WithDb(db => db.Attendances.SingleAsync(a => a.SessionId == sessionId && a.EnrolmentId == per));
        (row.CheckInMood, row.CheckInWord, row.CheckOutRating, row.CheckOutReason).ShouldBe(((int?)4, "udhvilet", (int?)5, "Vi spillede rigtig volley."));

        // The tablet cannot go anywhere else.
        await GoToAsync("/borgere");
        new Uri(Page.Url).AbsolutePath.ShouldBe("/kiosk");

        // Leaving needs the PIN.
        await SubmitAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Afslut kiosk (instruktør)" }));
        await Page.ShouldHaveNoSeriousAccessibilityViolationsAsync();
        await Page.GetByLabel("Instruktørens PIN").FillAsync("0000");
        await SubmitAsync(Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Afslut kiosk" }));
        (await Page.Locator(".form-error-message").InnerTextAsync()).ShouldBe("Forkert PIN. 4 forsøg tilbage.");
        await Page.GetByLabel("Instruktørens PIN").FillAsync(DemoData.KioskPin);
        await SubmitAsync(Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Afslut kiosk" }));
        new Uri(Page.Url).AbsolutePath.ShouldBe($"/instruktoer/traening/{sessionId}");
        (await Page.Locator(".site-user-name").InnerTextAsync()).ShouldBe("Ida Instruktør");
    }
}
