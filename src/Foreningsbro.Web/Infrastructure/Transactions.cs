using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace Foreningsbro.Web.Infrastructure;

/// <summary>
/// Every explicit transaction runs through <see cref="InTransactionAsync{T}"/> (issue 14, finding 3).
/// On PostgreSQL the context retries transient faults (a terminated backend, a restart, a dropped
/// connection); a retrying strategy can only retry a transaction as a whole, so the unit of work is
/// a delegate that the strategy may run again from the start. On SQLite the strategy runs it once.
/// </summary>
public static class Transactions
{
    /// <summary>
    /// Runs <paramref name="work"/> in a transaction and commits when it returns (a unit that changed
    /// nothing commits nothing). Entities an attempt began to track are let go before the next attempt,
    /// which makes its own, so work that adds what it saves may save as usual. Changes to entities tracked
    /// before the call must be saved with <c>SaveChangesAsync(acceptAllChangesOnSuccess: false)</c>: they
    /// are accepted here once the commit has succeeded, so a retry saves them again.
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this AppDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken ct = default)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        var before = new HashSet<object>(db.ChangeTracker.Entries().Select(e => e.Entity), ReferenceEqualityComparer.Instance);
        var attempt = 0;
        return strategy.ExecuteAsync(async ct =>
        {
            if (attempt++ > 0)
            {
                foreach (var entry in db.ChangeTracker.Entries().Where(e => !before.Contains(e.Entity)).ToList())
                {
                    entry.State = EntityState.Detached;
                }
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                var result = await work(ct);
                await transaction.CommitAsync(ct);
                db.ChangeTracker.AcceptAllChanges();
                return result;
            }
            catch (Exception e) when (e is not ConnectionLostException && IsLostConnection(db, e))
            {
                // A connection that broke under an open transaction surfaces as "transaction is already
                // completed" or a disposed transaction, which the strategy would not know to retry.
                throw new ConnectionLostException(e);
            }
        }, ct);
    }

    private static bool IsLostConnection(AppDbContext db, Exception e)
    {
        if (db.Database.GetDbConnection() is not NpgsqlConnection connection)
        {
            return false;
        }

        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is PostgresException { SqlState: "57P01" or "57P02" or "57P03" } || x is NpgsqlException { IsTransient: true })
            {
                return true;
            }
        }

        return e is InvalidOperationException && connection.FullState != System.Data.ConnectionState.Open;
    }

    /// <summary>The same, for work that returns nothing.</summary>
    public static Task InTransactionAsync(this AppDbContext db, Func<CancellationToken, Task> work, CancellationToken ct = default) =>
        db.InTransactionAsync(async ct =>
        {
            await work(ct);
            return true;
        }, ct);

}

/// <summary>The database connection broke during a unit of work: worth running the unit again.</summary>
public sealed class ConnectionLostException(Exception inner) : Exception("The database connection broke during a transaction.", inner);

/// <summary>
/// Npgsql's retrying strategy with a short back-off (at most 2 s between attempts), that also retries
/// 57P01-57P03 (the server ending a connection: pg_terminate_backend, a shutdown, a restart not yet
/// taking connections) and a connection lost under a transaction (<see cref="ConnectionLostException"/>).
/// </summary>
public sealed class PostgresRetryStrategy(ExecutionStrategyDependencies dependencies, int retries)
    : NpgsqlRetryingExecutionStrategy(dependencies, retries, TimeSpan.FromSeconds(2), ["57P01", "57P02", "57P03"])
{
    protected override bool ShouldRetryOn(Exception? exception) => exception is ConnectionLostException || base.ShouldRetryOn(exception);
}
