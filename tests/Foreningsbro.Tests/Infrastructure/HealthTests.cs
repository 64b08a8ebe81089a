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
}
