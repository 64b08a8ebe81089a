using System.Diagnostics;

using Foreningsbro.Web.Data;
using Foreningsbro.Web.Data.Migrations;
using Foreningsbro.Web.Features.Catalogue;

using Foreningsbro.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

using Npgsql;

namespace Foreningsbro.Bench;

public enum Provider
{
    Sqlite,
    Postgres,
}

/// <summary>A generated database, how to reach it, and what it took to make.</summary>
public sealed record PreparedDatabase(
    Provider Provider,
    int Teams,
    string ConnectionString,
    TimeSpan? Migrate,
    TimeSpan? Generate,
    TimeSpan? Insert,
    TimeSpan? Analyze,
    long Rows,
    int[] ActiveTeamIds,
    string[] PostalCodes,
    string[] Towns,
    int Citizens,
    int Referrals,
    int Programmes,
    BridgingData? Bridging);

/// <summary>What the bridging scenarios need: who logs in, for each professional whom they may refer where, and the instructors' recent sessions.</summary>
public sealed record BridgingData(
    string Coordinator, IReadOnlyList<ProfessionalData> Professionals, IReadOnlyList<(string Email, int ClubId)> ClubContacts, IReadOnlyList<InstructorData> Instructors);

/// <summary>An instructor and the held sessions of the last four weeks of the programme they run, with what is recorded for each participant.</summary>
public sealed record InstructorData(string Email, IReadOnlyList<RecordedSession> Sessions);

public sealed record RecordedSession(int Id, IReadOnlyList<AttendanceCell> Cells);

public enum CellField
{
    Status,
    Mood,
    Rating,
}

/// <summary>
/// One field of one participant's attendance that the scenario flips between the value the data
/// holds and another (a status as the enum's number, a mood or a rating 1-5); always sending the
/// other one as "previous" means the field holds one of the two whatever order the requests land in.
/// </summary>
public sealed record AttendanceCell(int EnrolmentId, CellField Field, int Original, int Other);

/// <summary>A professional's department's citizens, the active teams of its municipality, and the (citizen, team) pairs already referred and open.</summary>
public sealed record ProfessionalData(string Email, int[] CitizenIds, int[] TeamIds, HashSet<(int Citizen, int Team)> OpenReferrals);

