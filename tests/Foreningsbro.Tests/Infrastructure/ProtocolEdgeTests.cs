using System.Net;
using System.Net.Http.Json;
using System.Text;

using Foreningsbro.Tests.Referrals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
        // The coordinator's own municipality's programme (an unordered "first" was Furesø's on PostgreSQL: 404 since ADR 0013).
        var programmeId = await app.WithDb(db => db.Programmes.Where(p => p.Name == "Livsstilsholdet").Select(p => p.Id).SingleAsync(Ct));

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

    private static StringContent Body(string json, string contentType)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    [Theory]
    [InlineData("POST", "/api/v1/citizens")]
    [InlineData("POST", "/api/v1/referrals")]
    [InlineData("POST", "/api/v1/referrals/1/status")]
    [InlineData("PUT", "/api/v1/sessions/1/attendance")]
    [InlineData("POST", "/api/v1/auth/token")]
    public async Task An_empty_charset_is_read_as_utf8(string method, string url)
    {
        var coordinator = await app.CreateCoordinatorClient();

        var response = await coordinator.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = Body("{}", "application/json; charset=") }, Ct);

        // The body was read: what comes back is the endpoint's own answer to an empty object, never a 500 or 415.
        ((int)response.StatusCode).ShouldBeInRange(400, 499);
        response.StatusCode.ShouldNotBe(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Theory]
    [InlineData("application/json; charset=klingon")]
    [InlineData("application/json; charset=latin1")]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public async Task An_unsupported_content_type_is_415_with_problem_details(string contentType)
    {
        var coordinator = await app.CreateCoordinatorClient();

        var response = await coordinator.PostAsync("/api/v1/citizens", Body("{}", contentType), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        var problem = await response.Problem();
        problem.GetProperty("status").GetInt32().ShouldBe(415);
    }

    [Theory]
    [InlineData("ikke json")]
    [InlineData("{\"firstName\":")]
    [InlineData("[1,2]")]
    public async Task A_body_that_is_not_json_is_400_with_problem_details(string body)
    {
        var coordinator = await app.CreateCoordinatorClient();

        var response = await coordinator.PostAsync("/api/v1/citizens", Body(body, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Problem()).GetProperty("status").GetInt32().ShouldBe(400);
    }

    [Fact]
    public async Task A_property_sent_twice_is_refused_and_nothing_is_saved()
    {
        var coordinator = await app.CreateCoordinatorClient();
        var before = await app.WithDb(db => db.Citizens.CountAsync(Ct));

        var response = await coordinator.PostAsync("/api/v1/citizens",
            Body("""
                {"firstName":"Dobbelt","lastName":"Navn","phone":"30 40 50 60","birthYear":1980,"postalCode":"2630","targetGroup":"ChronicIllnessWeakAttachment",
                 "preferredChannel":"Sms","consents":["ShareWithClub"],"firstName":"Tobbelt"}
                """, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Problem()).GetProperty("status").GetInt32().ShouldBe(400);
        (await app.WithDb(db => db.Citizens.CountAsync(Ct))).ShouldBe(before);
    }

    [Theory]
    [InlineData("/hold/abc")]
    [InlineData("/findes-ikke")]
    [InlineData("/borgere/abc/noget")]
    public async Task An_unknown_address_is_the_danish_not_found_page_for_anyone(string url)
    {
        foreach (var client in new[] { app.CreateAnonymousClient(), await app.CreateClientAs(DemoUsers.Professional) })
        {
            var response = await client.GetAsync(url, Ct);

            response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await response.ReadDocumentAsync()).QuerySelector("h1")!.TextContent.ShouldBe("Siden findes ikke");
        }
    }

    [Fact]
    public async Task A_real_page_still_sends_an_anonymous_visitor_to_the_login_page()
    {
        var response = await app.CreateAnonymousClient().GetAsync("/borgere", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/konto/log-ind");
    }

    [Theory]
    [InlineData("TRACE", "/")]
    [InlineData("TRACE", "/hold")]
    [InlineData("PUT", "/")]
    [InlineData("DELETE", "/hold")]
    [InlineData("OPTIONS", "/")]
    [InlineData("OPTIONS", "/hold")]
    [InlineData("OPTIONS", "/borgere")]
    public async Task A_page_refuses_a_method_it_does_not_handle(string method, string url)
    {
        var response = await app.CreateAnonymousClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), url), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.ShouldContain("GET");
        (await response.ReadDocumentAsync()).QuerySelector("h1")!.TextContent.ShouldBe("Siden kan ikke vises");
    }

    /// <summary>
    /// An address that exists, asked with a method or a body it does not take: routing's own 405 and 415,
    /// for an anonymous visitor too — not the login page (they were 302 to /konto/log-ind, found by the API fuzz test).
    /// </summary>
    [Theory]
    [InlineData("DELETE", "/sprog", null, HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/konto/log-ud", null, HttpStatusCode.MethodNotAllowed)]
    [InlineData("POST", "/sprog", "application/json", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("OPTIONS", "/api/v1/teams", null, HttpStatusCode.MethodNotAllowed)]
    [InlineData("POST", "/api/v1/auth/token", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    public async Task A_method_or_body_an_address_does_not_take_is_refused_for_everyone(string method, string url, string? contentType, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (contentType is not null)
        {
            request.Content = new StringContent("{\"culture\":\"en\"}", System.Text.Encoding.UTF8, contentType);
        }

        var response = await app.CreateAnonymousClient().SendAsync(request, Ct);

        response.StatusCode.ShouldBe(expected);
        response.Headers.Location.ShouldBeNull();
    }

    [Fact]
    public async Task Responses_do_not_name_the_server()
    {
        app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>>()
            .Value.AddServerHeader.ShouldBeFalse();
        var response = await app.CreateAnonymousClient().GetAsync("/", Ct);
        response.Headers.Server.ShouldBeEmpty();
    }
}

/// <summary>The app's SQLite busy timeout shortened to one second, so a held write lock is felt at once.</summary>
public sealed class ShortBusyTimeoutAppFactory : AppFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:SqliteBusyTimeoutSeconds", "1");
    }
}

/// <summary>Issue 14: a SQLite write lock held past the busy timeout is 503 with Retry-After, not 500.</summary>
public class BusyDatabaseTests(ShortBusyTimeoutAppFactory app) : IClassFixture<ShortBusyTimeoutAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Microsoft.Data.Sqlite.SqliteConnection> HoldWriteLockAsync()
    {
        var cs = app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["ConnectionStrings:Default"]!;
        // Not pooled: the raw BEGIN would otherwise go back to the pool still open.
        var conn = new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(cs) { Pooling = false }.ToString());
        await conn.OpenAsync(Ct);
        using var begin = conn.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        await begin.ExecuteNonQueryAsync(Ct);
        return conn;
    }

    [Fact]
    public async Task The_api_answers_503_with_retry_after_while_another_writer_holds_the_lock()
    {
        Assert.SkipWhen(AppFactory.IsPostgres, "SQLite's write lock");
        var professional = await app.CreateClientAs(DemoUsers.Professional);
        await using (await HoldWriteLockAsync())
        {
            var response = await professional.PostAsJsonAsync("/api/v1/citizens", Api.Citizen("Låst"), Ct);

            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, await response.Content.ReadAsStringAsync(Ct));
            response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
            (await response.Problem()).GetProperty("detail").GetString().ShouldBe("Databasen er optaget. Prøv igen om lidt.");
        }
    }

    [Fact]
    public async Task A_page_shows_the_danish_busy_page_while_another_writer_holds_the_lock()
    {
        Assert.SkipWhen(AppFactory.IsPostgres, "SQLite's write lock");
        var professional = await app.CreateClientAs(DemoUsers.Professional);
        var form = await professional.GetFormAsync("/borgere/ny");
        form["Input.FirstName"] = "Låst";
        form["Input.LastName"] = "Side";
        form["Input.Phone"] = "71234567";
        form["Input.BirthYear"] = "1975";
        form["Input.PostalCode"] = "2630";
        form["Input.TargetGroup"] = "OutsideLabourMarketAtRisk";
        form["Input.PreferredChannel"] = "Sms";
        form["Input.ConsentMethod"] = "Verbal";
        form["Input.Consents"] = "ShareWithClub";
        await using (await HoldWriteLockAsync())
        {
            var response = await professional.PostAsync("/borgere/ny", new FormUrlEncodedContent(form), Ct);

            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
            (await response.ReadDocumentAsync()).QuerySelector("h1")!.TextContent.ShouldBe("Der er travlt lige nu");
        }
    }
}
