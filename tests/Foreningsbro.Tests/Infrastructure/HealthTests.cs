using System.Net;

namespace Foreningsbro.Tests.Infrastructure;

public class HealthTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Liveness_answers_ok_to_anyone_as_plain_text()
    {
        var response = await app.CreateAnonymousClient().GetAsync("/healthz/live", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("ok");
    }

    [Fact]
    public async Task Health_check_answers_503_when_the_database_does_not()
    {
        await using var broken = new AppFactory();
        await broken.InitializeAsync();
        var client = broken.CreateAnonymousClient();
        (await client.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await broken.BreakDatabaseAsync();

        var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("Unhealthy");
    }
}
