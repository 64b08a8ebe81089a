using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Admin.Export;
using Foreningsbro.Web.Features.Catalogue.Search;
using Foreningsbro.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Foreningsbro.Web.Features.Admin.Import;

/// <summary>One problem of an import file: the spreadsheet's line (1 is the header), the column, the message.</summary>
public sealed record ImportProblem(int Line, string Field, string Message);

/// <summary>A row that passed every check, in the catalogue's terms.</summary>
public sealed record ImportRow(
    int Line, int? TeamId, string Club, string? Cvr, string Title, TeamStatus Status, int ActivityId, Intensity Intensity,
    IReadOnlyList<int> TargetGroupIds, bool LowThreshold, int? AgeFrom, int? AgeTo, decimal? Price, bool FeeSubsidyPossible,
    string Venue, string? Address, string PostalCode, string Town, IReadOnlyList<WeeklyTime> Times, DateOnly? SeasonStart,
    DateOnly? SeasonEnd, IReadOnlyList<(string Name, DateOnly From, DateOnly To)> Breaks, string? ContactName, string? ContactPhone,
    string? ContactEmail, string? Description, string? FirstTime)
{
    /// <summary>Set by the check: the team this row updates (by Hold-id, or by club and title), or null for a new one.</summary>
    public int? ExistingTeamId { get; init; }
}

/// <summary>What a file would do: its rows, or why it cannot be read, and every row's problems.</summary>
public sealed record ImportPlan(IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportProblem> Problems, string? FileProblem, string? Notice)
{
    public bool CanImport => FileProblem is null && Problems.Count == 0 && Rows.Count > 0;
}

public sealed record ImportResult(int CreatedTeams, int UpdatedTeams, int UnchangedTeams, int CreatedClubs, int CreatedVenues);

