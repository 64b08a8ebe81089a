using System.Net;

using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Tests.Referrals;
using Foreningsbro.Web.Data;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Citizens;

/// <summary>The consent buttons on the citizen page: a purpose or method the form leaves out is asked for, never taken to be the first one.</summary>
public class ConsentFormTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Anne Andersen of Jobcenter Høje-Taastrup, who has given every consent.</summary>
    private Task<int> AnneAsync() => app.WithDb(db => db.Citizens.Where(c => c.FirstName == "Anne" && c.LastName == "Andersen").Select(c => c.Id).SingleAsync(Ct));

    private async Task<List<(ConsentPurpose Purpose, ConsentMethod Method, DateTime? Withdrawn)>> ConsentsAsync(int citizenId) =>
        [.. (await app.WithDb(db => db.Consents.AsNoTracking().Where(c => c.CitizenId == citizenId).OrderBy(c => c.Id).ToListAsync(Ct)))
            .Select(c => (c.Purpose, c.Method, c.WithdrawnAtUtc))];

    private static async Task<string> TokenAsync(HttpClient client, string url) =>
        (await client.GetDocumentAsync(url)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    [Fact]
    public async Task Withdrawing_without_a_purpose_asks_for_it_and_withdraws_nothing()
    {
        var anne = await AnneAsync();
        var before = await ConsentsAsync(anne);
        before.ShouldContain(c => c.Purpose == ConsentPurpose.ShareWithClub && c.Withdrawn == null, "the consent to share with the club stands");
        var jonas = await app.CreateClientAs(DemoUsers.Professional);
        var url = $"/borgere/{anne}";

        var response = await jonas.PostFormAsync(url + "?handler=Withdraw", new() { ["__RequestVerificationToken"] = await TokenAsync(jonas, url) });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.ReadDocumentAsync()).ErrorSummary().ShouldBe([("Vælg hvilket samtykke (formål) der skal trækkes tilbage.", "#samtykke")]);
        (await ConsentsAsync(anne)).ShouldBe(before);
    }

    [Fact]
    public async Task Giving_consent_without_a_purpose_or_a_method_asks_for_it_and_records_nothing()
    {
        var jonas = await app.CreateClientAs(DemoUsers.Professional);
        var citizen = await jonas.CreateCitizenAsync("Uden", "Samtykkesen", consents: []);
        var url = $"/borgere/{citizen}";
        var token = await TokenAsync(jonas, url);

        var noPurpose = await jonas.PostFormAsync(url + "?handler=Consent", new() { ["__RequestVerificationToken"] = token, ["method"] = "Written" });
        var noMethod = await jonas.PostFormAsync(url + "?handler=Consent", new() { ["__RequestVerificationToken"] = token, ["purpose"] = "Reminders" });
        var unknown = await jonas.PostFormAsync(url + "?handler=Consent", new() { ["__RequestVerificationToken"] = token, ["purpose"] = "Everything", ["method"] = "Written" });

        noPurpose.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await noPurpose.ReadDocumentAsync()).ErrorSummary().Select(e => e.Text).ShouldBe(["Vælg hvilket samtykke (formål) der er givet."]);
        noMethod.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await noMethod.ReadDocumentAsync()).ErrorSummary().Select(e => e.Text).ShouldBe(["Vælg hvordan samtykket er givet: mundtligt eller skriftligt."]);
        unknown.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await unknown.ReadDocumentAsync()).ErrorSummary().Select(e => e.Text).ShouldBe(["Vælg hvilket samtykke (formål) der er givet."]);
        (await ConsentsAsync(citizen)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_consent_button_for_a_citizen_outside_the_department_is_not_found_whatever_it_sends()
    {
        var anne = await AnneAsync();
        var before = await ConsentsAsync(anne);
        var hanne = await app.CreateClientAs(DemoUsers.HealthProfessional);
        var token = await TokenAsync(hanne, "/borgere/ny");

        var unknown = await hanne.PostFormAsync($"/borgere/{anne}?handler=Withdraw", new() { ["__RequestVerificationToken"] = token, ["purpose"] = "Everything" });
        var empty = await hanne.PostFormAsync($"/borgere/{anne}?handler=Consent", new() { ["__RequestVerificationToken"] = token });

        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        empty.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ConsentsAsync(anne)).ShouldBe(before);
    }
}
