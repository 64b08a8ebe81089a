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
        rows.Select(r => r.QuerySelector("th")!.TextContent).ShouldBe(["Jobcenter Furesø", "Jobcenter Høje-Taastrup", "Sundhedscenter Høje-Taastrup"]);
        var total = await coordinator.GetDocumentAsync("/rapporter/tragt");
        total.QuerySelector("#funnel td[data-stage='Referred']")!.TextContent.ShouldStartWith("16");
        total.QuerySelector("#funnel td[data-stage='Member']")!.TextContent.ShouldStartWith("6");
        total.QuerySelector("#funnel td[data-stage='Active6Months']")!.TextContent.ShouldStartWith("1");

        var escalations = await coordinator.GetDocumentAsync("/mine-opgaver");
        escalations.QuerySelector("#tasks")!.TextContent.ShouldContain("Bilal Hansen");

        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var tasks = await pro.GetDocumentAsync("/mine-opgaver");
        var overdue = tasks.QuerySelectorAll("#tasks tr.task-overdue").Select(r => r.TextContent).ToList();
        overdue.Count.ShouldBe(2);
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