/// <summary>
/// Import of clubs, venues and teams from a CSV or Excel file in the export's columns (issue 17, item 4;
/// docs/adr/0018-open-standards.md). Read → check (every problem by line and column, nothing saved) →
/// apply in one transaction, all or nothing, inside the coordinator's own municipality only. A row updates
/// the team named by its Hold-id (one of the municipality's teams) or, without one, the team of the same
/// club and title; so importing the same file twice changes nothing the second time. Cells are text: a
/// formula is never evaluated (Excel's stored value is read), and the apostrophe the export puts before
/// a leading = + - @ is taken off again.
/// </summary>
public static partial class CatalogueImport
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MaxRows = 5000;

    private static readonly string[] Required = ["Forening", "Hold", "Aktivitet", "Intensitet", "Sted", "Postnummer", "By"];

    // --- Reading ------------------------------------------------------------------------------------

    /// <summary>The file as header and rows of text by column name, with each row's line number; or why it cannot be read.</summary>
    public static (List<(int Line, Dictionary<string, string> Cells)> Rows, string? Problem, string? Notice) Read(byte[] bytes, string fileName)
    {
        if (bytes.Length == 0)
        {
            return ([], "Filen er tom.", null);
        }

        if (bytes.Length > MaxBytes)
        {
            return ([], $"Filen er for stor (højst {MaxBytes / 1024 / 1024} MB).", null);
        }

        var isZip = bytes.Length > 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        List<List<string>> table;
        string? notice = null;
        if (extension == ".xlsx")
        {
            if (!isZip)
            {
                return ([], "Filen hedder .xlsx, men er ikke en Excel-fil.", null);
            }

            try
            {
                table = ReadExcel(bytes);
            }
            catch (Exception e) when (e is InvalidDataException or InvalidOperationException or System.Xml.XmlException or IOException or ArgumentException or KeyNotFoundException or NullReferenceException)
            {
                return ([], "Excel-filen kan ikke læses. Gem den igen som Excel-projektmappe (.xlsx) eller CSV.", null);
            }
        }
        else if (extension is ".csv" or ".txt")
        {
            if (isZip || Array.IndexOf(bytes, (byte)0) >= 0)
            {
                return ([], "Filen er ikke en CSV-fil (tekst). Vælg en .csv- eller .xlsx-fil.", null);
            }

            string text;
            try
            {
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                // Danish Excel's "CSV (semikolonsepareret)" is Windows-1252, whose æ ø å are Latin-1's.
                text = Encoding.Latin1.GetString(bytes);
                notice = "Filen var ikke UTF-8 og er læst som Windows/Latin-1 (sådan gemmer dansk Excel CSV). Tjek æ, ø og å i forhåndsvisningen.";
            }

            text = text.TrimStart('\uFEFF');
            var firstLine = text.Split('\n', 2)[0];
            var separator = firstLine.Count(c => c == ';') >= firstLine.Count(c => c == ',') ? ';' : ',';
            table = ParseCsv(text, separator);
        }
        else
        {
            return ([], "Vælg en CSV-fil (.csv) eller en Excel-fil (.xlsx).", null);
        }

        if (table.Count == 0 || table[0].All(string.IsNullOrWhiteSpace))
        {
            return ([], "Filen har ingen overskriftslinje. Brug skabelonen.", null);
        }

        var headers = table[0].Select(h => Unescape(h).Trim()).ToList();
        var missing = Required.Where(r => !headers.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            return ([], "Filen mangler kolonnerne " + string.Join(", ", missing) + ". Brug skabelonen eller eksporten som forlæg.", null);
        }

        var rows = new List<(int, Dictionary<string, string>)>();
        for (var i = 1; i < table.Count; i++)
        {
            if (table[i].All(string.IsNullOrWhiteSpace))
            {
                continue; // empty rows are skipped, and keep their line numbers
            }

            var cells = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var c = 0; c < headers.Count && c < table[i].Count; c++)
            {
                if (headers[c].Length > 0)
                {
                    cells[headers[c]] = Unescape(table[i][c]).Trim();
                }
            }

            rows.Add((i + 1, cells));
        }

        if (rows.Count == 0)
        {
            return ([], "Filen har ingen rækker under overskriften.", notice);
        }

        if (rows.Count > MaxRows)
        {
            return ([], $"Filen har {rows.Count} rækker; højst {MaxRows} ad gangen.", notice);
        }

        return (rows, null, notice);
    }

    /// <summary>The export's guard against formulas ('=SUM…) taken off again: the text is what the club wrote.</summary>
    private static string Unescape(string cell) =>
        cell.Length > 1 && cell[0] == '\'' && cell[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? cell[1..] : cell;

    /// <summary>RFC 4180: quoted cells may hold the separator, doubled quotes and line breaks.</summary>
    public static List<List<string>> ParseCsv(string text, char separator)
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
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (c == separator)
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                cell.Append(c);
            }
        }

        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add(row);
        }

        return rows;
    }

    private static List<List<string>> ReadExcel(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        var table = new List<List<string>>();
        foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            table.Add([.. row.Values.Select(v => v switch
            {
                null => "",
                double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => d.ToString("0", CultureInfo.InvariantCulture),
                double d => d.ToString(CultureInfo.InvariantCulture),
                DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                bool b => b ? "ja" : "nej",
                _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
            })]);
        }

        return table;
    }

    // --- Checking -----------------------------------------------------------------------------------

    /// <summary>Every row checked against the lists and the municipality's catalogue; nothing is saved.</summary>
    public static async Task<ImportPlan> CheckAsync(AppDbContext db, ClaimsPrincipal user, byte[] bytes, string fileName, CancellationToken ct)
    {
        var (rows, fileProblem, notice) = Read(bytes, fileName);
        if (fileProblem is not null)
        {
            return new ImportPlan([], [], fileProblem, notice);
        }

        var activities = await db.Activities.AsNoTracking().Where(a => !a.Archived).ToListAsync(ct);
        var groups = await db.TargetGroups.AsNoTracking().Where(g => !g.Archived).ToListAsync(ct);
        var teams = await db.Teams.AsNoTracking().EditableBy(user)
            .Select(t => new { t.Id, Club = t.Club.Name, t.Title }).ToListAsync(ct);
        var teamIds = teams.Select(t => t.Id).ToHashSet();
        var teamByKey = teams.GroupBy(t => Key(t.Club, t.Title)).ToDictionary(g => g.Key, g => g.Min(t => t.Id));

        var problems = new List<ImportProblem>();
        var planned = new List<ImportRow>();
        var seen = new Dictionary<string, int>();
        foreach (var (line, cells) in rows)
        {
            var before = problems.Count;
            void Problem(string field, string message) => problems.Add(new ImportProblem(line, field, message));
            string? Text(string field, int max, bool required = false)
            {
                var value = cells.GetValueOrDefault(field, "");
                if (value.Length == 0)
                {
                    if (required)
                    {
                        Problem(field, $"Skriv {field.ToLowerInvariant()}.");
                    }

                    return null;
                }

                if (TextInput.Problem(value, multiLine: max >= Limits.Text, maxLength: max) is { } textProblem)
                {
                    Problem(field, textProblem);
                    return null;
                }

                return value;
            }

            int? Number(string field, int min, int max)
            {
                var value = cells.GetValueOrDefault(field, "");
                if (value.Length == 0)
                {
                    return null;
                }

                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
                {
                    Problem(field, $"Skriv et helt tal fra {min} til {max}.");
                    return null;
                }

                return n;
            }

            bool YesNo(string field)
            {
                var value = cells.GetValueOrDefault(field, "").ToLowerInvariant();
                if (value is "ja" or "x" or "1" or "sand" or "true")
                {
                    return true;
                }

                if (value is not ("" or "nej" or "0" or "falsk" or "false"))
                {
                    Problem(field, "Skriv ja eller nej.");
                }

                return false;
            }

            DateOnly? Date(string field)
            {
                var value = cells.GetValueOrDefault(field, "");
                if (value.Length == 0)
                {
                    return null;
                }

                if (!Forms.TryParseDate(value, out var d))
                {
                    Problem(field, "Skriv datoen som åååå-mm-dd, fx 2026-08-15.");
                    return null;
                }

                return d;
            }

            int? teamId = null;
            if (cells.GetValueOrDefault("Hold-id", "") is { Length: > 0 } idText)
            {
                if (!int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || !teamIds.Contains(id))
                {
                    Problem("Hold-id", $"Hold-id {idText} er ikke et af kommunens hold. Tøm feltet for at oprette holdet.");
                }
                else
                {
                    teamId = id;
                }
            }

            var club = Text("Forening", Limits.Name, required: true);
            var cvr = Text("CVR", 8);
            if (cvr is not null && (cvr.Length != 8 || !cvr.All(char.IsAsciiDigit)))
            {
                Problem("CVR", "Et CVR-nummer har 8 cifre.");
            }

            var title = Text("Hold", Limits.Name, required: true);
            var status = TeamStatus.Active;
            if (cells.GetValueOrDefault("Status", "") is { Length: > 0 } statusText)
            {
                var match = Enum.GetValues<TeamStatus>().Where(s => string.Equals(s.Danish(), statusText, StringComparison.OrdinalIgnoreCase)).ToList();
                if (match.Count == 1)
                {
                    status = match[0];
                }
                else
                {
                    Problem("Status", "Skriv Aktivt, På pause eller Arkiveret.");
                }
            }

            var activityId = 0;
            if (Text("Aktivitet", Limits.Name, required: true) is { } activityText)
            {
                var activity = activities.FirstOrDefault(a => string.Equals(a.Name, activityText, StringComparison.OrdinalIgnoreCase));
                if (activity is null)
                {
                    Problem("Aktivitet", $"Aktiviteten «{activityText}» findes ikke i listen over aktiviteter. Brug en af: {string.Join(", ", activities.Select(a => a.Name).Order(StringComparer.Ordinal))}.");
                }
                else
                {
                    activityId = activity.Id;
                }
            }

            var intensity = Intensity.Light;
            if (Text("Intensitet", 20, required: true) is { } intensityText)
            {
                var match = Enum.GetValues<Intensity>().Where(i => string.Equals(i.Danish(), intensityText, StringComparison.OrdinalIgnoreCase)).ToList();
                if (match.Count == 1)
                {
                    intensity = match[0];
                }
                else
                {
                    Problem("Intensitet", "Skriv Let, Moderat eller Hård.");
                }
            }

            var groupIds = new List<int>();
            foreach (var name in Split(cells.GetValueOrDefault("Målgrupper", "")))
            {
                if (groups.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase)) is { } group)
                {
                    groupIds.Add(group.Id);
                }
                else
                {
                    Problem("Målgrupper", $"Målgruppen «{name}» findes ikke i listen over målgrupper.");
                }
            }

            var lowThreshold = YesNo("Kom og vær med");
            var ageFrom = Number("Alder fra", 0, 120);
            var ageTo = Number("Alder til", 0, 120);
            if (ageFrom is { } f && ageTo is { } t && f > t)
            {
                Problem("Alder til", "Alder til må ikke være lavere end alder fra.");
            }

            decimal? price = null;
            if (cells.GetValueOrDefault("Pris pr. sæson", "") is { Length: > 0 } priceText)
            {
                if (Forms.TryParseAmount(priceText.Replace("kr.", "", StringComparison.OrdinalIgnoreCase).Replace("kr", "", StringComparison.OrdinalIgnoreCase), out var p))
                {
                    price = p;
                }
                else
                {
                    Problem("Pris pr. sæson", "Skriv prisen i kroner, fx 300 eller 300,50.");
                }
            }

            var subsidy = YesNo("Kontingentstøtte mulig");
            var venue = Text("Sted", Limits.Name, required: true);
            var address = Text("Adresse", Limits.Address);
            var postal = Text("Postnummer", 20, required: true);
            if (postal is not null && (postal.Length != 4 || !postal.All(char.IsAsciiDigit) || postal[0] == '0'))
            {
                Problem("Postnummer", "Skriv et dansk postnummer med 4 cifre (1000-9999).");
            }

            var town = Text("By", Limits.Town, required: true);
            var times = new List<WeeklyTime>();
            foreach (var part in Split(cells.GetValueOrDefault("Tider", "")))
            {
                if (ParseTime(part) is { } time)
                {
                    times.Add(time);
                }
                else
                {
                    Problem("Tider", $"«{part}» kan ikke læses. Skriv ugedag og tid, fx «tirsdag 10:00-11:00», flere adskilt med semikolon.");
                }
            }

            var seasonStart = Date("Sæson fra");
            var seasonEnd = Date("Sæson til");
            if (seasonStart is { } s1 && seasonEnd is { } s2 && s2 < s1)
            {
                Problem("Sæson til", "Sæsonen slutter før den begynder.");
            }

            var breaks = new List<(string, DateOnly, DateOnly)>();
            foreach (var part in Split(cells.GetValueOrDefault("Pauser", "")))
            {
                var m = BreakPattern().Match(part);
                if (m.Success && Forms.TryParseDate(m.Groups[2].Value, out var from) && Forms.TryParseDate(m.Groups[3].Value, out var to) && from <= to
                    && m.Groups[1].Value.Trim().Length <= Limits.PersonName)
                {
                    breaks.Add((m.Groups[1].Value.Trim(), from, to));
                }
                else
                {
                    Problem("Pauser", $"«{part}» kan ikke læses. Skriv navn og datoer, fx «Juleferie 2026-12-21-2027-01-03».");
                }
            }

            var contactName = Text("Kontaktperson", Limits.PersonName);
            var phone = Text("Telefon", Limits.Phone);
            if (phone is not null && !Forms.IsPhone(phone))
            {
                Problem("Telefon", "Skriv et telefonnummer, fx 12 34 56 78.");
            }

            var email = Text("E-mail", Limits.Email);
            if (email is not null && !Forms.IsEmail(email))
            {
                Problem("E-mail", "Skriv en e-mailadresse, fx navn@forening.dk.");
            }

            var description = Text("Beskrivelse", Limits.Text);
            var firstTime = Text("Første gang", Limits.Text);

            if (club is not null && title is not null)
            {
                var key = teamId is { } tid ? "#" + tid.ToString(CultureInfo.InvariantCulture) : Key(club, title);
                if (seen.TryGetValue(key, out var earlier) || seen.TryGetValue(Key(club, title), out earlier))
                {
                    Problem("Hold", $"Holdet «{title}» i «{club}» står også i linje {earlier}.");
                }
                else
                {
                    seen[key] = line;
                    seen[Key(club, title)] = line;
                }
            }

            if (problems.Count == before)
            {
                planned.Add(new ImportRow(line, teamId, club!, cvr, title!, status, activityId, intensity, groupIds, lowThreshold, ageFrom, ageTo,
                    price, subsidy, venue!, address, postal!, town!, times, seasonStart, seasonEnd, breaks, contactName, phone, email, description, firstTime)
                {
                    ExistingTeamId = teamId ?? teamByKey.GetValueOrDefault(Key(club!, title!)) switch { 0 => null, var id => id },
                });
            }
        }

        return new ImportPlan(planned, problems, null, notice);
    }

    private static string Key(string club, string title) => club.Trim().ToLowerInvariant() + "\u0001" + title.Trim().ToLowerInvariant();

    private static string[] Split(string cell) =>
        cell.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static WeeklyTime? ParseTime(string text)
    {
        var m = TimePattern().Match(text);
        if (!m.Success)
        {
            return null;
        }

        var day = WeeklyScheduleInput.Weekdays.Where(d => string.Equals(d.Danish(), m.Groups[1].Value, StringComparison.OrdinalIgnoreCase)).ToList();
        if (day.Count != 1 || !Forms.TryParseTime(m.Groups[2].Value, out var start) || !Forms.TryParseTime(m.Groups[3].Value, out var end) || end <= start)
        {
            return null;
        }

        return new WeeklyTime(day[0], start, end);
    }

    [GeneratedRegex(@"^(\p{L}+)\s+(\d{1,2}[:.]\d{2})\s*-\s*(\d{1,2}[:.]\d{2})$", RegexOptions.None, 1000)]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^(.*\S)\s+(\d{4}-\d{2}-\d{2})\s*-\s*(\d{4}-\d{2}-\d{2})$", RegexOptions.None, 1000)]
    private static partial Regex BreakPattern();

    // --- Applying -----------------------------------------------------------------------------------

    /// <summary>
    /// The checked rows saved in one transaction in the user's municipality: clubs by name and venues by name
    /// and postal code are found or made; each team is updated or made, and a team whose values are already
    /// those of the row is left alone (not even its "updated" time changes).
    /// </summary>
    public static Task<ImportResult> ApplyAsync(AppDbContext db, ClaimsPrincipal user, IReadOnlyList<ImportRow> rows, DateTime nowUtc, CancellationToken ct)
    {
        var municipality = user.MunicipalityId() ?? throw new InvalidOperationException("Only a coordinator with a municipality imports.");
        return db.InTransactionAsync(async ct =>
        {
            var clubs = await db.Clubs.EditableBy(user).ToListAsync(ct);
            var venues = await db.Venues.EditableBy(user).ToListAsync(ct);
            var teams = await db.Teams.EditableBy(user).Include(t => t.Club).Include(t => t.Venue).Include(t => t.Schedules).Include(t => t.Breaks).Include(t => t.TargetGroups)
                .AsSplitQuery().ToListAsync(ct);
            var activities = await db.Activities.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, ct);
            var groups = await db.TargetGroups.ToDictionaryAsync(g => g.Id, ct);
            int createdTeams = 0, updatedTeams = 0, unchanged = 0, createdClubs = 0, createdVenues = 0;
            foreach (var row in rows)
            {
                var club = clubs.FirstOrDefault(c => string.Equals(c.Name, row.Club, StringComparison.OrdinalIgnoreCase));
                if (club is null)
                {
                    club = new Club { Name = row.Club, Cvr = row.Cvr, MunicipalityId = municipality };
                    db.Clubs.Add(club);
                    clubs.Add(club);
                    createdClubs++;
                }
                else if (row.Cvr is not null && club.Cvr != row.Cvr)
                {
                    club.Cvr = row.Cvr;
                }

                var venue = venues.FirstOrDefault(v => string.Equals(v.Name, row.Venue, StringComparison.OrdinalIgnoreCase) && v.PostalCode == row.PostalCode);
                if (venue is null)
                {
                    venue = new Venue { Name = row.Venue, Address = row.Address, PostalCode = row.PostalCode, Town = row.Town, TownKey = SearchText.Normalize(row.Town), MunicipalityId = municipality };
                    db.Venues.Add(venue);
                    venues.Add(venue);
                    createdVenues++;
                }
                else if (row.Address is not null && venue.Address != row.Address)
                {
                    venue.Address = row.Address;
                }

                var team = row.ExistingTeamId is { } id ? teams.FirstOrDefault(t => t.Id == id) : null;
                team ??= teams.FirstOrDefault(t => t.ClubId == club.Id && club.Id != 0 && string.Equals(t.Title, row.Title, StringComparison.OrdinalIgnoreCase));
                var isNew = team is null;
                if (team is null)
                {
                    team = new Team { Title = row.Title };
                    db.Teams.Add(team);
                    teams.Add(team);
                }

                var changed = Apply(team, club, venue, row, groups);
                if (isNew)
                {
                    createdTeams++;
                }
                else if (changed)
                {
                    updatedTeams++;
                }
                else
                {
                    unchanged++;
                }

                if (isNew || changed)
                {
                    team.UpdatedAtUtc = nowUtc;
                    team.SearchText = SearchText.ForTeam(team, club.Name, venue, activities[row.ActivityId], team.TargetGroups.Select(g => g.Name));
                }
            }

            await db.SaveChangesAsync(ct);
            return new ImportResult(createdTeams, updatedTeams, unchanged, createdClubs, createdVenues);
        }, ct);
    }

    /// <summary>The row's values onto the team; whether anything differed.</summary>
    private static bool Apply(Team team, Club club, Venue venue, ImportRow row, Dictionary<int, TargetGroup> groups)
    {
        var before = Fingerprint(team);
        team.Club = club;
        team.Venue = venue;
        team.ActivityId = row.ActivityId;
        team.Title = row.Title;
        team.Status = row.Status;
        team.Intensity = row.Intensity;
        team.LowThreshold = row.LowThreshold;
        team.AgeFrom = row.AgeFrom;
        team.AgeTo = row.AgeTo;
        team.PricePerSeason = row.Price;
        team.FeeSubsidyPossible = row.FeeSubsidyPossible;
        team.SeasonStart = row.SeasonStart;
        team.SeasonEnd = row.SeasonEnd;
        team.ContactName = row.ContactName;
        team.ContactPhone = row.ContactPhone;
        team.ContactEmail = row.ContactEmail;
        team.Description = row.Description;
        team.FirstTime = row.FirstTime;

        var times = row.Times.OrderBy(t => t.Weekday).ThenBy(t => t.Start).ToList();
        if (!team.Schedules.OrderBy(s => s.Weekday).ThenBy(s => s.Start).Select(s => new WeeklyTime(s.Weekday, s.Start, s.End)).SequenceEqual(times))
        {
            team.Schedules.Clear();
            team.Schedules.AddRange(times.Select(t => new TeamSchedule { Weekday = t.Weekday, Start = t.Start, End = t.End }));
        }

        var breaks = row.Breaks.OrderBy(b => b.From).ToList();
        if (!team.Breaks.OrderBy(b => b.From).Select(b => (b.Name, b.From, b.To)).SequenceEqual(breaks))
        {
            team.Breaks.Clear();
            team.Breaks.AddRange(breaks.Select(b => new TeamBreak { Name = b.Name, From = b.From, To = b.To }));
        }

        var wanted = row.TargetGroupIds.ToHashSet();
        if (!team.TargetGroups.Select(g => g.Id).ToHashSet().SetEquals(wanted))
        {
            team.TargetGroups.Clear();
            team.TargetGroups.AddRange(wanted.Select(id => groups[id]));
        }

        return Fingerprint(team) != before;
    }

    private static string Fingerprint(Team t) => string.Join('\u0001',
        t.Club?.Name ?? t.ClubId.ToString(CultureInfo.InvariantCulture), t.Venue?.Name ?? t.VenueId.ToString(CultureInfo.InvariantCulture), t.Venue?.PostalCode,
        t.ActivityId, t.Title, t.Status, t.Intensity, t.LowThreshold, t.AgeFrom, t.AgeTo, t.PricePerSeason?.ToString("0.##", CultureInfo.InvariantCulture),
        t.FeeSubsidyPossible, t.SeasonStart, t.SeasonEnd, t.ContactName, t.ContactPhone, t.ContactEmail, t.Description, t.FirstTime,
        CatalogueExport.Times(t.Schedules), string.Join(';', t.Breaks.OrderBy(b => b.From).Select(b => $"{b.Name} {b.From:O}-{b.To:O}")),
        string.Join(';', t.TargetGroups.Select(g => g.Id).Order()));

    /// <summary>The template: the export's columns and one example row.</summary>
    public static byte[] Template() => CatalogueExport.WriteCsv(
    [
        [
            null, "Taastrup Motionsforening", "12345678", "Stavgang for begyndere", "Aktivt", "Stavgang", "Let", "Senior", "ja", 50, 90, 300m, "ja",
            "Taastrup Idrætspark", "Parkvej 1", "2630", "Taastrup", "tirsdag 10:00-11:00; torsdag 10:00-11:00", "2026-08-15", "2027-06-15",
            "Juleferie 2026-12-21-2027-01-03", "Anna Jensen", "12 34 56 78", "anna@forening.dk", "Vi går en tur i parken.", "Mød op ved indgangen; vi har stave.", "",
        ],
    ]);
}
