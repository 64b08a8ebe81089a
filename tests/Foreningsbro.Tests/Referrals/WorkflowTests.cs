using System.Net;
using System.Net.Http.Json;

using AngleSharp.Dom;
using AngleSharp.Html.Dom;

using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Referrals;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Referrals;

/// <summary>What the club contact sees and may press on /min-forening/besoeg.</summary>
public static class ClubVisitPage
{
    public static IHtmlFormElement? Button(this IHtmlDocument doc, int referralId, string label) =>
        doc.QuerySelectorAll<IHtmlFormElement>($"tr[data-referral='{referralId}'] form")
            .SingleOrDefault(f => f.QuerySelector("button")!.ChildNodes[0].TextContent.Trim() == label);

    public static Dictionary<string, string> Values(this IHtmlFormElement form) =>
        form.QuerySelectorAll<IHtmlInputElement>("input[name]").ToDictionary(i => i.Name!, i => i.Value);

    /// <summary>The antiforgery token of the page (any of its forms).</summary>
    public static string Token(this IHtmlDocument doc) =>
        doc.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
}

/// <summary>Issue 13, item 1: "Mine opgaver" shows what is coming as well as what is due.</summary>
public class FollowUpTaskTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_follow_up_shows_as_coming_as_soon_as_the_club_says_the_citizen_came_and_moves_up_as_it_falls_due()
    {
        var pro = await app.CreateBearerClientAs(DemoUsers.Professional);
        var citizenId = await pro.CreateCitizenAsync(Api.Citizen("Kommende", "Opgavesen", "51 51 51 51"));
        // Tuesday 17 November 10:00, the day after the app's clock.
        var referral = await pro.CreateReferralAsync(citizenId, await app.TeamId("Stavgang for alle"), visitDate: "2026-11-17");
        var id = referral.GetProperty("id").GetInt32();

        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(3)); // after the visit
        var club = await app.CreateBearerClientAs(DemoUsers.ClubContact);
        var came = await club.PostAsJsonAsync($"/api/v1/referrals/{id}/status", new { status = "Visited", version = referral.GetProperty("version").GetInt32() }, Ct);
        came.StatusCode.ShouldBe(HttpStatusCode.OK, await came.Content.ReadAsStringAsync(Ct));

        // The follow-up falls due 14 days after the visit: on the list at once, under "Senere".
        var web = await app.CreateClientAs(DemoUsers.Professional);
        var tasks = await web.GetDocumentAsync("/mine-opgaver");
        var later = tasks.QuerySelector($"#tasks-later tr[data-referral='{id}'][data-kind='FollowUpConversation']");
        later.ShouldNotBeNull("the follow-up is not shown as coming");
        later.TextContent.ShouldContain("Kommende Opgavesen");
        later.TextContent.ShouldContain("1. dec. 2026");
        tasks.QuerySelector($"#tasks-due tr[data-referral='{id}']").ShouldBeNull();
        tasks.QuerySelectorAll("#tasks h2").Select(h => h.TextContent).ShouldBe(["Nu", "Denne uge", "Senere"]);

        app.Clock.Advance(TimeSpan.FromDays(8));
        web = await app.CreateClientAs(DemoUsers.Professional);
        (await web.GetDocumentAsync("/mine-opgaver")).QuerySelector($"#tasks-week tr[data-referral='{id}'][data-kind='FollowUpConversation']").ShouldNotBeNull();

        app.Clock.Advance(TimeSpan.FromDays(6));
        web = await app.CreateClientAs(DemoUsers.Professional);
        var due = (await web.GetDocumentAsync("/mine-opgaver")).QuerySelector($"#tasks-due tr[data-referral='{id}'][data-kind='FollowUpConversation']");
        due.ShouldNotBeNull();
        due.QuerySelector("a[href*='kind=FollowUp']").ShouldNotBeNull();
    }
}

