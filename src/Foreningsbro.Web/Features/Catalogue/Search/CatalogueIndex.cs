using Foreningsbro.Web.Data;
using Microsoft.Extensions.Options;

namespace Foreningsbro.Web.Features.Catalogue.Search;

/// <summary>
/// The catalogue search answered from memory (ADR 0009). The active teams, with exactly the fields
/// a search filters on and a result shows, are held in title order; a search walks them, stops when
/// it has its page and has counted to the limit, and asks the database nothing. At 100,000 teams
/// free text is looked up in a word index, so even a rare word costs well under a millisecond, on
/// SQLite and PostgreSQL alike.
/// <para>
/// It stays exact, not eventually right: <see cref="CatalogueChanges"/> reports every saved change
/// to a team, club, venue, activity or target group, and the next search reloads the teams concerned
/// before it answers. A change it cannot pin down (a bulk update) marks the whole index stale, and
/// searches go to the database (<see cref="DatabaseSearch.RunAsync"/>) until it is rebuilt in the
/// background — as they do from start-up until the first build is done.
/// </para>
/// <para>
/// It assumes this app instance is the only writer of the catalogue; an installation with several
/// instances turns it off (<c>Catalogue:InMemorySearch = false</c>).
/// </para>
/// This class decides when the index is ready and keeps it current; the parts: <see cref="IndexSnapshot"/>
/// (the teams in title order, and the walk that finds a page), <see cref="IndexLoader"/> (reading teams in
/// chunks), <see cref="WordIndex"/> (free text: vocabulary and postings), <see cref="IndexColumns"/> and
/// <see cref="IndexFilter"/> (the other filters, on column arrays), <see cref="IndexChanges"/> (what a save touched).
/// </summary>
public sealed partial class CatalogueIndex(IServiceScopeFactory scopes, IOptions<CatalogueOptions> options, ILogger<CatalogueIndex> log) : IDisposable
{
    private readonly Lock gate = new();
    private readonly SemaphoreSlim writer = new(1, 1);
    private IndexSnapshot? snapshot;
    private bool stale = true;        // the snapshot misses changes only a full build can bring in
    private bool buildAgain;          // a full change arrived while a build was reading
    private Task? building;
    private bool started;             // no build before the app has started (migrations may still run)
    private IndexChanges pending = new();
    private Exception? lastFailure;

    public bool Enabled => options.Value.InMemorySearch;

    /// <summary>Whether the index is built and current, so a search now is answered from memory.</summary>
    public bool IsReady
    {
        get
        {
            lock (gate)
            {
                return snapshot is not null && !stale;
            }
        }
    }

    /// <summary>
    /// One page of the search, as <see cref="DatabaseSearch.RunAsync"/> gives it, from memory when the
    /// index is current and from the database otherwise.
    /// </summary>
    public async Task<TeamSearchResultDto> SearchAsync(AppDbContext db, TeamSearchQuery q, DateTimeOffset now, CancellationToken ct = default)
    {
        if (Enabled && await CurrentAsync(db, ct) is { } current)
        {
            return current.Search(q, now);
        }

        return await DatabaseSearch.RunAsync(db, q, now, ct);
    }

    /// <summary>Starts the first build (at start-up) without waiting for it.</summary>
    public void Warm()
    {
        if (Enabled)
        {
            StartBuild();
        }
    }

    /// <summary>Waits for the index to be current (tests; the benchmark waits for the "built" log line).</summary>
    public async Task WaitUntilReadyAsync(CancellationToken ct = default)
    {
        while (!IsReady)
        {
            StartBuild();
            Task? running;
            lock (gate)
            {
                running = building;
            }

            if (running is not null)
            {
                await running.WaitAsync(ct);
            }

            if (lastFailure is { } failure)
            {
                throw new InvalidOperationException("The catalogue search index could not be built.", failure);
            }
        }
    }

    /// <summary>Saved changes, reported by <see cref="CatalogueChanges"/> once they are committed.</summary>
    internal void Changed(IndexChanges changes)
    {
        if (changes.IsEmpty || !Enabled)
        {
            return;
        }

        bool rebuild;
        lock (gate)
        {
            if (changes.Everything)
            {
                stale = true;
                buildAgain = true;
            }
            else
            {
                pending.Add(changes);
            }

            rebuild = changes.Everything && started;
        }

        if (rebuild)
        {
            StartBuild();
        }
    }

    /// <summary>The current snapshot with the pending changes applied, or null while it must be (re)built.</summary>
    private async ValueTask<IndexSnapshot?> CurrentAsync(AppDbContext db, CancellationToken ct)
    {
        lock (gate)
        {
            if (snapshot is not null && !stale && pending.IsEmpty)
            {
                return snapshot;
            }
        }

        if (!IsReady)
        {
            StartBuild();
            return null;
        }

        await writer.WaitAsync(ct);
        try
        {
            IndexChanges taken;
            IndexSnapshot current;
            lock (gate)
            {
                if (snapshot is null || stale)
                {
                    return null;
                }

                (taken, pending, current) = (pending, new IndexChanges(), snapshot);
            }

            if (taken.IsEmpty)
            {
                return current;
            }

            try
            {
                var updated = await current.WithChangesAsync(db, taken, ct);
                lock (gate)
                {
                    snapshot = updated;
                }

                return updated;
            }
            catch
            {
                lock (gate)
                {
                    pending.Add(taken);
                }

                throw;
            }
        }
        finally
        {
            writer.Release();
        }
    }

    private void StartBuild()
    {
        lock (gate)
        {
            started = true;
            if (building is not null || (snapshot is not null && !stale))
            {
                return;
            }

            building = Task.Run(BuildAsync);
        }
    }

    private async Task BuildAsync()
    {
        await writer.WaitAsync();
        try
        {
            while (true)
            {
                lock (gate)
                {
                    // Changes from here on are applied to what this build reads, so none is lost.
                    buildAgain = false;
                    pending = new IndexChanges();
                }

                var elapsed = System.Diagnostics.Stopwatch.StartNew();
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var built = await IndexSnapshot.BuildAsync(db, CancellationToken.None);
                Built(log, built.Count, elapsed.ElapsedMilliseconds);

                lock (gate)
                {
                    snapshot = built;
                    lastFailure = null;
                    if (!buildAgain)
                    {
                        stale = false;
                        building = null;
                        return;
                    }
                }
            }
        }
        catch (Exception e)
        {
            // Searches keep going to the database; the next one tries again.
            BuildFailed(log, e);
            lock (gate)
            {
                lastFailure = e;
                building = null;
            }
        }
        finally
        {
            writer.Release();
        }
    }

    public void Dispose() => writer.Dispose();

    [LoggerMessage(LogLevel.Information, "Catalogue search index built: {Teams} active teams in {Elapsed} ms")]
    private static partial void Built(ILogger logger, int teams, long elapsed);

    [LoggerMessage(LogLevel.Warning, "Catalogue search index could not be built; searches use the database")]
    private static partial void BuildFailed(ILogger logger, Exception e);
}
