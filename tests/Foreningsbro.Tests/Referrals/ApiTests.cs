using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Referrals;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Referrals;

public class ApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_bearer_token_from_email_and_password_opens_the_api()
    {
        var client = await app.CreateBearerClientAs(DemoUsers.Professional);
        var response = await client.GetAsync("/api/v1/citizens", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_wrong_password_gives_no_token_and_the_api_needs_one()
    {
        var client = app.CreateAnonymousClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = DemoUsers.Coordinator, password = "forkert-kode-123" }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Problem()).GetProperty("detail").GetString().ShouldBe(Foreningsbro.Web.Features.Account.PasswordSignIn.Refused);

        (await client.GetAsync("/api/v1/referrals", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("phone", "12ab", null, 1980, "Telefonnummeret er ikke gyldigt")]
    [InlineData("email", null, "ikke-en-mail", 1980, "E-mailadressen er ikke gyldig")]
    [InlineData("birthYear", "30405060", null, 2027, "Fødselsåret skal ligge mellem 1900 og 2026")]
    [InlineData("birthYear", "30405060", null, 1899, "Fødselsåret skal ligge mellem 1900 og 2026")]
    public async Task Bad_citizen_input_is_refused_naming_the_field_in_danish_and_nothing_is_saved(string field, string? phone, string? email, int birthYear, string message)
    {
        var client = await app.CreateBearerClientAs(DemoUsers.Professional);
        var before = await app.WithDb(db => db.Citizens.CountAsync(Ct));
        var citizen = new
        {
            firstName = "Ugyldig",
            lastName = "Inputsen",
            phone,
            email,
            birthYear,
            postalCode = "2630",
            targetGroup = "Other",
            preferredChannel = "Phone",
        };
        var response = await client.PostAsJsonAsync("/api/v1/citizens", citizen, Ct);
        (await response.FieldError(field)).ShouldStartWith(message);
        (await app.WithDb(db => db.Citizens.CountAsync(Ct))).ShouldBe(before);
    }

    [Fact]
    public async Task A_visit_date_in_the_past_is_refused_and_nothing_is_saved()
    {
        var client = await app.CreateBearerClientAs(DemoUsers.Professional);
        var citizenId = await client.CreateCitizenAsync(Api.Citizen("Fortid"));
        var response = await client.PostAsJsonAsync("/api/v1/referrals", new { citizenId, teamId = await app.TeamId("Stavgang for alle"), visitMode = "Alone", visitDate = "2026-11-10" }, Ct);
        (await response.FieldError("visitDate")).ShouldBe("Besøgsdatoen ligger i fortiden. Vælg en dag fra i dag og frem.");
        (await app.WithDb(db => db.Referrals.CountAsync(r => r.CitizenId == citizenId, Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task Unknown_visit_modes_and_malformed_dates_name_their_field()
    {
        var client = await app.CreateBearerClientAs(DemoUsers.Professional);
        var citizenId = await client.CreateCitizenAsync(Api.Citizen("Forkert"));
        var teamId = await app.TeamId("Stavgang for alle");
        (await (await client.PostAsJsonAsync("/api/v1/referrals", new { citizenId, teamId, visitMode = "Flyvende", visitDate = "2026-11-24" }, Ct)).FieldError("visitMode")).ShouldStartWith("Vælg hvordan besøget foregår");
        (await (await client.PostAsJsonAsync("/api/v1/referrals", new { citizenId, teamId, visitMode = "Alone", visitDate = "24/11/2026" }, Ct)).FieldError("visitDate")).ShouldBe("Skriv besøgsdatoen som åååå-mm-dd.");
        (await (await client.GetAsync("/api/v1/citizens/abc", Ct)).FieldError("id")).ShouldBe("Id skal være et positivt heltal.");
    }

    [Fact]
    public async Task A_status_change_the_state_machine_forbids_is_refused_in_danish()
    {
        var client = await app.CreateBearerClientAs(DemoUsers.Professional);
        var citizenId = await client.CreateCitizenAsync(Api.Citizen("Tilbage"));
        var referral = await client.CreateReferralAsync(citizenId, await app.TeamId("Stavgang for alle"));
        var id = referral.GetProperty("id").GetInt32();
        var visited = await client.PostAsJsonAsync($"/api/v1/referrals/{id}/status", new { status = "Visited", version = referral.GetProperty("version").GetInt32() }, Ct);
        visited.StatusCode.ShouldBe(HttpStatusCode.OK);
        var version = (await visited.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetInt32();

        var back = await client.PostAsJsonAsync($"/api/v1/referrals/{id}/status", new { status = "Referred", version }, Ct);
        (await back.FieldError("status")).ShouldBe("En henvisning kan ikke gå fra »Besøgt« til »Henvist«.");
        (await app.Referral(id)).Status.ShouldBe(ReferralStatus.Visited);
    }

    [Fact]
    public async Task Closing_needs_a_reason_from_the_list_and_other_needs_text()
    {
        var client = await app.CreateBearerClientAs(DemoUsers.Professional);
        var citizenId = await client.CreateCitizenAsync(Api.Citizen("Afslut"));
        var referral = await client.CreateReferralAsync(citizenId, await app.TeamId("Stavgang for alle"));
        var id = referral.GetProperty("id").GetInt32();
        var version = referral.GetProperty("version").GetInt32();
        var other = await app.WithDb(db => db.ClosingReasons.Where(c => c.Name == "Andet").Select(c => c.Id).SingleAsync(Ct));

        (await (await client.PostAsJsonAsync($"/api/v1/referrals/{id}/status", new { status = "Closed", version }, Ct)).FieldError("closingReasonId")).ShouldBe("Vælg hvorfor forløbet afsluttes.");
        (await (await client.PostAsJsonAsync($"/api/v1/referrals/{id}/status", new { status = "Closed", closingReasonId = other, version }, Ct)).FieldError("reason")).ShouldBe("Skriv hvorfor forløbet afsluttes.");
        var closed = await client.PostAsJsonAsync($"/api/v1/referrals/{id}/status", new { status = "Closed", closingReasonId = other, reason = "Vil hellere svømme", version }, Ct);
        closed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var saved = await app.Referral(id);
        saved.Status.ShouldBe(ReferralStatus.Closed);
        saved.History.Single(h => h.To == ReferralStatus.Closed).Reason.ShouldBe("Vil hellere svømme");
    }

    [Fact]
    public async Task Two_people_changing_the_same_referral_the_second_gets_409_and_the_current_status()
    {
        var client = await app.CreateBearerClientAs(DemoUsers.Professional);
        var coordinator = await app.CreateBearerClientAs(DemoUsers.Coordinator);
        var citizenId = await client.CreateCitizenAsync(Api.Citizen("Samtidig"));
        var referral = await client.CreateReferralAsync(citizenId, await app.TeamId("Stavgang for alle"));
        var id = referral.GetProperty("id").GetInt32();
        var version = referral.GetProperty("version").GetInt32();

        (await client.PostAsJsonAsync($"/api/v1/referrals/{id}/status", new { status = "Visited", version }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = await coordinator.PostAsJsonAsync($"/api/v1/referrals/{id}/status", new { status = "NoShow", version }, Ct);
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await second.Problem()).GetProperty("detail").GetString()!.ShouldContain("Status er nu »Besøgt«");
        (await app.Referral(id)).Status.ShouldBe(ReferralStatus.Visited);
    }

    [Fact]
    public async Task The_same_referral_sent_twice_with_one_key_is_one_referral()
    {
        var client = await app.CreateBearerClientAs(DemoUsers.Professional);
        var citizenId = await client.CreateCitizenAsync(Api.Citizen("Dobbelt"));
        var teamId = await app.TeamId("Stavgang for alle");
        var key = Guid.NewGuid();
        var first = await client.CreateReferralAsync(citizenId, teamId, key: key);
        var second = await client.CreateReferralAsync(citizenId, teamId, key: key);
        second.GetProperty("id").GetInt32().ShouldBe(first.GetProperty("id").GetInt32());
        (await app.WithDb(db => db.Referrals.CountAsync(r => r.CitizenId == citizenId, Ct))).ShouldBe(1);

        // Without the key, a second open referral to the same team is a conflict, not a duplicate.
        var third = await client.PostAsJsonAsync("/api/v1/referrals", new { citizenId, teamId, visitMode = "Alone", visitDate = "2026-11-24" }, Ct);
        third.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await third.Problem();
        var open = first.GetProperty("id").GetInt32();
        problem.GetProperty("detail").GetString().ShouldBe($"Borgeren har allerede en åben henvisning til dette hold. Se den på /henvisninger/{open}.");
        problem.GetProperty("existingReferralId").GetInt32().ShouldBe(open);
    }

    [Fact]
    public async Task Another_departments_citizen_and_referral_are_not_found()
    {
        var jobcenter = await app.CreateBearerClientAs(DemoUsers.Professional);
        var health = await app.CreateBearerClientAs(DemoUsers.HealthProfessional);
        var citizenId = await jobcenter.CreateCitizenAsync(Api.Citizen("Jobcenterborger"));
        var referral = await jobcenter.CreateReferralAsync(citizenId, await app.TeamId("Stavgang for alle"));
        var id = referral.GetProperty("id").GetInt32();

        (await health.GetAsync($"/api/v1/citizens/{citizenId}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await health.PostAsJsonAsync($"/api/v1/referrals/{id}/status", new { status = "Visited", version = 0 }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await health.PostAsJsonAsync("/api/v1/referrals", new { citizenId, teamId = await app.TeamId("Stavgang for alle"), visitMode = "Alone", visitDate = "2026-11-30" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = await health.GetFromJsonAsync<JsonElement>("/api/v1/referrals", Ct);
        list.EnumerateArray().ShouldNotContain(r => r.GetProperty("id").GetInt32() == id);
        var citizens = await health.GetFromJsonAsync<JsonElement>("/api/v1/citizens", Ct);
        citizens.EnumerateArray().ShouldNotContain(c => c.GetProperty("id").GetInt32() == citizenId);

        var coordinator = await app.CreateBearerClientAs(DemoUsers.Coordinator);
        (await coordinator.GetAsync($"/api/v1/citizens/{citizenId}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_club_contact_gets_only_their_clubs_referrals_and_only_consented_data()
    {
        var pro = await app.CreateBearerClientAs(DemoUsers.Professional);
        var consenting = await pro.CreateCitizenAsync(Api.Citizen("Samtykkende", "Efternavnsen", "41 41 41 41"));
        var private_ = await pro.CreateCitizenAsync(Api.Citizen("Hemmelig", "Diskretsen", "42 42 42 42", consents: ["Reminders"]));
        var stavgang = await app.TeamId("Stavgang for alle");
        var withConsent = (await pro.CreateReferralAsync(consenting, stavgang)).GetProperty("id").GetInt32();
        var withoutConsent = (await pro.CreateReferralAsync(private_, stavgang)).GetProperty("id").GetInt32();
        var reReferral = await pro.CreateReferralAsync(consenting, await app.TeamId("Motionsbordtennis"));
        var otherClubs = reReferral.GetProperty("id").GetInt32();
        reReferral.GetProperty("previousReferralId").GetInt32().ShouldBe(withConsent); // a re-referral keeps the history linked

        var club = await app.CreateBearerClientAs(DemoUsers.ClubContact);
        var json = await club.GetStringAsync("/api/v1/referrals", Ct);
        var items = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        items.ShouldContain(r => r.GetProperty("id").GetInt32() == withConsent && r.GetProperty("firstName").GetString() == "Samtykkende" && r.GetProperty("phone").GetString() == "41 41 41 41");
        items.ShouldContain(r => r.GetProperty("id").GetInt32() == withoutConsent && r.GetProperty("firstName").ValueKind == JsonValueKind.Null);
        items.ShouldNotContain(r => r.GetProperty("id").GetInt32() == otherClubs);
        json.ShouldNotContain("Efternavnsen");
        json.ShouldNotContain("Hemmelig");
        json.ShouldNotContain("42 42 42 42");
        json.ShouldNotContain("ChronicIllness");

        (await club.GetAsync("/api/v1/citizens", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await club.GetAsync($"/api/v1/citizens/{consenting}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var other = await app.CreateBearerClientAs(DemoUsers.OtherClubContact);
        (await other.PostAsJsonAsync($"/api/v1/referrals/{withConsent}/status", new { status = "Visited", version = 0 }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // A club contact may report the visit, but not close the case.
        var version = items.Single(r => r.GetProperty("id").GetInt32() == withConsent).GetProperty("version").GetInt32();
        var close = await club.PostAsJsonAsync($"/api/v1/referrals/{withConsent}/status", new { status = "Closed", closingReasonId = 1, version }, Ct);
        (await close.FieldError("status")).ShouldBe("Foreningen kan kun melde besøg, udeblivelse og indmeldelse.");
        // (Before the visit's day the club can confirm it, not yet say the citizen came: VisitNotYetHappenedTests.)
        var came = await club.PostAsJsonAsync($"/api/v1/referrals/{withConsent}/status", new { status = "VisitScheduled", version }, Ct);
        came.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await came.Content.ReadAsStringAsync(Ct)).ShouldNotContain("Efternavnsen");
    }

    [Fact]
    public async Task The_funnel_validates_its_period()
    {
        var coordinator = await app.CreateBearerClientAs(DemoUsers.Coordinator);
        (await (await coordinator.GetAsync("/api/v1/reports/funnel?from=2026-12-01&to=2026-01-01", Ct)).FieldError("to")).ShouldBe("Slutdatoen skal ligge efter startdatoen.");
        (await (await coordinator.GetAsync("/api/v1/reports/funnel?from=i-går", Ct)).FieldError("from")).ShouldBe("Skriv datoen som åååå-mm-dd, mellem 1900-01-01 og 2199-12-31.");
    }
}

public class TokenRateLimitTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_token_endpoint_refuses_more_than_ten_tries_a_minute()
    {
        var client = app.CreateAnonymousClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "ingen@demo.foreningsbro.dk", password = "forkert-kode-123" }, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        statuses.Take(10).ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        statuses[10].ShouldBe(HttpStatusCode.TooManyRequests);
    }
}
