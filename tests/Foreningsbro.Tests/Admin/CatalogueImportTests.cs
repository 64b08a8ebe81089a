using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Admin.Export;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Admin;

/// <summary>
/// The coordinator's import of clubs, venues and teams from CSV or Excel (/administration/hold/import): the preview
/// names every bad row and column and saves nothing, the import saves all rows in the own municipality, and the
/// same file twice (or the export read back) changes nothing.
/// </summary>
public class CatalogueImportTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Page = "/administration/hold/import";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<string> ActivityName() => app.WithDb(db => db.Activities.Where(a => !a.Archived).OrderBy(a => a.Id).Select(a => a.Name).FirstAsync(Ct));

    private Task<string> TargetGroupName() => app.WithDb(db => db.TargetGroups.Where(a => !a.Archived).OrderBy(a => a.Id).Select(a => a.Name).FirstAsync(Ct));

    private Task<int> TeamCount(string title) => app.WithDb(db => db.Teams.CountAsync(t => t.Title == title, Ct));

    private static byte[] Csv(params Dictionary<string, string>[] rows)
    {
        var text = new StringBuilder(string.Join(';', CatalogueExport.Columns)).Append("\r\n");
        foreach (var row in rows)
        {
            text.Append(string.Join(';', CatalogueExport.Columns.Select(c => CatalogueExport.CsvCell(row.GetValueOrDefault(c, ""))))).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private async Task<Dictionary<string, string>> Row(string title, string club = "Importforeningen") => new()
    {
        ["Forening"] = club,
        ["CVR"] = "12345678",
        ["Hold"] = title,
        ["Status"] = "Aktivt",
        ["Aktivitet"] = await ActivityName(),
        ["Intensitet"] = "Let",
        ["Målgrupper"] = await TargetGroupName(),
        ["Kom og vær med"] = "ja",
        ["Alder fra"] = "60",
        ["Alder til"] = "90",
        ["Pris pr. sæson"] = "300,50",
        ["Sted"] = "Importhallen " + club,
        ["Adresse"] = "Importvej 1",
        ["Postnummer"] = "2630",
        ["By"] = "Taastrup",
        ["Tider"] = "tirsdag 10:00-11:00; torsdag 17:00-18:30",
        ["Sæson fra"] = "2026-08-15",
        ["Sæson til"] = "2027-06-15",
        ["Pauser"] = "Juleferie 2026-12-21-2027-01-03",
        ["Kontaktperson"] = "Anna Jensen",
        ["Telefon"] = "12 34 56 78",
        ["E-mail"] = "anna@import.dk",
        ["Beskrivelse"] = "=1+1 er en formel, der aldrig regnes ud",
        ["Første gang"] = "Mød op ved indgangen.",
    };

    private static async Task<HttpResponseMessage> Upload(HttpClient client, byte[] bytes, string fileName)
    {
        var form = await client.GetFormAsync(Page, "#upload-form");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(form["__RequestVerificationToken"]), "__RequestVerificationToken");
        content.Add(new ByteArrayContent(bytes), "file", fileName);
        return await client.PostAsync(Page + "?handler=Preview", content, Ct);
    }

    private static async Task<IHtmlDocument> Preview(HttpClient client, byte[] bytes, string fileName = "hold.csv")
    {
        var response = await Upload(client, bytes, fileName);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return await response.ReadDocumentAsync();
    }

    private static async Task<IHtmlDocument> Confirm(HttpClient client, IHtmlDocument preview)
    {
        var response = await client.PostFormAsync(Page + "?handler=Import", preview.FormValues("#import-form"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.ReadDocumentAsync();
    }

    private static string Result(IHtmlDocument doc) => doc.QuerySelector("#import-result .alert-text")?.TextContent.Trim() ?? "(no result)";

    private static List<(string Line, string Field, string Message)> Problems(IHtmlDocument doc) =>
        [.. doc.QuerySelectorAll("#problems tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).Select(c => (c[0], c[1], c[2]))];

    [Fact]
    public async Task A_good_file_is_previewed_without_saving_then_imported_and_the_same_file_again_changes_nothing()
    {
        var coordinator = await app.CreateCoordinatorClient();
        var file = Csv(await Row("Importhold A"), await Row("Importhold B"));

        var preview = await Preview(coordinator, file);
        Problems(preview).ShouldBeEmpty();
        preview.QuerySelectorAll("#rows tbody tr").Select(r => r.QuerySelectorAll("td")[4].TextContent.Trim()).ShouldBe(["Nyt hold", "Nyt hold"]);
        (await TeamCount("Importhold A")).ShouldBe(0, "the preview saves nothing");

        var done = await Confirm(coordinator, preview);
        Result(done).ShouldBe("2 nye hold, 0 opdaterede, 0 uændrede; 1 nye foreninger og 1 nye steder.");
        var team = await app.WithDb(db => db.Teams.AsNoTracking().Include(t => t.Club).ThenInclude(c => c.Municipality).Include(t => t.Venue)
            .Include(t => t.Schedules).Include(t => t.Breaks).Include(t => t.TargetGroups).SingleAsync(t => t.Title == "Importhold A", Ct));
        team.Club.Name.ShouldBe("Importforeningen");
        team.Club.Cvr.ShouldBe("12345678");
        team.Club.Municipality.Code.ShouldBe(169, "the coordinator's own municipality");
        team.Venue.Address.ShouldBe("Importvej 1");
        team.Venue.MunicipalityId.ShouldBe(team.Club.MunicipalityId);
        team.PricePerSeason.ShouldBe(300.50m);
        team.LowThreshold.ShouldBeTrue();
        team.Description.ShouldBe("=1+1 er en formel, der aldrig regnes ud", "the export's apostrophe is taken off; the text is stored, never evaluated");
        CatalogueExport.Times(team.Schedules).ShouldBe("tirsdag 10:00-11:00; torsdag 17:00-18:30");
        team.Breaks.ShouldHaveSingleItem().Name.ShouldBe("Juleferie");
        team.TargetGroups.ShouldHaveSingleItem().Name.ShouldBe(await TargetGroupName());
        team.SearchText.ShouldContain("importforeningen");
        var updatedAt = team.UpdatedAtUtc;

        // The same file again: found by club and title, nothing changes (not even the updated time).
        var again = await Preview(coordinator, file);
        again.QuerySelectorAll("#rows tbody tr").Select(r => r.QuerySelectorAll("td")[4].TextContent.Trim()).ShouldBe(["Opdaterer hold", "Opdaterer hold"]);
        Result(await Confirm(coordinator, again)).ShouldBe("0 nye hold, 0 opdaterede, 2 uændrede; 0 nye foreninger og 0 nye steder.");
        (await TeamCount("Importhold A")).ShouldBe(1);
        (await app.WithDb(db => db.Teams.Where(t => t.Title == "Importhold A").Select(t => t.UpdatedAtUtc).SingleAsync(Ct))).ShouldBe(updatedAt);

        // A changed cell updates that team only.
        var changed = await Row("Importhold A");
        changed["Pris pr. sæson"] = "400";
        Result(await Confirm(coordinator, await Preview(coordinator, Csv(changed, await Row("Importhold B")))))
            .ShouldBe("0 nye hold, 1 opdaterede, 1 uændrede; 0 nye foreninger og 0 nye steder.");
        (await app.WithDb(db => db.Teams.Where(t => t.Title == "Importhold A").Select(t => t.PricePerSeason).SingleAsync(Ct))).ShouldBe(400m);
    }

    [Fact]
    public async Task A_double_submitted_import_makes_each_team_once()
    {
        var coordinator = await app.CreateCoordinatorClient();
        var preview = await Preview(coordinator, Csv(await Row("Dobbeltklik-hold", "Dobbeltklik-forening")));
        var form = preview.FormValues("#import-form");
        var answers = await Task.WhenAll(
            coordinator.PostFormAsync(Page + "?handler=Import", form),
            coordinator.PostFormAsync(Page + "?handler=Import", form));
        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.OK);
        (await TeamCount("Dobbeltklik-hold")).ShouldBe(1);
        (await app.WithDb(db => db.Clubs.CountAsync(c => c.Name == "Dobbeltklik-forening", Ct))).ShouldBe(1);

        // And a third click after both: nothing new.
        var third = await (await coordinator.PostFormAsync(Page + "?handler=Import", form)).ReadDocumentAsync();
        Result(third).ShouldBe("0 nye hold, 0 opdaterede, 1 uændrede; 0 nye foreninger og 0 nye steder.");
    }

    [Fact]
    public async Task Bad_rows_are_named_by_line_and_column_in_Danish_and_nothing_is_saved()
    {
        var coordinator = await app.CreateCoordinatorClient();
        var unknownActivity = await Row("Fejlhold 1");
        unknownActivity["Aktivitet"] = "Undervandsrugby";
        var badTimes = await Row("Fejlhold 2");
        badTimes["Tider"] = "blursdag 10:00-11:00; tirsdag 25:00-26:00";
        var badPostal = await Row("Fejlhold 3");
        badPostal["Postnummer"] = "12345";
        badPostal["E-mail"] = "ikke en adresse";
        var duplicate = await Row("Fejlhold 4");
        var good = await Row("Godt hold i en dårlig fil");

        var preview = await Preview(coordinator, Csv(unknownActivity, badTimes, badPostal, duplicate, good, duplicate));
        var problems = Problems(preview);
        problems.ShouldContain(p => p.Line == "2" && p.Field == "Aktivitet" && p.Message.StartsWith("Aktiviteten «Undervandsrugby» findes ikke", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Line == "3" && p.Field == "Tider" && p.Message.StartsWith("«blursdag 10:00-11:00» kan ikke læses", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Line == "3" && p.Field == "Tider" && p.Message.StartsWith("«tirsdag 25:00-26:00» kan ikke læses", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Line == "4" && p.Field == "Postnummer" && p.Message == "Skriv et dansk postnummer med 4 cifre (1000-9999).");
        problems.ShouldContain(p => p.Line == "4" && p.Field == "E-mail");
        problems.ShouldContain(p => p.Line == "7" && p.Field == "Hold" && p.Message == "Holdet «Fejlhold 4» i «Importforeningen» står også i linje 5.");
        problems.Count.ShouldBe(6);
        preview.QuerySelector("#import-problems")!.TextContent.ShouldContain("6 fejl i filen");
        preview.QuerySelector("#import-form").ShouldBeNull("a file with errors cannot be imported");

        // Posting the import anyway (a hand-made form) saves nothing either: the file is checked again.
        var forged = preview.FormValues("#upload-form");
        forged["FileData"] = Convert.ToBase64String(Csv(unknownActivity, good));
        forged["FileName"] = "hold.csv";
        var answer = await (await coordinator.PostFormAsync(Page + "?handler=Import", forged)).ReadDocumentAsync();
        Problems(answer).ShouldHaveSingleItem().Field.ShouldBe("Aktivitet");
        (await TeamCount("Godt hold i en dårlig fil")).ShouldBe(0, "all or nothing");
    }

    [Fact]
    public async Task Files_that_cannot_be_read_are_refused_clearly_and_Latin1_is_read_with_a_notice()
    {
        var coordinator = await app.CreateCoordinatorClient();
        async Task<string?> FileError(byte[] bytes, string name) =>
            (await Preview(coordinator, bytes, name)).QuerySelector("#upload-form .form-error-message")?.TextContent.Trim();

        (await FileError("%PDF-1.4"u8.ToArray(), "hold.pdf")).ShouldBe("Vælg en CSV-fil (.csv) eller en Excel-fil (.xlsx).");
        (await FileError("Forening;Hold\r\nA;B\r\n"u8.ToArray(), "hold.xlsx")).ShouldBe("Filen hedder .xlsx, men er ikke en Excel-fil.");
        (await FileError("Forening;Hold\r\nA;B\r\n"u8.ToArray(), "hold.csv"))!.ShouldStartWith("Filen mangler kolonnerne Aktivitet, Intensitet, Sted, Postnummer, By");
        (await FileError(Encoding.UTF8.GetBytes(string.Join(';', CatalogueExport.Columns) + "\r\n;;\r\n"), "hold.csv")).ShouldBe("Filen har ingen rækker under overskriften.");
        (await FileError(new byte[CatalogueImportMax + 1], "hold.csv"))!.ShouldStartWith("Filen er for stor");

        var latin = await Row("Sæsonhold på Østervej");
        var text = Encoding.UTF8.GetString(Csv(latin));
        var preview = await Preview(coordinator, Encoding.Latin1.GetBytes(text), "hold.csv");
        preview.QuerySelector(".alert-warning")!.TextContent.ShouldContain("læst som Windows/Latin-1");
        preview.QuerySelector("#rows tbody tr td:nth-child(3)")!.TextContent.ShouldBe("Sæsonhold på Østervej");

        // A 10 MB body is stopped while the form is read (400, the error page), never a 500.
        var huge = await Upload(coordinator, new byte[10 * 1024 * 1024], "hold.csv");
        huge.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private const int CatalogueImportMax = Web.Features.Admin.Import.CatalogueImport.MaxBytes;

    [Fact]
    public async Task The_export_read_back_changes_nothing_both_as_CSV_and_as_Excel()
    {
        var coordinator = await app.CreateCoordinatorClient();
        var before = await app.WithDb(db => db.Teams.CountAsync(Ct));
        foreach (var (url, name) in new[] { ("/administration/hold/eksport.csv", "eksport.csv"), ("/administration/hold/eksport.xlsx", "eksport.xlsx") })
        {
            var export = await coordinator.GetByteArrayAsync(url, Ct);
            var preview = await Preview(coordinator, export, name);
            Problems(preview).ShouldBeEmpty(name);
            var result = Result(await Confirm(coordinator, preview));
            result.ShouldStartWith("0 nye hold, 0 opdaterede, ", Case.Sensitive, name);
            result.ShouldEndWith("; 0 nye foreninger og 0 nye steder.", Case.Sensitive, name);
        }

        (await app.WithDb(db => db.Teams.CountAsync(Ct))).ShouldBe(before);
    }

    [Fact]
    public async Task Another_municipality_is_untouched_and_other_roles_cannot_import()
    {
        var coordinator = await app.CreateCoordinatorClient();
        var furesoeTeam = await app.WithDb(db => db.Teams.AsNoTracking().Include(t => t.Club).Where(t => t.Club.Municipality.Code != 169).OrderBy(t => t.Id).FirstAsync(Ct));

        // A Hold-id of Furesø's team is not one of Høje-Taastrup's.
        var foreign = await Row(furesoeTeam.Title, furesoeTeam.Club.Name);
        foreign["Hold-id"] = furesoeTeam.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var problems = Problems(await Preview(coordinator, Csv(foreign)));
        problems.ShouldHaveSingleItem().ShouldBe(("2", "Hold-id", $"Hold-id {furesoeTeam.Id} er ikke et af kommunens hold. Tøm feltet for at oprette holdet."));

        // Without the id, the same club name and title make a new club and team in Høje-Taastrup; Furesø's stay as they were.
        foreign["Hold-id"] = "";
        var furesoeClubs = await app.WithDb(db => db.Clubs.CountAsync(c => c.MunicipalityId == furesoeTeam.Club.MunicipalityId, Ct));
        Result(await Confirm(coordinator, await Preview(coordinator, Csv(foreign)))).ShouldStartWith("1 nye hold, 0 opdaterede, 0 uændrede; 1 nye foreninger");
        var after = await app.WithDb(db => db.Teams.AsNoTracking().SingleAsync(t => t.Id == furesoeTeam.Id, Ct));
        after.Version.ShouldBe(furesoeTeam.Version);
        after.Description.ShouldBe(furesoeTeam.Description);
        (await app.WithDb(db => db.Clubs.CountAsync(c => c.MunicipalityId == furesoeTeam.Club.MunicipalityId, Ct))).ShouldBe(furesoeClubs);

        // Club contacts and professionals do not reach the page, nor its handlers.
        foreach (var email in new[] { DemoUsers.ClubContact, DemoUsers.Professional })
        {
            var client = await app.CreateClientAs(email);
            var page = await client.GetAsync(Page, Ct);
            page.StatusCode.ShouldNotBe(HttpStatusCode.OK, email);
            var template = await client.GetAsync(Page + "?handler=Template", Ct);
            template.Content.Headers.ContentType?.MediaType.ShouldNotBe("text/csv", email);
        }

        (await app.CreateAnonymousClient().GetAsync(Page, Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task The_template_has_the_export_columns_and_its_example_row_checks()
    {
        var coordinator = await app.CreateCoordinatorClient();
        var response = await coordinator.GetAsync(Page + "?handler=Template", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(Ct)).TrimStart('\uFEFF');
        text.Split("\r\n")[0].ShouldBe(string.Join(';', CatalogueExport.Columns));
    }
}
