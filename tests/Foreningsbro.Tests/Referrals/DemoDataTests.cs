using Foreningsbro.Tests.Infrastructure;

namespace Foreningsbro.Tests.Referrals;

public class DemoDataTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_demo_gives_the_funnel_the_tasks_and_the_visit_list_something_to_show()
    {
        var coordinator = await app.CreateCoordinatorClient();
        var funnel = await coordinator.GetDocumentAsync("/rapporter/tragt?by=Department");
        var rows = funnel.QuerySelectorAll("#funnel tbody tr");
        // Each coordinator's funnel is their own municipality's (ADR 0013): 12 + 4 referrals, 3 + 3 members.
        rows.Select(r => r.QuerySelector("th")!.TextContent).ShouldBe(["Jobcenter Høje-Taastrup", "Sundhedscenter Høje-Taastrup"]);
        var total = await coordinator.GetDocumentAsync("/rapporter/tragt");
        total.QuerySelector("#funnel td[data-stage='Referred']")!.TextContent.ShouldStartWith("12");
        total.QuerySelector("#funnel td[data-stage='Member']")!.TextContent.ShouldStartWith("3");
        total.QuerySelector("#funnel td[data-stage='Active6Months']")!.TextContent.ShouldStartWith("1");
        var furesoe = await app.CreateClientAs(DemoUsers.FuresoeCoordinator);
        (await furesoe.GetDocumentAsync("/rapporter/tragt?by=Department")).QuerySelectorAll("#funnel tbody tr").Select(r => r.QuerySelector("th")!.TextContent).ShouldBe(["Jobcenter Furesø"]);
        var furesoeTotal = await furesoe.GetDocumentAsync("/rapporter/tragt");
        furesoeTotal.QuerySelector("#funnel td[data-stage='Referred']")!.TextContent.ShouldStartWith("4");
        furesoeTotal.QuerySelector("#funnel td[data-stage='Member']")!.TextContent.ShouldStartWith("3");

        var escalations = await coordinator.GetDocumentAsync("/mine-opgaver");
        escalations.QuerySelector("#tasks")!.TextContent.ShouldContain("Bilal Hansen");

        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var tasks = await pro.GetDocumentAsync("/mine-opgaver");
        var overdue = tasks.QuerySelectorAll("#tasks tr.task-overdue").Select(r => r.TextContent).ToList();
        overdue.Count.ShouldBe(3);
        // Eva's baseline questionnaires are due since her referral yesterday (issue 15); everyone else's are answered.
        overdue.ShouldContain(t => t.Contains("Eva Petersen", StringComparison.Ordinal) && t.Contains("Spørgeskemaer ved start", StringComparison.Ordinal));
        overdue.ShouldContain(t => t.Contains("Camilla Nielsen", StringComparison.Ordinal) && t.Contains("Opfølgende samtale", StringComparison.Ordinal) && t.Contains("Overskredet", StringComparison.Ordinal));
        overdue.ShouldContain(t => t.Contains("Bilal Hansen", StringComparison.Ordinal) && t.Contains("Intet svar fra foreningen", StringComparison.Ordinal));
        tasks.QuerySelector("#tasks")!.TextContent.ShouldNotContain("Frank Olsen"); // the health centre's citizen

        var club = await app.CreateClubContactClient();
        var visits = await club.GetDocumentAsync("/min-forening/besoeg");
        visits.QuerySelector("#upcoming")!.TextContent.ShouldContain("Eva");
        visits.QuerySelector("#upcoming")!.TextContent.ShouldNotContain("Petersen");

        var outbox = await coordinator.GetDocumentAsync("/udbakke");
        outbox.QuerySelector("h1")!.TextContent.ShouldBe("Udbakke");
    }
}
