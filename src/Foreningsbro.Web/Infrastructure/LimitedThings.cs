using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Foreningsbro.Web.Infrastructure;

/// <summary>
/// A limited thing (a programme's places, later a subsidy budget) is used up in one step: the caller
/// opens a transaction that holds the write lock on the thing's own row, then counts what is used and
/// inserts, then commits. Whoever comes second waits at the lock and counts after the first has
/// committed, so the count can never be stale. Works the same on SQLite and PostgreSQL (ADR 0012).
/// </summary>
public static class LimitedThings
{
    /// <summary>
    /// Begins a transaction holding the write lock on the <typeparamref name="TThing"/> row with this id.
    /// Dispose it without committing to give the lock back unused.
    /// </summary>
    public static async Task<IDbContextTransaction> LockAsync<TThing>(this AppDbContext db, int id, CancellationToken ct = default)
        where TThing : class
    {
        var thing = db.Model.FindEntityType(typeof(TThing)) ?? throw new InvalidOperationException($"{typeof(TThing).Name} is not in the model.");
        var table = thing.GetTableName();
        var key = thing.FindPrimaryKey()!.Properties.Single().GetColumnName();

        // PostgreSQL: a row lock, held to the end of the transaction; under READ COMMITTED the next
        // statement sees what the one before us committed. SQLite has no row locks: a write is the
        // database's one write lock, taken here before the count (a deferred transaction that read
        // first could not upgrade without SQLITE_BUSY_SNAPSHOT), so writers queue on the busy timeout.
        var sql = db.Database.IsNpgsql()
            ? $"SELECT 1 FROM \"{table}\" WHERE \"{key}\" = {{0}} FOR UPDATE"
            : $"UPDATE \"{table}\" SET \"{key}\" = \"{key}\" WHERE \"{key}\" = {{0}}";
        var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync(sql, [id], ct);
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }

        return transaction;
    }
}