/// <summary>Creates a benchmark database with the app's migrations and fills it with a generated catalogue.</summary>
public static class BenchDatabase
{
    public static AppDbContext CreateContext(Provider provider, string connectionString) => provider switch
    {
        Provider.Sqlite => new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(connectionString).Options),
        _ => new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connectionString).Options),
    };

    public static async Task<PreparedDatabase> PrepareAsync(
        Provider provider, int teams, int citizens, int seed, DateOnly seasonStart, DateTime nowUtc, string dataDirectory, string? postgresServer, bool reuse, CancellationToken ct)
    {
        var name = citizens > 0 ? $"{teams}_{citizens}_{seed}" : $"{teams}_{seed}";
        var connectionString = provider switch
        {
            Provider.Sqlite => new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, $"bench-{name.Replace('_', '-')}.db") }.ToString(),
            _ => new NpgsqlConnectionStringBuilder(postgresServer) { Database = $"foreningsbro_bench_{name}" }.ToString(),
        };

        if (reuse && await CountAsync(provider, connectionString, ct) == (teams, citizens))
        {
            Console.WriteLine($"  {provider}: reusing the existing database with {teams:N0} teams and {citizens:N0} citizens");
            return await DescribeAsync(provider, teams, connectionString, null, null, null, null, 0, ct);
        }

        await DropAsync(provider, connectionString, ct);

        var clock = Stopwatch.StartNew();
        await using (var db = CreateContext(provider, connectionString))
        {
            await db.Database.MigrateAsync(ct);
        }

        var migrate = clock.Elapsed;

        clock.Restart();
        var generator = new CatalogueGenerator(seed, teams, seasonStart);
        var data = generator.Generate();
        var (bridging, _) = new BridgingGenerator(seed, citizens, nowUtc).Generate(data);
        var programmes = new ProgrammeGenerator(seed, nowUtc).Generate(data, bridging);
        var generate = clock.Elapsed;

        List<BulkTable> tables;
        await using (var db = CreateContext(provider, connectionString))
        {
            var model = db.Model;
            BulkTable Table<T>(IReadOnlyCollection<T> rows)
                where T : class => new(model.FindEntityType(typeof(T))!, rows);
            tables =
            [
                Table(data.Municipalities), Table(data.Departments), Table(data.Activities), Table(data.TargetGroups),
                Table(data.Clubs), Table(data.ContactPersons), Table(data.Venues), Table(data.Teams),
                Table(data.Schedules), Table(data.Breaks),
                new(model.FindEntityType("TeamTargetGroup") ?? throw new InvalidOperationException("The model has no TeamTargetGroup join table."), data.TeamTargetGroups),
                Table(bridging.Roles), Table(bridging.Users), Table(bridging.UserRoles), Table(bridging.ClosingReasons),
                Table(bridging.Citizens), Table(bridging.Consents), Table(bridging.Referrals), Table(bridging.History),
                Table(programmes.Users), Table(programmes.UserRoles), Table(programmes.Programmes), Table(programmes.Schedules),
                Table(programmes.Instructors), Table(programmes.Enrolments), Table(programmes.Sessions), Table(programmes.Attendances),
            ];
        }

        clock.Restart();
        TimeSpan? analyze = null;
        if (provider == Provider.Sqlite)
        {
            (_, analyze) = await BulkWriter.WriteSqliteAsync(connectionString, tables, ct);
        }
        else
        {
            (_, analyze) = await BulkWriter.WritePostgresAsync(connectionString, tables, ct);
        }

        var insert = clock.Elapsed - (analyze ?? TimeSpan.Zero);
        var rows = tables.Sum(t => (long)t.Rows.Count);
        Console.WriteLine($"  {provider}: {teams:N0} teams, {bridging.Citizens.Count:N0} citizens, {bridging.Referrals.Count:N0} referrals, {programmes.Programmes.Count:N0} programmes with {programmes.Sessions.Count:N0} sessions and {programmes.Attendances.Count:N0} attendances, {rows:N0} rows: migrate {migrate.TotalSeconds:F1} s, generate {generate.TotalSeconds:F1} s, insert {insert.TotalSeconds:F1} s{(analyze is { } a ? $", analyze {a.TotalSeconds:F1} s" : "")}");
        return await DescribeAsync(provider, teams, connectionString, migrate, generate, insert, analyze, rows, ct);
    }

    /// <summary>
    /// A scratch copy of a generated database with <paramref name="sql"/> applied (an index, ANALYZE, ...),
    /// to measure a proposed change through the real scenarios without touching the app's migrations.
    /// </summary>
    public static async Task<PreparedDatabase> ScratchCopyAsync(PreparedDatabase source, string sql, CancellationToken ct)
    {
        string connectionString;
        var clock = Stopwatch.StartNew();
        if (source.Provider == Provider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            var file = new SqliteConnectionStringBuilder(source.ConnectionString).DataSource;
            var copy = Path.ChangeExtension(file, ".scratch.db");
            connectionString = new SqliteConnectionStringBuilder { DataSource = copy }.ToString();
            await DropAsync(Provider.Sqlite, connectionString, ct);
            File.Copy(file, copy);
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(ct);
        }
        else
        {
            NpgsqlConnection.ClearAllPools();
            var builder = new NpgsqlConnectionStringBuilder(source.ConnectionString);
            var template = builder.Database!;
            builder.Database = template + "_scratch";
            connectionString = builder.ToString();
            await DropAsync(Provider.Postgres, connectionString, ct);
            builder.Database = "postgres";
            await using (var server = new NpgsqlConnection(builder.ToString()))
            {
                await server.OpenAsync(ct);
                await using var create = new NpgsqlCommand($"CREATE DATABASE {BulkTable.Quote(template + "_scratch")} TEMPLATE {BulkTable.Quote(template)}", server);
                create.CommandTimeout = 300;
                await create.ExecuteNonQueryAsync(ct);
            }

            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
            await command.ExecuteNonQueryAsync(ct);
        }

        Console.WriteLine($"  scratch copy with \"{sql}\" applied in {clock.Elapsed.TotalSeconds:F1} s");
        return source with { ConnectionString = connectionString };
    }

    public static async Task DropAsync(Provider provider, string connectionString, CancellationToken ct)
    {
        if (provider == Provider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(file + suffix);
            }

            return;
        }

        NpgsqlConnection.ClearAllPools();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var database = builder.Database!;
        builder.Database = "postgres";
        await using var connection = new NpgsqlConnection(builder.ToString());
        await connection.OpenAsync(ct);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {BulkTable.Quote(database)} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync(ct);
    }

    private static async Task<(int Teams, int Citizens)> CountAsync(Provider provider, string connectionString, CancellationToken ct)
    {
        try
        {
            await using var db = CreateContext(provider, connectionString);
            if (!await db.Database.CanConnectAsync(ct) || (await db.Database.GetPendingMigrationsAsync(ct)).Any())
            {
                return (-1, -1);
            }

            return (await db.Teams.CountAsync(ct), await db.Citizens.CountAsync(ct));
        }
        catch (Exception e) when (e is SqliteException or NpgsqlException or InvalidOperationException)
        {
            return (-1, -1);
        }
    }

    // What the load scenarios draw from: the teams a team page exists for, the places that have
    // venues, and for the bridging scenarios the bench users and whom they may refer where.
    private static async Task<PreparedDatabase> DescribeAsync(
        Provider provider, int teams, string connectionString, TimeSpan? migrate, TimeSpan? generate, TimeSpan? insert, TimeSpan? analyze, long rows, CancellationToken ct)
    {
        await using var db = CreateContext(provider, connectionString);
        var active = await db.Teams.Where(t => t.Status == TeamStatus.Active).OrderBy(t => t.Id).Select(t => t.Id).ToArrayAsync(ct);
        var postalCodes = await db.Venues.Select(v => v.PostalCode).Distinct().OrderBy(p => p).ToArrayAsync(ct);
        var towns = await db.Venues.Select(v => v.Town).Distinct().OrderBy(p => p).ToArrayAsync(ct);
        var citizens = await db.Citizens.CountAsync(ct);
        var referrals = await db.Referrals.CountAsync(ct);
        var programmes = await db.Programmes.CountAsync(ct);
        return new(provider, teams, connectionString, migrate, generate, insert, analyze, rows, active, postalCodes, towns, citizens, referrals, programmes,
            citizens == 0 ? null : await DescribeBridgingAsync(db, ct));
    }

    private static async Task<BridgingData?> DescribeBridgingAsync(AppDbContext db, CancellationToken ct)
    {
        var users = await db.Users.Where(u => u.Email!.EndsWith("@bench.foreningsbro.dk") && !u.Email.StartsWith(ProgrammeGenerator.InstructorEmailPrefix))
            .Select(u => new { Email = u.Email!, u.DepartmentId, u.ClubId, Municipality = u.Department != null ? (int?)u.Department.MunicipalityId : null })
            .ToListAsync(ct);
        if (users.Count == 0)
        {
            return null;
        }

        var professionals = new List<ProfessionalData>();
        foreach (var p in users.Where(u => u.DepartmentId is not null).OrderBy(u => u.Email))
        {
            // Enough citizens and teams for every referral a run can create to be a new pair.
            var citizenIds = await db.Citizens.Where(c => c.DepartmentId == p.DepartmentId).OrderBy(c => c.Id).Select(c => c.Id).Take(20_000).ToArrayAsync(ct);
            var teamIds = await db.Teams.Where(t => t.Status == TeamStatus.Active && t.Club.MunicipalityId == p.Municipality).OrderBy(t => t.Id).Select(t => t.Id).ToArrayAsync(ct);
            var open = await db.Referrals.Where(r => r.Citizen.DepartmentId == p.DepartmentId && r.Status != ReferralStatus.Closed)
                .Select(r => new { r.CitizenId, r.TeamId }).ToListAsync(ct);
            professionals.Add(new(p.Email, citizenIds, teamIds, [.. open.Select(o => (o.CitizenId, o.TeamId))]));
        }

        var coordinator = users.Single(u => u.DepartmentId is null && u.ClubId is null).Email;
        var clubContacts = users.Where(u => u.ClubId is not null).OrderBy(u => u.Email).Select(u => (u.Email, u.ClubId!.Value)).ToList();
        return new BridgingData(coordinator, professionals, clubContacts, await DescribeInstructorsAsync(db, ct));
    }

    /// <summary>
    /// The first instructor of four programmes spread over the list, so over the country (with the
    /// coordinator's and the professionals' five tokens, within the token endpoint's ten a minute), and
    /// their sessions held in the last four weeks with a flippable field for every participant recorded there.
    /// </summary>
    private static async Task<IReadOnlyList<InstructorData>> DescribeInstructorsAsync(AppDbContext db, CancellationToken ct)
    {
        var today = DanishTime.Today(DateTimeOffset.UtcNow);
        var since = today.AddDays(-28);
        var all = await db.Programmes.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        var programmeIds = Enumerable.Range(0, Math.Min(4, all.Count)).Select(i => all[i * all.Count / Math.Min(4, all.Count)]).ToList();
        var result = new List<InstructorData>();
        foreach (var programmeId in programmeIds)
        {
            var email = await db.ProgrammeInstructors.Where(i => i.ProgrammeId == programmeId).OrderBy(i => i.UserId).Select(i => i.User.Email!).FirstAsync(ct);
            var rows = await db.Attendances
                .Where(a => db.ProgrammeSessions.Any(s => s.Id == a.SessionId && s.ProgrammeId == programmeId && !s.Cancelled && s.Date >= since && s.Date < today))
                .OrderBy(a => a.SessionId).ThenBy(a => a.EnrolmentId)
                .Select(a => new { a.SessionId, a.EnrolmentId, a.Status, a.CheckInMood, a.CheckOutRating })
                .ToListAsync(ct);
            var sessions = rows.GroupBy(r => r.SessionId).Select(g => new RecordedSession(g.Key, [.. g.Select(r =>
                // A check-out rating or a mood flips between two scores; a row with neither flips
                // present/absent (a participant who checked in or out cannot be made absent).
                r.CheckOutRating is { } rating ? new AttendanceCell(r.EnrolmentId, CellField.Rating, rating, rating == 5 ? 4 : rating + 1)
                : r.CheckInMood is { } mood ? new AttendanceCell(r.EnrolmentId, CellField.Mood, mood, mood == 5 ? 4 : mood + 1)
                : new AttendanceCell(r.EnrolmentId, CellField.Status, (int)r.Status,
                    (int)(r.Status == AttendanceStatus.Present ? AttendanceStatus.AbsentWithNotice : AttendanceStatus.Present)))])).ToList();
            if (sessions.Count > 0)
            {
                result.Add(new InstructorData(email, sessions));
            }
        }

        return result;
    }
}
