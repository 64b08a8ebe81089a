using System.IO.Compression;
using System.Net;
using System.Text;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Features.Admin.Export;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Foreningsbro.Tests.Admin;

/// <summary>The coordinator's export of their municipality's teams as CSV and Excel.</summary>
public class CatalogueExportTests(CatalogueExportTests.Factory app) : IClassFixture<CatalogueExportTests.Factory>
{
    public sealed class Factory : AppFactory
    {
        public const string Formula = "=HYPERLINK(\"http://evil.example\";\"Klik\")";

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            await WithDb(async db =>
            {
                var team = await db.Teams.Where(t => t.Club.Municipality.Code == 169).OrderBy(t => t.Id).FirstAsync();
                team.Description = Formula;
                team.FirstTime = "@SUM(1;2) og \"citat\"; med semikolon\nog linjeskift";
                team.ContactName = "-2+3";
                await db.SaveChangesAsync();
            });
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<List<string>> OwnTitles(int code) => app.WithDb(db => db.Teams.AsNoTracking()
        .Where(t => t.Club.Municipality.Code == code).Select(t => t.Title).ToListAsync(Ct));

    /// <summary>A small RFC 4180 reader for the test, independent of the writer.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { cell.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ';') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { row.Add(cell.ToString()); cell.Clear(); rows.Add(row); row = []; i++; }
            else { cell.Append(c); }
        }

        return rows;
    }

    [Fact]
    public async Task The_csv_has_the_municipalitys_teams_and_no_cell_a_spreadsheet_would_run_as_a_formula()
    {
        var client = await app.CreateCoordinatorClient();
        var response = await client.GetAsync("/administration/hold/eksport.csv", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileName!.ShouldContain("foreningsbro-hold.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }, "a BOM, so Excel reads æøå as UTF-8");
        var rows = ParseCsv(Encoding.UTF8.GetString(bytes[3..]));
        rows[0].ShouldBe(CatalogueExport.Columns);
        var body = rows.Skip(1).ToList();
        body.Select(r => r[3]).Order().ShouldBe((await OwnTitles(169)).Order(), "Høje-Taastrup's teams, not Furesø's");
        body.ShouldAllBe(r => r.Count == CatalogueExport.Columns.Length);
        var cells = body.SelectMany(r => r).ToList();
        cells.ShouldContain("'" + Factory.Formula);
        cells.ShouldContain("'@SUM(1;2) og \"citat\"; med semikolon\nog linjeskift");
        cells.ShouldContain("'-2+3");
        cells.ShouldNotContain(c => c.Length > 0 && "=+-@".Contains(c[0]), "every cell starting with = + - @ is escaped");
        body.Select(r => r[17]).ShouldContain(t => t.Contains(':') && t.Contains('-'), "weekly times like 'tirsdag 10:00-11:00'");
    }

    [Fact]
    public async Task The_workbook_has_the_same_rows_and_holds_text_never_a_formula()
    {
        var client = await app.CreateCoordinatorClient();
        var response = await client.GetAsync("/administration/hold/eksport.xlsx", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        using var stream = new MemoryStream(bytes);
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        rows.Select(r => (string)r["Hold"]!).Order().ShouldBe((await OwnTitles(169)).Order());
        rows.Select(r => r["Beskrivelse"] as string).ShouldContain(Factory.Formula, "the text as written, as text");

        using var zip = new ZipArchive(new MemoryStream(bytes));
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            var xml = await reader.ReadToEndAsync(Ct);
            xml.ShouldNotContain("<f>");
            xml.ShouldNotContain("<x:f>");
        }
    }

    [Fact]
    public async Task Another_municipalitys_coordinator_gets_their_own_teams_and_others_may_not_export()
    {
        var furesoe = await app.CreateClientAs(DemoUsers.FuresoeCoordinator);
        var text = await furesoe.GetStringAsync("/administration/hold/eksport.csv", Ct);
        var titles = ParseCsv(text.TrimStart('\uFEFF')).Skip(1).Select(r => r[3]).Order().ToList();
        titles.ShouldBe((await OwnTitles(190)).Order());

        var clubContact = await app.CreateClubContactClient();
        var denied = await clubContact.GetAsync("/administration/hold/eksport.xlsx", Ct);
        denied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        denied.Headers.Location!.ToString().ShouldContain("/konto/ingen-adgang");
        var anonymous = await app.CreateAnonymousClient().GetAsync("/administration/hold/eksport.csv", Ct);
        anonymous.Headers.Location!.ToString().ShouldContain("/konto/log-ind");
    }
}
