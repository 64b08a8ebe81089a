using System.Net;
using Foreningsbro.Tests.Infrastructure;

namespace Foreningsbro.Tests.Security;

/// <summary>A page asked for a handler it does not have refuses, instead of rendering without loading (and scoping) its data.</summary>
public class UnknownHandlerTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_post_to_a_page_that_only_shows_is_405_and_names_the_methods_it_has()
    {
        var client = await app.CreateClientAs(DemoUsers.HealthProfessional);
        var form = await client.GetFormAsync("/konto/log-ind");
        var programme = await app.WithDb(db => Task.FromResult(db.Programmes.Single(p => p.Name == "Livsstilsholdet").Id));

        var response = await client.PostFormAsync($"/forloeb/{programme}", new() { ["__RequestVerificationToken"] = form["__RequestVerificationToken"] });

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.ShouldBe(["GET"]);
    }

    [Fact]
    public async Task A_post_without_one_of_the_pages_named_handlers_is_404_and_changes_nothing()
    {
        var client = await app.CreateClientAs(DemoUsers.Professional);
        var form = await client.GetFormAsync("/konto/log-ind");
        var citizen = await app.WithDb(db => Task.FromResult(db.Citizens.Single(c => c.LastName == "Andersen").Id));
        var consents = await app.WithDb(db => Task.FromResult(db.Consents.Count(c => c.CitizenId == citizen)));

        // The citizen page posts only to ?handler=Consent and ?handler=Withdraw.
        var response = await client.PostFormAsync($"/borgere/{citizen}?handler=Nothing", new() { ["__RequestVerificationToken"] = form["__RequestVerificationToken"] });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.WithDb(db => Task.FromResult(db.Consents.Count(c => c.CitizenId == citizen)))).ShouldBe(consents);
    }

    [Fact]
    public async Task A_page_without_handlers_still_renders()
    {
        var response = await app.CreateAnonymousClient().GetAsync("/konto/ingen-adgang", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.ReadDocumentAsync()).QuerySelector("h1")!.TextContent.ShouldNotBeNullOrWhiteSpace();
    }
}
