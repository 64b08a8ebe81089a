using System.Diagnostics;

using Foreningsbro.Web.Data;
using Foreningsbro.Web.Data.Migrations;

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
    string[] Towns);

/// <summary>Creates a benchmark database with the app's migrations and fills it with a generated catalogue.</summary>
public static class BenchDatabase
{
    public static AppDbContext CreateContext(Provider provider, string connectionString) => provider switch
    {
        Provider.Sqlite => new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(connectionString).Options),
        _ => new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connectionString).Options),
    };

    public static async Task<PreparedDatabase> PrepareAsync(
        Provider provider, int teams, int seed, DateOnly seasonStart, string dataDirectory, string? postgresServer, bool reuse, CancellationToken ct)
    {
        var connectionString = provider switch
        {
            Provider.Sqlite => new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, $"bench-{teams}-{seed}.db") }.ToString(),
            _ => new NpgsqlConnectionStringBuilder(postgresServer) { Database = $"foreningsbro_bench_{teams}_{seed}" }.ToString(),
        };

        if (reuse && await CountTeamsAsync(provider, connectionString, ct) == teams)
        {
            Console.WriteLine($"  {provider}: reusing the existing database with {teams:N0} teams");
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
        Console.WriteLine($"  {provider}: {teams:N0} teams, {rows:N0} rows: migrate {migrate.TotalSeconds:F1} s, generate {generate.TotalSeconds:F1} s, insert {insert.TotalSeconds:F1} s{(analyze is { } a ? $", analyze {a.TotalSeconds:F1} s" : "")}");
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

    private static async Task<int> CountTeamsAsync(Provider provider, string connectionString, CancellationToken ct)
    {
        try
        {
            await using var db = CreateContext(provider, connectionString);
            if (!await db.Database.CanConnectAsync(ct) || (await db.Database.GetPendingMigrationsAsync(ct)).Any())
            {
                return -1;
            }

            return await db.Teams.CountAsync(ct);
        }
        catch (Exception e) when (e is SqliteException or NpgsqlException or InvalidOperationException)
        {
            return -1;
        }
    }

    // What the load scenarios draw from: the teams a team page exists for, and the places that have venues.
    private static async Task<PreparedDatabase> DescribeAsync(
        Provider provider, int teams, string connectionString, TimeSpan? migrate, TimeSpan? generate, TimeSpan? insert, TimeSpan? analyze, long rows, CancellationToken ct)
    {
        await using var db = CreateContext(provider, connectionString);
        var active = await db.Teams.Where(t => t.Status == TeamStatus.Active).OrderBy(t => t.Id).Select(t => t.Id).ToArrayAsync(ct);
        var postalCodes = await db.Venues.Select(v => v.PostalCode).Distinct().OrderBy(p => p).ToArrayAsync(ct);
        var towns = await db.Venues.Select(v => v.Town).Distinct().OrderBy(p => p).ToArrayAsync(ct);
        return new(provider, teams, connectionString, migrate, generate, insert, analyze, rows, active, postalCodes, towns);
    }
}
