using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Tests.Programmes;

namespace Foreningsbro.Tests.Localization;

/// <summary>
/// Issue 13: a clock time follows the reader's language, "10.00" in Danish and "10:00" in English, on the
/// catalogue, the programme pages and in the messages written in code; what is sent to citizens and clubs stays Danish.
/// </summary>
public partial class ClockTimeTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_team_page_writes_times_the_danish_way_in_danish_and_the_english_way_in_english()
    {
        var id = await app.TeamId("Stavgang for alle");
        var client = app.CreateAnonymousClient();

        var danish = (await client.GetDocumentAsync($"/hold/{id}")).QuerySelector("main")!.TextContent;
        danish.ShouldContain("tirsdag 17. november kl. 10.00");
        danish.ShouldContain("tirsdag kl. 10.00–11.00");

        var english = (await client.GetDocumentAsync($"/hold/{id}?culture=en")).QuerySelector("main")!.TextContent;
        english.ShouldContain("10:00–11:00");
        english.ShouldContain("at 10:00");
        DanishClock().Matches(english).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_programme_pages_write_session_times_in_the_readers_language()
    {
        var programme = await app.ProgrammeId("Sundere sammen");
        var malene = await app.CreateClientAs(DemoUsers.FuresoeProfessional);

        var danish = (await malene.GetDocumentAsync($"/forloeb/{programme}/traeninger")).QuerySelector("main")!.TextContent;
        danish.ShouldMatch(@"\d{2}\.\d{2}–\d{2}\.\d{2}");

        await EnglishAsync(malene);
        foreach (var url in new[] { $"/forloeb/{programme}", $"/forloeb/{programme}/traeninger", $"/forloeb/{programme}/evaluering" })
        {
            var english = (await malene.GetDocumentAsync(url)).QuerySelector("main")!.TextContent;
            DanishClock().Matches(english).Select(m => m.Value).ShouldBeEmpty(url);
            english.ShouldMatch(@"\d{2}:\d{2}", url);
        }
    }

    [Fact]
    public async Task A_message_with_a_time_is_written_in_the_readers_language()
    {
        var malene = await app.CreateClientAs(DemoUsers.FuresoeProfessional);
        await EnglishAsync(malene);
        var programme = await app.ProgrammeId("Sundere sammen");
        var url = $"/forloeb/{programme}/traeninger";
        var form = await malene.GetFormAsync(url, "#extra-form");
        var values = new Dictionary<string, string> { ["Extra.Date"] = "2026-11-20", ["Extra.Start"] = "13:00", ["Extra.End"] = "14:00" };

        var added = await malene.PostFormAsync(url + "?handler=Extra", form, values);
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await malene.GetDocumentAsync(added.Headers.Location!.ToString())).QuerySelector("main [role=status]")!.TextContent.Trim()
            .ShouldBe("Extra session added on Friday 20 November at 13:00.");

        var again = await malene.PostFormAsync(url + "?handler=Extra", form, values);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.ReadDocumentAsync()).FieldError("Extra_Start").ShouldBe("There is already a session on 20 November at 13:00.");
    }

    [Fact]
    public async Task A_message_with_a_time_reads_the_danish_way_in_danish()
    {
        var malene = await app.CreateClientAs(DemoUsers.FuresoeProfessional);
        var programme = await app.ProgrammeId("Sundere sammen");
        var url = $"/forloeb/{programme}/traeninger";
        var form = await malene.GetFormAsync(url, "#extra-form");
        var values = new Dictionary<string, string> { ["Extra.Date"] = "2026-11-19", ["Extra.Start"] = "09:30", ["Extra.End"] = "10:30" };

        var added = await malene.PostFormAsync(url + "?handler=Extra", form, values);
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await malene.GetDocumentAsync(added.Headers.Location!.ToString())).QuerySelector("main [role=status]")!.TextContent.Trim()
            .ShouldBe("Ekstra træning tilføjet torsdag 19. november kl. 09.30.");
    }

    [Fact]
    public void A_danish_time_in_a_message_written_with_values_is_written_the_english_way()
    {
        var filter = Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<Web.Infrastructure.TranslateMessagesFilter>(app.Services);
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.CurrentCulture = Web.Infrastructure.Localization.English;
            filter.Translate("Der er allerede en træning 20. november kl. 13.00.").ShouldBe("There is already a session on 20 November at 13:00.");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }

    private static async Task EnglishAsync(HttpClient client)
    {
        var token = (await client.GetDocumentAsync("/konto/log-ind")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var response = await client.PostAsync("/sprog", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "en",
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = token,
        }), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [GeneratedRegex(@"(?<![\d.,:])([01]\d|2[0-3])\.[0-5]\d(?![\d.,:])")]
    private static partial Regex DanishClock();
}
