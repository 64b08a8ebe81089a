using System.Data.Common;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Tests.Programmes;
using Foreningsbro.Tests.Security;
using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;
using static Foreningsbro.Tests.Security.AuthorizationMatrixTests;

namespace Foreningsbro.Tests.Localization;

/// <summary>
/// English mode translates every text a user sees: every page of the app (the routes of the endpoint
/// inventory, on the demo data of the authorization matrix) is rendered in English as each persona who
/// may see it, and the visible text (and aria-label, title, placeholder, alt) must hold no Danish word.
/// What users typed stays in their language: every text stored in the database is taken out first —
/// except the access log's view names, which the app writes and must translate. Elements marked
/// lang="da" (the "Dansk" language switch) are Danish on purpose.
/// </summary>
public partial class EnglishPagesTests : IClassFixture<AppFactory>
{
    private readonly AppFactory app;

    public EnglishPagesTests(AppFactory app)
    {
        this.app = app;
        // A training day, so the instructor's page shows check-in and check-out and the kiosk can start.
        app.MoveToTuesday();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Words that are Danish and not English: the interface's own words, weekdays, months, and the small words of a Danish sentence.</summary>
    private static readonly HashSet<string> DanishWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "og", "ikke", "med", "til", "fra", "af", "er", "det", "den", "der", "som", "har", "kan", "skal", "ved", "eller", "hvis", "hvor", "alle",
        "ingen", "intet", "nye", "vis", "gem", "tilbage", "borger", "borgere", "borgeren", "hold", "holdet", "forening", "foreningen", "henvisning",
        "henvist", "tilmeldt", "afsluttet", "aktiv", "aktivt", "sendt", "venter", "fejlet", "annulleret", "alene", "makker", "samtale", "opgaver",
        "deltagere", "deltager", "uge", "uger", "dage", "dag", "mdr", "kl", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "januar", "februar",
        "marts", "maj", "juni", "juli", "oktober", "tir", "ons", "tor", "fre", "aften", "formiddag", "eftermiddag", "andet", "ugentlig",
        "mundtligt", "skriftligt", "samtykke", "telefon", "afbud", "udeblevet", "emne", "aflyst", "fremmøde", "bemærkning", "noter", "kommune",
        "ja", "nej", "hvem", "hvornår", "hvad", "vælg", "ret", "slet", "opret", "søg", "mine", "vores", "besked", "beskeder", "udbakke",
    };

    /// <summary>Names that stay Danish in English: the design system, the two practices and the authorities one may complain to.</summary>
    private static readonly string[] ProperNames =
        ["Det Fælles Designsystem", "Kom og vær med", "Sundere sammen", "Datatilsynet", "Digitaliseringsstyrelsen", "Foreningsbro"];

    [Fact]
    public async Task Every_page_in_english_shows_no_danish_words_to_any_persona()
    {
        var inventory = await EndpointInventory.LoadAsync(app.Services);
        var ids = await SubjectsAsync(app);
        var data = await StoredTextsAsync();
        var clients = new Dictionary<string, HttpClient>();
        var problems = new List<string>();
        var rendered = 0;
        var pages = inventory.Where(e => e.IsPage && e.Method == "GET" && e.Handler is null && !e.Route.StartsWith("/kiosk", StringComparison.Ordinal) && e.Route != "/fejl");
        foreach (var entry in pages)
        {
            var (context, url) = Subjects.TryGetValue(entry.Route, out var subject) ? (subject.Context, subject.Url(ids)) : (Context.General, entry.Route);
            foreach (var persona in new[] { Persona.Anonymous, Persona.Coordinator, Persona.ProfOwn, Persona.ClubOwn, Persona.InstrOwn })
            {
                var user = UserFor(persona, context) ?? "";
                if (!clients.TryGetValue(user, out var client))
                {
                    client = clients[user] = await EnglishClientAsync(user.Length == 0 ? app.CreateAnonymousClient() : await app.CreateClientAs(user));
                }

                var response = await client.GetAsync(url, Ct);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    continue;
                }

                rendered++;
                problems.AddRange(DanishIn(await response.ReadDocumentAsync(), data).Select(w => $"{url} as {Columns[(int)persona]}: {w}"));
            }
        }

