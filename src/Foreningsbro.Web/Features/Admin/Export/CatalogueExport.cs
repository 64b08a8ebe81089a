using System.Globalization;
using System.Text;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue;
using Foreningsbro.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Foreningsbro.Web.Features.Admin.Export;

/// <summary>
/// "Eksportér kataloget": the coordinator's own municipality's teams, one row each with club, venue and
/// weekly times, as CSV (semicolon-separated and with a byte-order mark, as Danish Excel opens it) or as
/// an Excel workbook. A cell that begins with = + - @ (or a tab or carriage return) is written with a
/// leading apostrophe in the CSV, so a spreadsheet never runs a club's text as a formula; the workbook
/// holds every value as text or number, never as a formula.
/// </summary>
public static class CatalogueExport
{
    public static readonly string[] Columns =
    [
        "Hold-id", "Forening", "CVR", "Hold", "Status", "Aktivitet", "Intensitet", "Målgrupper", "Kom og vær med",
        "Alder fra", "Alder til", "Pris pr. sæson", "Kontingentstøtte mulig", "Sted", "Adresse", "Postnummer", "By",
        "Tider", "Sæson fra", "Sæson til", "Pauser", "Kontaktperson", "Telefon", "E-mail", "Beskrivelse",
        "Første gang", "Sidst bekræftet",
    ];

    public static void MapCatalogueExport(this WebApplication app)
    {
        var group = app.MapGroup("/administration/hold").RequireAuthorization(Policies.Coordinator).ExcludeFromDescription();
        group.MapGet("/eksport.csv", Csv).WithName("ExportCatalogueCsv");
        group.MapGet("/eksport.xlsx", Excel).WithName("ExportCatalogueExcel");
    }

    private static string Time(TimeOnly t) => t.ToString("HH':'mm", CultureInfo.InvariantCulture);

    private static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>"tirsdag 10:00-11:00; torsdag 17:00-18:30": the form the import reads back.</summary>
    public static string Times(IEnumerable<TeamSchedule> schedules) =>
        string.Join("; ", schedules.OrderBy(s => ((int)s.Weekday + 6) % 7).ThenBy(s => s.Start).Select(s => $"{s.Weekday.Danish()} {Time(s.Start)}-{Time(s.End)}"));

    public static async Task<List<object?[]>> RowsAsync(AppDbContext db, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        var teams = await db.Teams.AsNoTracking().EditableBy(user)
            .Include(t => t.Club).Include(t => t.Venue).Include(t => t.Activity).Include(t => t.TargetGroups)
            .Include(t => t.Schedules).Include(t => t.Breaks)
            .AsSplitQuery()
            .OrderBy(t => t.Club.Name).ThenBy(t => t.Title).ThenBy(t => t.Id)
            .ToListAsync(ct);
        return [.. teams.Select(t => new object?[]
        {
            t.Id, t.Club.Name, t.Club.Cvr, t.Title, t.Status.Danish(), t.Activity.Name, t.Intensity.Danish(),
            string.Join("; ", t.TargetGroups.Select(g => g.Name).Order(StringComparer.Ordinal)), t.LowThreshold ? "ja" : "nej",
            t.AgeFrom, t.AgeTo, t.PricePerSeason, t.FeeSubsidyPossible ? "ja" : "nej", t.Venue.Name, t.Venue.Address, t.Venue.PostalCode, t.Venue.Town,
            Times(t.Schedules), Date(t.SeasonStart), Date(t.SeasonEnd),
            string.Join("; ", t.Breaks.OrderBy(b => b.From).Select(b => $"{b.Name} {Date(b.From)}-{Date(b.To)}")),
            t.ContactName, t.ContactPhone, t.ContactEmail, t.Description, t.FirstTime,
            t.LastConfirmedAtUtc is { } c ? DanishTime.ToDanish(c).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "",
        })];
    }

    private static string FileName(string extension) => $"foreningsbro-hold.{extension}";

    public static async Task<IResult> Csv(AppDbContext db, HttpContext http, CancellationToken ct)
    {
        var rows = await RowsAsync(db, http.User, ct);
        return Results.File(WriteCsv(rows), "text/csv; charset=utf-8", FileName("csv"));
    }

    /// <summary>A cell as RFC 4180 writes it: quoted when it holds the separator, a quote or a line break.</summary>
    public static string CsvCell(string value)
    {
        // Formula injection (OWASP "CSV injection"): a leading = + - @ tab or CR gets an apostrophe, so a spreadsheet shows the text.
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    public static byte[] WriteCsv(IEnumerable<object?[]> rows)
    {
        var danish = CultureInfo.GetCultureInfo("da-DK");
        var text = new StringBuilder();
        text.Append(string.Join(';', Columns.Select(CsvCell))).Append("\r\n");
        foreach (var row in rows)
        {
            text.Append(string.Join(';', row.Select(cell => CsvCell(cell switch
            {
                null => "",
                decimal d => d.ToString("0.##", danish),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => cell.ToString() ?? "",
            })))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static async Task<IResult> Excel(AppDbContext db, HttpContext http, CancellationToken ct)
    {
        var rows = await RowsAsync(db, http.User, ct);
        return Results.File(WriteExcel(rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName("xlsx"));
    }

    public static byte[] WriteExcel(IEnumerable<object?[]> rows)
    {
        var sheet = rows.Select(r =>
        {
            var d = new Dictionary<string, object?>();
            for (var i = 0; i < Columns.Length; i++)
            {
                d[Columns[i]] = r[i] is decimal m ? (double)m : r[i];
            }

            return d;
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(sheet, sheetName: "Hold");
        return stream.ToArray();
    }
}
