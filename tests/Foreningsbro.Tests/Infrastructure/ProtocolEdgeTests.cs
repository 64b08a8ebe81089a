using System.Net;
using System.Text;

using Foreningsbro.Tests.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Infrastructure;

/// <summary>Issue 14: nothing a client can send answers 500.</summary>
public class ProtocolEdgeTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string RangeMessage = "Skriv datoen som åååå-mm-dd, mellem 1900-01-01 og 2199-12-31.";

    [Theory]
    [InlineData("/api/v1/referrals?to=9999-12-31", "to")]
    [InlineData("/api/v1/referrals?from=0001-01-01", "from")]
    [InlineData("/api/v1/reports/funnel?to=9999-12-31", "to")]
    [InlineData("/api/v1/reports/funnel?from=0001-01-01", "from")]
    public async Task A_date_at_the_end_of_the_calendar_is_refused_naming_the_field(string url, string field)
    {
        var coordinator = await app.CreateCoordinatorClient();

        (await (await coordinator.GetAsync(url, Ct)).FieldError(field)).ShouldBe(RangeMessage);
    }

    [Theory]
    [InlineData("sessions?to=9999-12-31", "to")]
    [InlineData("sessions?from=0001-01-01&to=0001-01-02", "from")]
    [InlineData("evaluation?to=9999-12-31", "to")]
    [InlineData("evaluation?from=0001-01-01", "from")]
    public async Task A_programmes_period_at_the_end_of_the_calendar_is_refused_naming_the_field(string path, string field)
    {
        var coordinator = await app.CreateCoordinatorClient();
        var programmeId = await app.WithDb(db => db.Programmes.Select(p => p.Id).FirstAsync(Ct));

        var message = await (await coordinator.GetAsync($"/api/v1/programmes/{programmeId}/{path}", Ct)).FieldError(field);

        message.ShouldBe($"Skriv {field} som en dato: åååå-mm-dd, mellem 1900-01-01 og 2199-12-31.");
    }

    [Fact]
    public async Task A_visit_date_at_the_end_of_the_calendar_is_refused_naming_the_field()
    {
        var coordinator = await app.CreateCoordinatorClient();
        var citizenId = await (await app.CreateClientAs(DemoUsers.Professional)).CreateCitizenAsync("Kalender", "Enden");
        var teamId = await app.TeamId("Motionsbordtennis");

        var response = await coordinator.PostAsync("/api/v1/referrals",
            new StringContent($$"""{"citizenId":{{citizenId}},"teamId":{{teamId}},"visitMode":"Alone","visitDate":"9999-12-31"}""", Encoding.UTF8, "application/json"), Ct);

        (await response.FieldError("visitDate")).ShouldNotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("/rapporter/tragt?to=9999-12-31")]
    [InlineData("/rapporter/tragt?from=0001-01-01")]
    public async Task The_funnel_page_says_in_danish_that_a_date_is_out_of_range(string url)
    {
        var coordinator = await app.CreateCoordinatorClient();

        var response = await coordinator.GetAsync(url, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.ReadDocumentAsync()).Body!.TextContent.ShouldContain("Datoen skal ligge mellem 1900-01-01 og 2199-12-31.");
    }
}