/// <summary>Issue 13, item 2: "Kom" and "Meldt sig ind" only once the visit's day has come; "Kom ikke" before it.</summary>
public class VisitNotYetHappenedTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_rule_counts_the_visits_day_in_danish_time()
    {
        var visit = new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc); // tuesday 1 December 10:00
        ReferralRules.ClubContactMaySetNow(ReferralStatus.Visited, visit, new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero)).ShouldBeFalse();
        ReferralRules.ClubContactMaySetNow(ReferralStatus.Visited, visit, new DateTimeOffset(2026, 11, 30, 22, 59, 0, TimeSpan.Zero)).ShouldBeFalse();
        ReferralRules.ClubContactMaySetNow(ReferralStatus.Visited, visit, new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero)).ShouldBeTrue(); // midnight in Denmark
        ReferralRules.ClubContactMaySetNow(ReferralStatus.Member, visit, new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero)).ShouldBeFalse();
        ReferralRules.ClubContactMaySetNow(ReferralStatus.NoShow, visit, new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero)).ShouldBeTrue();
        ReferralRules.ClubContactMaySetNow(ReferralStatus.VisitScheduled, visit, new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_club_contact_cannot_report_came_or_signed_up_before_the_visit_on_the_page_or_through_the_api()
    {
        var pro = await app.CreateBearerClientAs(DemoUsers.Professional);
        var citizenId = await pro.CreateCitizenAsync(Api.Citizen("Forhaabentlig", "Tidligsen", "52 52 52 52"));
        var referral = await pro.CreateReferralAsync(citizenId, await app.TeamId("Stavgang for alle"), visitDate: "2026-11-24");
        var id = referral.GetProperty("id").GetInt32();
        const string Refusal = "Besøget er først tirsdag 24. nov. 2026 kl. 10.00, så det kan ikke meldes »Besøgt« endnu. Meld det på dagen for besøget eller bagefter. Kommer borgeren ikke, kan du melde »Kom ikke«.";

        // The page offers confirming and "did not come", not "came" or "signed up".
        var page = await app.CreateClubContactClient();
        var doc = await page.GetDocumentAsync("/min-forening/besoeg");
        doc.Button(id, "Bekræft besøg").ShouldNotBeNull();
        doc.Button(id, "Kom ikke").ShouldNotBeNull();
        doc.Button(id, "Kom").ShouldBeNull();
        doc.Button(id, "Meldt sig ind").ShouldBeNull();

        // A form sent anyway (an old tab) is refused with the reason.
        var forged = await page.PostAsync("/min-forening/besoeg", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["referralId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["status"] = "Visited",
            ["version"] = "0",
            ["__RequestVerificationToken"] = doc.Token(),
        }), Ct);
        forged.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await page.GetDocumentAsync("/min-forening/besoeg")).QuerySelector("main")!.TextContent.ShouldContain(Refusal);
        (await app.Referral(id)).Status.ShouldBe(ReferralStatus.Referred);

        // The API says the same, naming the field.
        var club = await app.CreateBearerClientAs(DemoUsers.ClubContact);
        var early = await club.PostAsJsonAsync($"/api/v1/referrals/{id}/status", new { status = "Visited", version = 0 }, Ct);
        (await early.FieldError("status")).ShouldBe(Refusal);
        (await app.Referral(id)).History.Count.ShouldBe(1);

        // Confirming the visit is fine before it; signing up is not.
        (await club.PostAsJsonAsync($"/api/v1/referrals/{id}/status", new { status = "VisitScheduled", version = 0 }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var member = await club.PostAsJsonAsync($"/api/v1/referrals/{id}/status", new { status = "Member", version = 1 }, Ct);
        (await member.FieldError("status")).ShouldStartWith("Besøget er først tirsdag 24. nov. 2026 kl. 10.00, så det kan ikke meldes »Tilmeldt« endnu.");

        // On the visit's day the club can say the citizen came.
        app.Clock.Advance(TimeSpan.FromDays(8)); // tuesday 24 November 09:00
        club = await app.CreateBearerClientAs(DemoUsers.ClubContact);
        (await club.PostAsJsonAsync($"/api/v1/referrals/{id}/status", new { status = "Visited", version = 1 }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        page = await app.CreateClubContactClient();
        (await page.GetDocumentAsync("/min-forening/besoeg")).Button(id, "Meldt sig ind").ShouldNotBeNull();
    }

    [Fact]
    public async Task Did_not_come_can_be_reported_before_the_visit()
    {
        var pro = await app.CreateBearerClientAs(DemoUsers.Professional);
        var citizenId = await pro.CreateCitizenAsync(Api.Citizen("Afbud", "Tidligsen", "53 53 53 53"));
        var visit = DanishTimeDay(app.Clock.GetUtcNow().AddDays(9));
        var referral = await pro.CreateReferralAsync(citizenId, await app.TeamId("Stavgang for alle"), visitDate: visit);
        var id = referral.GetProperty("id").GetInt32();

        var club = await app.CreateBearerClientAs(DemoUsers.ClubContact);
        (await club.PostAsJsonAsync($"/api/v1/referrals/{id}/status", new { status = "NoShow", version = 0 }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Referral(id)).Status.ShouldBe(ReferralStatus.NoShow);
    }

    /// <summary>The next tuesday (Stavgang for alle's day) on or after <paramref name="from"/>, as yyyy-MM-dd.</summary>
    private static string DanishTimeDay(DateTimeOffset from)
    {
        var day = DateOnly.FromDateTime(from.UtcDateTime);
        while (day.DayOfWeek != DayOfWeek.Tuesday)
        {
            day = day.AddDays(1);
        }

        return day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>Issue 13, items 3 and 14 (issue 14, finding 8): how the person comes, and the list in pages.</summary>
public class ClubVisitListTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_club_sees_how_each_person_comes()
    {
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var stavgang = await app.TeamId("Stavgang for alle");
        var buddy = await pro.ReferAsync(await pro.CreateCitizenAsync("Makkera"), stavgang, new() { ["Input.VisitMode"] = "WithBuddy" });
        var withPro = await pro.ReferAsync(await pro.CreateCitizenAsync("Fagpersona"), stavgang, new() { ["Input.VisitMode"] = "WithProfessional" });

        var doc = await (await app.CreateClubContactClient()).GetDocumentAsync("/min-forening/besoeg");
        doc.QuerySelectorAll("#upcoming thead th").Select(t => t.TextContent).ShouldContain("Kommer");
        doc.QuerySelector($"#upcoming tr[data-referral='{buddy}'] td[data-mode]")!.TextContent.ShouldBe("Med en makker");
        doc.QuerySelector($"#upcoming tr[data-referral='{withPro}'] td[data-mode]")!.TextContent.ShouldBe("Med en fagperson");

        var api = await (await app.CreateBearerClientAs(DemoUsers.ClubContact)).GetFromJsonAsync<List<ClubVisitJson>>("/api/v1/referrals", Ct);
        api!.Single(v => v.Id == buddy).VisitMode.ShouldBe("WithBuddy");
    }

    private sealed record ClubVisitJson(int Id, string VisitMode);

    [Fact]
    public async Task A_busy_clubs_visit_list_comes_in_pages_upcoming_first()
    {
        var stavgang = await app.TeamId("Stavgang for alle");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var department = await app.WithDb(db => db.Departments.Where(d => d.Name == "Jobcenter Høje-Taastrup").Select(d => d.Id).SingleAsync(Ct));
        // 60 upcoming visits (one a day from tomorrow) and 20 of the last days (the latest last evening), straight into the database.
        var added = new List<Referral>();
        await app.WithDb(async db =>
        {
            for (var i = 0; i < 80; i++)
            {
                var citizen = new Citizen { DepartmentId = department, FirstName = $"Side{i:D2}", LastName = "Mange", PostalCode = "2630", BirthYear = 1980, CreatedAtUtc = now, CreatedBy = "test" };
                var at = i < 60 ? now.AddDays(1 + i) : i == 60 ? now.AddHours(-12) : now.AddDays(-(i - 59));
                added.Add(new Referral { Citizen = citizen, TeamId = stavgang, VisitMode = VisitMode.Alone, VisitAtUtc = at, Status = ReferralStatus.Referred, StatusChangedAtUtc = now, CreatedAtUtc = now, CreatedBy = "test", IdempotencyKey = Guid.NewGuid() });
            }

            db.Referrals.AddRange(added);
            await db.SaveChangesAsync(Ct);
        });
        var todayStart = Web.Infrastructure.DanishTime.StartUtc(Web.Infrastructure.DanishTime.Today(app.Clock.GetUtcNow()));
        var clubs = await app.WithDb(db => db.Referrals.Where(r => r.Team.Club.Name == "Taastrup Motionsforening" && r.Status != ReferralStatus.Closed && r.VisitAtUtc >= todayStart.AddDays(-ClubVisitsModel.RecentDays))
            .Select(r => r.VisitAtUtc).ToListAsync(Ct));
        var total = clubs.Count;
        var upcoming = clubs.Count(v => v >= todayStart);
        var pages = (total + ClubVisitsModel.PageSize - 1) / ClubVisitsModel.PageSize;

        var club = await app.CreateClubContactClient();
        var first = await club.GetAsync("/min-forening/besoeg", Ct);
        var size = (await first.Content.ReadAsStringAsync(Ct)).Length;
        var doc = await first.ReadDocumentAsync();
        doc.QuerySelectorAll("#upcoming tbody tr, #recent tbody tr").Length.ShouldBe(ClubVisitsModel.PageSize);
        doc.QuerySelector("#recent").ShouldBeNull(); // upcoming first: the first page is all upcoming
        doc.QuerySelectorAll("#upcoming tbody tr td:first-child").Select(td => td.TextContent).ShouldContain(d => d.Contains("17. nov. 2026", StringComparison.Ordinal));
        var pager = doc.QuerySelector("#visit-pages")!;
        pager.TextContent.ShouldContain($"Side 1 af {pages}");
        var next = pager.QuerySelector<IHtmlAnchorElement>("a[rel=next]")!.GetAttribute("href")!;
        next.ShouldBe("/min-forening/besoeg?side=2");
        TestContext.Current.TestOutputHelper?.WriteLine($"visit list page 1: {size:N0} characters, {total} visits, {pages} pages");
        size.ShouldBeLessThan(120_000);
        (await club.GetDocumentAsync(next)).QuerySelector("#visit-pages a[rel=prev]")!.GetAttribute("href").ShouldBe("/min-forening/besoeg");

        // After the last upcoming visit come the recent ones, the latest (last evening's) first.
        var turn = await club.GetDocumentAsync($"/min-forening/besoeg?side={(upcoming / ClubVisitsModel.PageSize) + 1}");
        turn.QuerySelector("#recent tbody tr")!.GetAttribute("data-referral").ShouldBe(added[60].Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        turn.QuerySelectorAll("#upcoming tbody tr").Length.ShouldBe(upcoming % ClubVisitsModel.PageSize);

        // A page past the end shows the last; nonsense is the first.
        (await club.GetDocumentAsync("/min-forening/besoeg?side=999")).QuerySelector("#visit-pages [aria-current=page]")!.TextContent.ShouldEndWith($"af {pages}");
        (await club.GetDocumentAsync("/min-forening/besoeg?side=abc")).QuerySelector("#visit-pages [aria-current=page]")!.TextContent.ShouldStartWith("Side 1 ");
    }
}

/// <summary>Issue 13, item 4: no "Henvis til dette hold" for a team the citizen already has an open referral to.</summary>
public class OpenReferralOfferTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_citizen_page_suggestions_and_referral_form_link_to_the_open_referral_instead_of_offering_a_second()
    {
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var citizenId = await pro.CreateCitizenAsync("Aabena", "Henvisningsen", postalCode: "2630");
        var page = await pro.GetDocumentAsync($"/borgere/{citizenId}");
        var offered = page.QuerySelector<IHtmlAnchorElement>("#suggestions a[data-testid^='refer-']")!;
        var teamId = int.Parse(offered.GetAttribute("data-testid")!["refer-".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var referralId = await pro.ReferAsync(citizenId, teamId);

        foreach (var url in new[] { $"/borgere/{citizenId}", $"/borgere/{citizenId}/forslag" })
        {
            var doc = await pro.GetDocumentAsync(url);
            doc.QuerySelector($"#suggestions [data-testid='refer-{teamId}']").ShouldBeNull(url);
            var open = doc.QuerySelector($"#suggestions [data-testid='open-referral-{teamId}']");
            open.ShouldNotBeNull(url);
            open.TextContent.ShouldContain("Borgeren har allerede en åben henvisning til dette hold.");
            open.QuerySelector("a")!.GetAttribute("href").ShouldBe($"/henvisninger/{referralId}");
            // Other teams are still offered.
            doc.QuerySelectorAll("#suggestions a[data-testid^='refer-']").Length.ShouldBeGreaterThan(0, url);
        }

        // The form itself, opened by its address, says so before anything is filled in.
        var form = await pro.GetDocumentAsync($"/borgere/{citizenId}/henvis/{teamId}");
        form.QuerySelector("#already-referred a")!.GetAttribute("href").ShouldBe($"/henvisninger/{referralId}");

        // Closed, the team is offered again.
        await app.WithDb(db => db.Referrals.Where(r => r.Id == referralId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReferralStatus.Closed), TestContext.Current.CancellationToken));
        (await pro.GetDocumentAsync($"/borgere/{citizenId}")).QuerySelector($"#suggestions [data-testid='refer-{teamId}']").ShouldNotBeNull();
    }
}

/// <summary>Issue 13, item 14: small texts.</summary>
public class SmallTextTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_new_citizen_form_says_intet_cpr_nummer_and_the_outbox_names_channels_in_danish()
    {
        var form = await (await app.CreateClientAs(DemoUsers.Professional)).GetDocumentAsync("/borgere/ny");
        form.QuerySelector("main")!.TextContent.ShouldContain("Kun det nødvendige: intet CPR-nummer.");
        form.QuerySelector("main")!.TextContent.ShouldNotContain("ingen CPR");

        var pro = await app.CreateBearerClientAs(DemoUsers.Professional);
        var citizenId = await pro.CreateCitizenAsync(Api.Citizen("Kanala", "Udbakkesen", "54 54 54 54"));
        await pro.CreateReferralAsync(citizenId, await app.TeamId("Stavgang for alle"));
        var outbox = (await (await app.CreateCoordinatorClient()).GetDocumentAsync("/udbakke")).QuerySelector("main")!.TextContent;
        outbox.ShouldContain("(SMS)");
        outbox.ShouldContain("(E-mail)");
        outbox.ShouldNotContain("(Sms)", Case.Sensitive);
        outbox.ShouldNotContain("(Email)", Case.Sensitive);
    }
}
