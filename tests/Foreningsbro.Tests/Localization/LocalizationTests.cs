using System.Text.RegularExpressions;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Admin;
using Foreningsbro.Web.Features.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Foreningsbro.Tests.Localization;

public partial class LocalizationTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>Issue 13: a Danish message written with values is found by its template and written in English with the same values.</summary>
    [Theory]
    [InlineData("Forløbet »Sundere sammen« er fuldt: 12 af 12 pladser er optaget.", "The programme »Sundere sammen« is full: 12 of 12 places are taken.")]
    [InlineData("Forløbet slutter 1. dec. 2026. Vælg en startdato før det.", "The programme ends 1 Dec 2026. Choose a start date before that.")]
    [InlineData("Anna er registreret som fraværende. Markér Anna som mødt før check-in og check-ud.", "Anna is recorded as absent. Mark Anna as present before check-in and check-out.")]
    [InlineData("Der kan højst være 10 kontaktpersoner.", "There can be at most 10 contact persons.")]
    [InlineData("Et helt ukendt budskab med 12 tegn og »citat«.", null)]
    public void A_message_written_with_values_is_translated_by_its_template(string danish, string? english)
    {
        var filter = ActivatorUtilities.CreateInstance<Foreningsbro.Web.Infrastructure.TranslateMessagesFilter>(app.Services);
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.CurrentCulture = Foreningsbro.Web.Infrastructure.Localization.English;
            filter.Translate(danish).ShouldBe(english);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public async Task Without_a_choice_the_search_page_is_danish()
    {
        var doc = await app.CreateAnonymousClient().GetDocumentAsync("/hold");
        doc.DocumentElement.GetAttribute("lang").ShouldBe("da");
        doc.QuerySelector("h1")!.TextContent.ShouldBe("Find et hold");
        doc.QuerySelector("label[for=filter-place]")!.TextContent.ShouldBe("Sted");
    }

    [Fact]
    public async Task The_search_page_is_english_with_culture_in_the_query()
    {
        var doc = await app.CreateAnonymousClient().GetDocumentAsync("/hold?culture=en&q=stavgang");
        doc.DocumentElement.GetAttribute("lang").ShouldBe("en");
        doc.QuerySelector("h1")!.TextContent.ShouldBe("Find a team");
        doc.QuerySelector("label[for=filter-place]")!.TextContent.ShouldBe("Place");
        doc.QuerySelector("#filter-place-hint")!.TextContent.ShouldBe("Postcode or town.");
        doc.Body!.TextContent.ShouldContain("Show only");
        doc.Body.TextContent.ShouldNotContain("Vis kun");
    }

    [Fact]
    public async Task The_language_switch_sets_a_cookie_that_makes_the_login_page_english()
    {
        var client = app.CreateAnonymousClient();
        var login = await client.GetDocumentAsync("/konto/log-ind");
        login.QuerySelector("h1")!.TextContent.ShouldBe("Log ind");
        var token = login.QuerySelector("form[action='/sprog'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await client.PostAsync("/sprog", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "en",
            ["returnUrl"] = "/konto/log-ind",
            ["__RequestVerificationToken"] = token,
        }), TestContext.Current.CancellationToken);
        response.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith(".Foreningsbro.Culture=", StringComparison.Ordinal));

        var doc = await client.GetDocumentAsync("/konto/log-ind");
        doc.DocumentElement.GetAttribute("lang").ShouldBe("en");
        doc.QuerySelector("h1")!.TextContent.ShouldBe("Sign in");
        doc.QuerySelector("label[for=Input_Email]")!.TextContent.ShouldBe("Email");
        doc.QuerySelector("label[for=Input_Password]")!.TextContent.ShouldBe("Password");
        doc.QuerySelector("form[action='/sprog'] button")!.TextContent.ShouldBe("Dansk");
    }

    [Fact]
    public async Task A_team_page_in_english_shows_translated_values_and_the_price()
    {
        var client = app.CreateAnonymousClient();
        var id = await app.WithDb(db => db.Teams.Where(t => t.Status == TeamStatus.Active && t.PricePerSeason > 0).Select(t => t.Id).FirstAsync());
        var doc = await client.GetDocumentAsync($"/hold/{id}?culture=en");
        doc.DocumentElement.GetAttribute("lang").ShouldBe("en");
        doc.Body!.TextContent.ShouldContain("per season");
        doc.Body.TextContent.ShouldNotContain("kr. pr. sæson");
        doc.Body.TextContent.ShouldContain("Intensity");
    }

    [Fact]
    public void Every_literal_localizer_key_in_the_web_project_has_an_english_translation()
    {
        var web = Sources.WebProject;
        var translated = Sources.EnglishTranslations();
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
                                 && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            foreach (Match m in KeyPattern().Matches(File.ReadAllText(file)))
            {
                var key = Regex.Unescape(m.Groups["key"].Value);
                if (!translated.Contains(key))
                {
                    missing.Add($"{Path.GetRelativePath(web, file)}: {key}");
                }
            }
        }

        missing.ShouldBeEmpty("Add these to Resources/SharedResource.en.resx (scripts/localization-keys.py lists them too)");
        translated.Count.ShouldBeGreaterThan(400);
    }

    [Fact]
    public void Texts_that_reach_the_localizer_through_a_variable_have_english_translations()
    {
        var translated = Sources.EnglishTranslations();
        IEnumerable<string> keys =
        [
            // The enums' own labels (Data/Labels) are checked member by member in Data/LabelsTests.
            .. Enum.GetValues<Foreningsbro.Web.Features.Catalogue.TimeOfDay>().Select(CatalogueText.TimeOfDay),
            EditTeamModel.StaleMessage, EditClubModel.StaleMessage, EditVenueModel.StaleMessage, Foreningsbro.Web.Features.ClubContact.ContactPersonsModel.StaleMessage,
            // The text rule's messages (Infrastructure/TextInput), shown through a variable on the citizen search.
            Foreningsbro.Web.Infrastructure.TextInput.ControlMessage, Foreningsbro.Web.Infrastructure.TextInput.LineBreakMessage,
            Foreningsbro.Web.Infrastructure.TextInput.InvisibleMessage, Foreningsbro.Web.Infrastructure.TextInput.BidiMessage,
        ];
        keys.Where(k => !translated.Contains(k)).ShouldBeEmpty();
    }

    // The same extraction as scripts/localization-keys.py: L["..."] / l["..."], GetString("..."),
    // and the DataAnnotations texts, which AddDataAnnotationsLocalization looks up in SharedResource.
    [GeneratedRegex(@"(?:\b[Ll]\[\s*|\.GetString\(\s*|\bErrorMessage\s*=\s*|\bDisplay\(\s*Name\s*=\s*)""(?<key>(?:[^""\\\n]|\\.)*)""")]
    private static partial Regex KeyPattern();
}