        // The kiosk on the shared tablet (which has no language switch: ?culture=), and the error page.
        var (tablet, _) = await KioskTests.StartKioskAsync(app);
        var per = await app.EnrolmentId(AttendanceSetup.Sundere, "Per");
        foreach (var url in new[] { "/kiosk", $"/kiosk/deltager/{per}", "/kiosk/afslut" })
        {
            var doc = await tablet.GetDocumentAsync(url + "?culture=en");
            rendered++;
            problems.AddRange(DanishIn(doc, data).Select(w => $"{url} (kiosk): {w}"));
        }

        var notFound = await clients[DemoUsers.Coordinator].GetAsync("/borgere/987654", Ct);
        notFound.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        problems.AddRange(DanishIn(await notFound.ReadDocumentAsync(), data).Select(w => $"/borgere/987654 (404): {w}"));

        rendered.ShouldBeGreaterThan(80);
        problems = [.. problems.Distinct()];
        if (problems.Count > 0)
        {
            Assert.Fail($"{problems.Count} Danish text(s) in English mode:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        }
    }

    [Fact]
    public void The_word_check_finds_danish_in_a_page()
    {
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(
            "<html><body><p>Attendance tirsdag 17. nov.</p><p title=\"Gem ændringer\">Save</p><span lang=\"da\">Dansk</span><p>Stavgang for alle</p><p>Tuesday at 10.00–11:30, 12.5 %</p></body></html>");
        DanishIn(doc, ["Stavgang for alle"]).ShouldBe(["\"tirsdag\" in \"Attendance tirsdag 17. nov.\"", "\"Gem\" in \"Gem ændringer\"", "\"ændringer\" in \"Gem ændringer\"", "\"10.00\" (a Danish clock time) in \"Tuesday at 10.00–11:30, 12.5 %\""]);
    }

    [Fact]
    public void Every_message_written_in_code_has_an_english_translation()
    {
        // Messages that reach the page through ModelState, an Outcome or TempData: the localizer looks them
        // up by their Danish text (Infrastructure/Localization.cs), so each literal needs an entry; so do the
        // suggestion reasons, the access log's view names and the task texts.
        var translated = Sources.EnglishTranslations();
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Sources.WebProject, "Features"), "*.cs", SearchOption.AllDirectories)
                     .Append(Path.Combine(Sources.WebProject, "Infrastructure", "ApiInput.cs")).Append(Path.Combine(Sources.WebProject, "Infrastructure", "Forms.cs")))
        {
            var source = File.ReadAllText(file);
            foreach (var pattern in MessagePatterns)
            {
                foreach (Match statement in pattern.Matches(source))
                {
                    // Interpolated texts ($"…") are left out; a literal without a space is a field's key ("Input.Text").
                    foreach (Match literal in Literal().Matches(Interpolated().Replace(statement.Groups["m"].Value, "")))
                    {
                        var key = Regex.Unescape(literal.Groups["key"].Value);
                        if (key.Contains(' ', StringComparison.Ordinal) && !translated.Contains(key))
                        {
                            missing.Add($"{Path.GetFileName(file)}: {key}");
                        }
                    }
                }
            }
        }

        missing.Distinct().ShouldBeEmpty();
    }

    [Fact]
    public async Task Messages_written_in_code_reach_the_page_in_english()
    {
        var ids = await SubjectsAsync(app);
        var professional = await EnglishClientAsync(await app.CreateClientAs(DemoUsers.Professional));
        var conversation = $"/borgere/{ids.Citizen}/samtale";
        var refused = await professional.PostFormAsync(conversation, (await professional.GetDocumentAsync(conversation)).FormValues(), new() { ["Input.Motivation"] = "" });
        (await refused.ReadDocumentAsync()).QuerySelector("#error-summary")!.TextContent.ShouldContain("Choose the citizen's motivation from 1 to 5.");

        var health = await EnglishClientAsync(await app.CreateClientAs(DemoUsers.HealthProfessional));
        var enrol = $"/borgere/{ids.EnrolCitizen}/forloeb/{ids.Programme}";
        var enrolled = await health.PostFormAsync(enrol, (await health.GetDocumentAsync(enrol)).FormValues());
        enrolled.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await health.GetDocumentAsync(enrolled.Headers.Location!.ToString());
        page.QuerySelector("main [role=status]")!.TextContent.Trim().ShouldBe("Frank Olsen is enrolled in \"Livsstilsholdet\".");
    }

    private static readonly Regex[] MessagePatterns =
    [
        new(@"AddModelError\((?<m>[^;]*)\);"),
        new(@"TempData(?:\.SetMessage\(|\[""Message""\] =)(?<m>[^;]*);"),
        new(@"Outcome\.\w+\((?<m>[^;]*)\);"),
        new(@"reasons\.Add\(new\((?<m>""[^""]*"")"),
        new(@"WriteViewAsync\((?<m>[^;]*)\);"),
        new(@"const string \w*Message\w* = (?<m>""[^""]*"");"),
        new(@"TaskKind\.\w+ => (?<m>""[^""]*"")"),
        new(@"FunnelGrouping\.\w+ => (?<m>""[^""]*"")"),
    ];

    [GeneratedRegex(@"\$""(?:\{[^{}]*\}|[^""{])*""")]
    private static partial Regex Interpolated();

    [GeneratedRegex(@"""(?<key>(?:[^""\\\n]|\\.)*)""")]
    private static partial Regex Literal();

    private static async Task<HttpClient> EnglishClientAsync(HttpClient client)
    {
        var token = (await client.GetDocumentAsync("/konto/log-ind")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var response = await client.PostAsync("/sprog", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "en",
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = token,
        }), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    /// <summary>The Danish words in what a user sees of the page, each with the text it stands in.</summary>
    private static List<string> DanishIn(IDocument doc, IReadOnlyCollection<string> data)
    {
        foreach (var skip in doc.QuerySelectorAll("script, style, [lang=da], template").ToList())
        {
            skip.Remove();
        }

        var texts = new List<string>();
        texts.Add(doc.Title ?? "");
        foreach (var element in doc.All)
        {
            foreach (var attribute in new[] { "aria-label", "title", "placeholder", "alt", "data-title" })
            {
                if (element.GetAttribute(attribute) is { Length: > 0 } value)
                {
                    texts.Add(value);
                }
            }

            foreach (var node in element.ChildNodes.OfType<IText>())
            {
                texts.Add(node.Data);
            }
        }

        var found = new List<string>();
        foreach (var raw in texts)
        {
            // Addresses shown as text (the leaflet's link, the API's) are not words.
            var text = Url().Replace(Normalise(raw), " ");
            foreach (var d in data.Concat(ProperNames))
            {
                text = text.Replace(d, " ", StringComparison.Ordinal);
            }

            // Issue 13: a clock time the Danish way ("10.00") in an English page.
            foreach (Match clock in DanishClock().Matches(text))
            {
                found.Add($"\"{clock.Value}\" (a Danish clock time) in \"{Normalise(raw)}\"");
            }

            foreach (Match word in Word().Matches(text))
            {
                var w = word.Value;
                if (w.IndexOfAny(['æ', 'ø', 'å', 'Æ', 'Ø', 'Å']) >= 0 || DanishWords.Contains(w))
                {
                    found.Add($"\"{w}\" in \"{Normalise(raw)}\"");
                }
            }
        }

        return found;
    }

    private static string Normalise(string s) => Spaces().Replace(s, " ").Trim();

    /// <summary>Every text stored in the database (what users typed, the demo data), longest first, bar the access log's view names.</summary>
    private async Task<List<string>> StoredTextsAsync() => await app.WithDb(async db =>
    {
        var texts = new HashSet<string>(StringComparer.Ordinal);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            var table = entity.GetTableName()!;
            foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(string)))
            {
                if (entity.ClrType == typeof(AccessLogEntry) && property.Name == nameof(AccessLogEntry.View))
                {
                    continue;
                }

                await using DbCommand command = connection.CreateCommand();
                command.CommandText = $"SELECT DISTINCT \"{property.GetColumnName()}\" FROM \"{table}\"";
                await using var reader = await command.ExecuteReaderAsync(Ct);
                while (await reader.ReadAsync(Ct))
                {
                    if (!reader.IsDBNull(0) && Normalise(reader.GetString(0)) is { Length: >= 3 } value)
                    {
                        texts.Add(value);
                        // Multi-line texts are shown line by line or with the breaks collapsed; take each line too.
                        texts.UnionWith(reader.GetString(0).Split('\n').Select(Normalise).Where(l => l.Length >= 3));
                    }
                }
            }
        }

        return texts.OrderByDescending(t => t.Length).ToList();
    });

    [GeneratedRegex(@"(?<![\d.,:])([01]\d|2[0-3])\.[0-5]\d(?![\d.,:])")]
    private static partial Regex DanishClock();

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();

    [GeneratedRegex(@"(https?://|/)[^\s]*")]
    private static partial Regex Url();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
