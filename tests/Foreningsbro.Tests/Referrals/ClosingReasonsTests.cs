using System.Net;

using Foreningsbro.Tests.Infrastructure;

namespace Foreningsbro.Tests.Referrals;

public class ClosingReasonsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_coordinator_adds_and_hides_closing_reasons_and_the_status_form_follows()
    {
        var coordinator = await app.CreateCoordinatorClient();
        var url = "/henvisninger/afslutningsaarsager";
        var page = await coordinator.GetDocumentAsync(url);
        page.QuerySelector("#reasons")!.TextContent.ShouldContain("Fik job eller uddannelse");

        var form = page.FormValues("#add-reason");
        (await coordinator.PostFormAsync(url, form, new() { ["Input.Name"] = "Startede i fleksjob" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var duplicate = await coordinator.PostFormAsync(url, form, new() { ["Input.Name"] = "Startede i fleksjob" });
        (await duplicate.ReadDocumentAsync()).QuerySelector("[data-valmsg-for='Input.Name']")!.TextContent.ShouldBe("Den årsag findes allerede.");

        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var citizenId = await pro.CreateCitizenAsync("Årsag", "Listesen");
        var referralId = await pro.ReferAsync(citizenId, await app.TeamId("Stavgang for alle"));
        (await pro.GetDocumentAsync($"/henvisninger/{referralId}")).QuerySelector("#Input_ClosingReasonId")!.TextContent.ShouldContain("Startede i fleksjob");

        page = await coordinator.GetDocumentAsync(url);
        var hide = page.QuerySelectorAll("#reasons tr").Single(r => r.TextContent.Contains("Flyttet", StringComparison.Ordinal));
        var values = hide.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!);
        values["__RequestVerificationToken"] = form["__RequestVerificationToken"];
        (await coordinator.PostFormAsync($"{url}?handler=Archive", values)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await pro.GetDocumentAsync($"/henvisninger/{referralId}")).QuerySelector("#Input_ClosingReasonId")!.TextContent.ShouldNotContain("Flyttet");

        (await pro.GetAsync(url, TestContext.Current.CancellationToken)).Headers.Location!.ToString().ShouldContain("/konto/ingen-adgang");
    }

    [Fact]
    public async Task The_openapi_file_documents_the_bridging_api()
    {
        var json = await app.CreateAnonymousClient().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        foreach (var path in new[] { "/api/v1/auth/token", "/api/v1/citizens", "/api/v1/citizens/{id}", "/api/v1/referrals", "/api/v1/referrals/{id}/status", "/api/v1/reports/funnel" })
        {
            json.ShouldContain($"\"{path}\"");
        }
    }
}
