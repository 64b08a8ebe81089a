using System.Linq.Expressions;

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

using Npgsql;

using NpgsqlTypes;

namespace Foreningsbro.Bench;

/// <summary>
/// One table to fill: the rows are the app's own entities (or property bags for a join table),
/// and tables, columns, types and value conversions all come from the app's EF model, so the
/// generator follows the model as it changes instead of repeating its SQL.
/// </summary>
public sealed class BulkTable
{
    public BulkTable(IEntityType entityType, IReadOnlyCollection<object> rows)
    {
        EntityType = entityType;
        Rows = rows;
        Table = entityType.GetTableName() ?? throw new InvalidOperationException($"{entityType.DisplayName()} is not mapped to a table.");
        Columns = [.. entityType.GetProperties().Select(p => new BulkColumn(p))];
    }

    public IEntityType EntityType { get; }
    public string Table { get; }
    public IReadOnlyList<BulkColumn> Columns { get; }
    public IReadOnlyCollection<object> Rows { get; }

    public string ColumnList => string.Join(", ", Columns.Select(c => Quote(c.Name)));

    public static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}

public sealed class BulkColumn
{
    private readonly Func<object, object?> get;

    public BulkColumn(IProperty property)
    {
        Name = property.GetColumnName();
        Mapping = property.GetRelationalTypeMapping();
        get = Getter(property);
    }

    public string Name { get; }
    public RelationalTypeMapping Mapping { get; }

    /// <summary>The value as the database stores it (enums as text, and so on), or DBNull.</summary>
    public object ProviderValue(object row)
    {
        var value = get(row);
        if (value is null)
        {
            return DBNull.Value;
        }

        return Mapping.Converter is { } converter ? converter.ConvertToProvider(value) ?? DBNull.Value : value;
    }

    // A compiled getter: reflection per value made writing 100,000 teams take seconds longer.
    private static Func<object, object?> Getter(IProperty property)
    {
        if (property.IsIndexerProperty())
        {
            var name = property.Name;
            return row => ((IDictionary<string, object>)row)[name];
        }

        var row = Expression.Parameter(typeof(object), "row");
        var body = Expression.Convert(Expression.Property(Expression.Convert(row, property.DeclaringType.ClrType), property.PropertyInfo!), typeof(object));
        return Expression.Lambda<Func<object, object?>>(body, row).Compile();
    }
}

public static class BulkWriter
{
    /// <summary>
    /// SQLite: one prepared single-row INSERT per table, run for every row inside a single
    /// transaction with synchronous=OFF (a crash mid-load only loses a benchmark file). Multi-row
    /// INSERTs were slower here: Microsoft.Data.Sqlite binds each parameter by name, and SQLite
    /// looks a name up by scanning the statement's parameter list, so binding grows with the square
    /// of the parameters per statement (400 rows of teams per statement: 248 s for 100,000 teams).
    /// </summary>
    /// <returns>How long the insert and the ANALYZE took.</returns>
    public static async Task<(TimeSpan Insert, TimeSpan Analyze)> WriteSqliteAsync(string connectionString, IEnumerable<BulkTable> tables, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=OFF; PRAGMA cache_size=-200000;";
            await pragma.ExecuteNonQueryAsync(ct);
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);

        // The triggers that keep the FTS5 text index current (TeamSearchFts) made the insert of
        // 100,000 teams take 141 s instead of 14 s: drop them, insert, put them back from their own
        // definitions, and rebuild each full-text index once, as a bulk import would.
        var triggers = await ReadAsync(connection, transaction, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'", ct);
        var textIndexes = await ReadAsync(connection, transaction, "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'", ct);
        foreach (var (name, _) in triggers)
        {
            await ExecuteAsync(connection, transaction, $"DROP TRIGGER {BulkTable.Quote(name)}", ct);
        }

        foreach (var table in tables)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            var names = table.Columns.Select((_, i) => $"@p{i}").ToArray();
            insert.CommandText = $"INSERT INTO {BulkTable.Quote(table.Table)} ({table.ColumnList}) VALUES ({string.Join(", ", names)})";
            var parameters = table.Columns.Select((c, i) => c.Mapping.CreateParameter(insert, names[i], null, nullable: true)).ToArray();
            insert.Parameters.AddRange(parameters);
            insert.Prepare();
            foreach (var row in table.Rows)
            {
                ct.ThrowIfCancellationRequested();
                for (var c = 0; c < parameters.Length; c++)
                {
                    parameters[c].Value = table.Columns[c].ProviderValue(row);
                }

                insert.ExecuteNonQuery();
            }
        }

        foreach (var (_, definition) in triggers)
        {
            await ExecuteAsync(connection, transaction, definition, ct);
        }

        foreach (var (name, _) in textIndexes)
        {
            await ExecuteAsync(connection, transaction, $"INSERT INTO {BulkTable.Quote(name)}({BulkTable.Quote(name)}) VALUES ('rebuild')", ct);
        }

        await transaction.CommitAsync(ct);
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await checkpoint.ExecuteNonQueryAsync(ct);
        var inserted = clock.Elapsed;

