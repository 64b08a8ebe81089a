using System.Net;

using Foreningsbro.Tests.Referrals;

namespace Foreningsbro.Tests.Infrastructure;

/// <summary>A page that cannot be shown answers with a Danish page in the site layout; the API keeps ProblemDetails.</summary>
public class ErrorPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_link_to_another_departments_citizen_gives_a_danish_not_found_page_in_the_layout()
    {
        var citizenId = await (await app.CreateClientAs(DemoUsers.Professional)).CreateCitizenAsync("Fremmed", "Afdelingsen");
        var health = await app.CreateClientAs(DemoUsers.HealthProfessional);

        var response = await health.GetAsync($"/borgere/{citizenId}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var doc = await response.ReadDocumentAsync();
        doc.Title.ShouldBe("Siden findes ikke – Foreningsbro");
        doc.QuerySelector("h1")!.TextContent.ShouldBe("Siden findes ikke");
        doc.QuerySelector("nav[aria-label='Hovedmenu'] a[href='/borgere']").ShouldNotBeNull("the site's menu, so there is a way on");
        doc.QuerySelector("main a[href='/']")!.TextContent.ShouldBe("Gå til forsiden");
        doc.Body!.TextContent.ShouldNotContain("Fremmed");
    }

    [Fact]
    public async Task The_api_still_answers_an_unknown_citizen_with_problem_details()
    {
        var response = await (await app.CreateClientAs(DemoUsers.HealthProfessional)).GetAsync("/api/v1/citizens/999999", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_club_contact_opening_another_clubs_team_editor_gets_the_not_found_page_not_json()
    {
        var client = await app.CreateClubContactClient();
        var foreignTeam = await app.TeamId("Motionsbordtennis");

        var response = await client.GetAsync($"/hold/{foreignTeam}/rediger", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var doc = await response.ReadDocumentAsync();
        doc.QuerySelector("h1")!.TextContent.ShouldBe("Siden findes ikke");
        doc.QuerySelector("nav[aria-label='Hovedmenu'] a[href='/min-forening']").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_form_posted_without_its_token_is_shown_again_in_danish_and_saves_nothing()
    {
        var client = await app.CreateClientAs(DemoUsers.Professional);

        var response = await client.PostAsync("/borgere/ny", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.FirstName"] = "Tokenløs" }), Ct);

        // Issue 14, finding 7: the form again with what was typed (Infrastructure/RejectedFormTests), not the bare error page.
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var doc = await response.ReadDocumentAsync();
        doc.QuerySelector("h1")!.TextContent.ShouldBe("Opret borger");
        doc.QuerySelector("#error-summary")!.TextContent.ShouldContain(Foreningsbro.Web.Infrastructure.RejectedFormFilter.Message);
        doc.InputValue("Input_FirstName").ShouldBe("Tokenløs");
        (await app.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Citizens, c => c.FirstName == "Tokenløs", Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task The_error_page_cannot_be_opened_on_its_own()
    {
        var response = await app.CreateAnonymousClient().GetAsync("/fejl", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.ReadDocumentAsync()).QuerySelector("h1")!.TextContent.ShouldBe("Siden findes ikke");
    }
}

/// <summary>An unexpected failure on a page: a 500 page with an id to quote, no stack trace; the API gets ProblemDetails.</summary>
public class ServerErrorPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task When_the_database_is_gone_a_page_says_so_in_danish_with_an_error_id()
    {
        var client = await app.CreateClientAs(DemoUsers.Professional);
        await app.BreakDatabaseAsync();

        var response = await client.GetAsync("/borgere", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var doc = await response.ReadDocumentAsync();
        doc.QuerySelector("h1")!.TextContent.ShouldBe("Der skete en fejl");
        doc.QuerySelector("main code")!.TextContent.ShouldMatch("^[0-9a-f]{32}$");
        doc.Body!.TextContent.ShouldNotContain("Exception");
        SecurityHeaders.ShouldHaveSecurityHeaders(response);

        var api = await client.GetAsync("/api/v1/citizens", Ct);
        api.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        // The exception handler clears the failed answer's headers: the security headers are set again as the 500 starts (issue 13).
        SecurityHeaders.ShouldHaveSecurityHeaders(api);
        api.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }
}
