using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;

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
    /// Runs <paramref name="work"/> in a transaction that first takes the write lock on the
    /// <typeparamref name="TThing"/> row with this id, and commits when it returns. The transaction runs
    /// in the execution strategy (<see cref="Transactions.InTransactionAsync{T}"/>), so on PostgreSQL a
    /// transient fault runs the lock, the count and the insert again, together.
    /// </summary>
    public static Task<T> WithLockAsync<TThing, T>(this AppDbContext db, int id, Func<CancellationToken, Task<T>> work, CancellationToken ct = default)
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
        return db.InTransactionAsync(
            async ct =>
            {
                await db.Database.ExecuteSqlRawAsync(sql, [id], ct);
                return await work(ct);
            },
            ct);
    }
}