        // The planner's statistics, as the app's background PRAGMA optimize would write them
        // shortly after start; done here so that every run starts from the same plans.
        clock.Restart();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE;";
        analyze.CommandTimeout = 600;
        await analyze.ExecuteNonQueryAsync(ct);
        return (inserted, clock.Elapsed);
    }

    private static async Task<List<(string Name, string Sql)>> ReadAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var rows = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// PostgreSQL: binary COPY per table in one transaction, then the identity sequences are moved
    /// past the ids the generator chose and the planner's statistics are refreshed (autovacuum would
    /// do the latter within a minute in production; the benchmark should not race it).
    /// </summary>
    /// <returns>How long the COPY and the ANALYZE took.</returns>
    public static async Task<(TimeSpan Copy, TimeSpan Analyze)> WritePostgresAsync(string connectionString, IReadOnlyList<BulkTable> tables, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // No command timeout: a COPY of millions of rows and its commit take minutes, not seconds.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ToString());
        await connection.OpenAsync(ct);
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            // A GIN index (the trigram index on Teams.SearchText) maintained row by row nearly
            // tripled the COPY of 100,000 teams (29 s to 83 s); built once afterwards it costs far
            // less, as in any bulk import. Its definition is read back from the catalogue.
            var ginIndexes = new List<(string Name, string Definition)>();
            await using (var find = new NpgsqlCommand(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexdef LIKE '% USING gin %'", connection))
            await using (var reader = await find.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    ginIndexes.Add((reader.GetString(0), reader.GetString(1)));
                }
            }

            foreach (var (name, _) in ginIndexes)
            {
                await using var drop = new NpgsqlCommand($"DROP INDEX {BulkTable.Quote(name)}", connection);
                await drop.ExecuteNonQueryAsync(ct);
            }

            foreach (var table in tables)
            {
                var types = table.Columns.Select(c => NpgsqlTypeOf(c.Mapping)).ToArray();
                await using var writer = await connection.BeginBinaryImportAsync(
                    $"COPY {BulkTable.Quote(table.Table)} ({table.ColumnList}) FROM STDIN (FORMAT BINARY)", ct);
                foreach (var row in table.Rows)
                {
                    writer.StartRow();
                    for (var c = 0; c < types.Length; c++)
                    {
                        var value = table.Columns[c].ProviderValue(row);
                        if (value is DBNull)
                        {
                            writer.WriteNull();
                        }
                        else
                        {
                            writer.Write(value, types[c]);
                        }
                    }
                }

                await writer.CompleteAsync(ct);
            }

            foreach (var (_, definition) in ginIndexes)
            {
                await using var create = new NpgsqlCommand(definition, connection) { CommandTimeout = 600 };
                await create.ExecuteNonQueryAsync(ct);
            }

            foreach (var table in tables)
            {
                var key = table.EntityType.FindPrimaryKey();
                if (key?.Properties is [{ ValueGenerated: ValueGenerated.OnAdd, ClrType: var type } id] && (type == typeof(int) || type == typeof(long)))
                {
                    var t = BulkTable.Quote(table.Table);
                    var c = BulkTable.Quote(id.GetColumnName());
                    await using var command = new NpgsqlCommand(
                        $"SELECT setval(pg_get_serial_sequence('{t}', '{id.GetColumnName()}'), GREATEST((SELECT MAX({c}) FROM {t}), 1))", connection);
                    await command.ExecuteNonQueryAsync(ct);
                }
            }

            await transaction.CommitAsync(ct);
        }

        var copy = clock.Elapsed;
        clock.Restart();
        await using var analyze = new NpgsqlCommand("ANALYZE", connection);
        analyze.CommandTimeout = 300;
        await analyze.ExecuteNonQueryAsync(ct);
        return (copy, clock.Elapsed);
    }

    private static NpgsqlDbType NpgsqlTypeOf(RelationalTypeMapping mapping)
    {
        var storeType = mapping.StoreType;
        var parenthesis = storeType.IndexOf('(', StringComparison.Ordinal);
        var baseType = (parenthesis < 0 ? storeType : storeType[..parenthesis]).Trim();
        return baseType switch
        {
            "text" or "character varying" or "varchar" or "character" or "citext" => NpgsqlDbType.Text,
            "integer" or "int" or "int4" or "serial" => NpgsqlDbType.Integer,
            "bigint" or "int8" => NpgsqlDbType.Bigint,
            "smallint" or "int2" => NpgsqlDbType.Smallint,
            "boolean" or "bool" => NpgsqlDbType.Boolean,
            "date" => NpgsqlDbType.Date,
            "time without time zone" or "time" => NpgsqlDbType.Time,
            "timestamp with time zone" or "timestamptz" => NpgsqlDbType.TimestampTz,
            "timestamp without time zone" or "timestamp" => NpgsqlDbType.Timestamp,
            "numeric" or "decimal" => NpgsqlDbType.Numeric,
            "double precision" or "float8" => NpgsqlDbType.Double,
            "real" or "float4" => NpgsqlDbType.Real,
            "uuid" => NpgsqlDbType.Uuid,
            "bytea" => NpgsqlDbType.Bytea,
            _ => throw new NotSupportedException($"The bench cannot COPY the store type '{storeType}' yet; add it to {nameof(NpgsqlTypeOf)}."),
        };
    }
}
