using System.Text;
using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Foreningsbro.Web.Features.Catalogue;

/// <summary>
/// The catalogue search answered from memory (ADR 0009). The active teams, with exactly the fields
/// a search filters on and a result shows, are held in title order; a search walks them, stops when
/// it has its page and has counted to the limit, and asks the database nothing. At 100,000 teams
/// that is about 60 MB and a few milliseconds for the rarest free text, on SQLite and PostgreSQL alike.
/// <para>
/// It stays exact, not eventually right: <see cref="CatalogueChanges"/> reports every saved change
/// to a team, club, venue, activity or target group, and the next search reloads the teams concerned
/// before it answers. A change it cannot pin down (a bulk update) marks the whole index stale, and
/// searches go to the database (<see cref="TeamSearch.RunAsync"/>) until it is rebuilt in the
/// background — as they do from start-up until the first build is done.
/// </para>
/// It assumes this app instance is the only writer of the catalogue; an installation with several
/// instances turns it off (<c>Catalogue:InMemorySearch = false</c>).
/// </summary>
public sealed partial class CatalogueIndex(IServiceScopeFactory scopes, IOptions<CatalogueOptions> options, ILogger<CatalogueIndex> log) : IDisposable
{
    private readonly Lock gate = new();
    private readonly SemaphoreSlim writer = new(1, 1);
    private Snapshot? snapshot;
    private bool stale = true;        // the snapshot misses changes only a full build can bring in
    private bool buildAgain;          // a full change arrived while a build was reading
    private Task? building;
    private bool started;             // no build before the app has started (migrations may still run)
    private Changes pending = new();
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
    /// One page of the search, as <see cref="TeamSearch.RunAsync"/> gives it, from memory when the
    /// index is current and from the database otherwise.
    /// </summary>
    public async Task<TeamSearchResultDto> SearchAsync(AppDbContext db, TeamSearchQuery q, DateTimeOffset now, CancellationToken ct = default)
    {
        if (Enabled && await CurrentAsync(db, ct) is { } current)
        {
            return current.Search(q, now);
        }

        return await TeamSearch.RunAsync(db, q, now, ct);
    }

    /// <summary>Starts the first build (at start-up) without waiting for it.</summary>
    public void Warm()
    {
        if (Enabled)
        {
            StartBuild();
        }
    }

    /// <summary>Waits for the index to be current (tests and the benchmark's warm-up).</summary>
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
    internal void Changed(Changes changes)
    {
        if (changes.IsEmpty)
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

            rebuild = changes.Everything && started && Enabled;
        }

        if (rebuild)
        {
            StartBuild();
        }
    }

    /// <summary>The current snapshot with the pending changes applied, or null while it must be (re)built.</summary>
    private async ValueTask<Snapshot?> CurrentAsync(AppDbContext db, CancellationToken ct)
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
            Changes taken;
            Snapshot current;
            lock (gate)
            {
                if (snapshot is null || stale)
                {
                    return null;
                }

                (taken, pending, current) = (pending, new Changes(), snapshot);
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
                    pending = new Changes();
                }

                var elapsed = System.Diagnostics.Stopwatch.StartNew();
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var built = await Snapshot.BuildAsync(db, CancellationToken.None);
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

    /// <summary>What a set of saved changes touched: teams by id, and the teams of clubs, venues, activities and target groups.</summary>
    internal sealed class Changes
    {
        public HashSet<int> Teams { get; } = [];
        public HashSet<int> Clubs { get; } = [];
        public HashSet<int> Venues { get; } = [];
        public HashSet<int> Activities { get; } = [];
        public HashSet<int> TargetGroups { get; } = [];
        public bool Everything { get; set; }

        public bool IsEmpty => !Everything && Teams.Count + Clubs.Count + Venues.Count + Activities.Count + TargetGroups.Count == 0;

        public void Add(Changes other)
        {
            Teams.UnionWith(other.Teams);
            Clubs.UnionWith(other.Clubs);
            Venues.UnionWith(other.Venues);
            Activities.UnionWith(other.Activities);
            TargetGroups.UnionWith(other.TargetGroups);
            Everything |= other.Everything;
        }
    }

    /// <summary>One active team as the search needs it. Immutable, shared between snapshots.</summary>
    private sealed record Entry(
        int Id,
        string Title,
        int ClubId,
        string ClubName,
        int VenueId,
        int ActivityId,
        string Activity,
        Intensity Intensity,
        bool LowThreshold,
        int? FreePlaces,
        int? AgeFrom,
        int? AgeTo,
        GenderMix GenderMix,
        string? TypicalParticipants,
        VenueSummaryDto Venue,
        string TownKey,
        DateOnly? SeasonStart,
        DateOnly? SeasonEnd,
        byte[] SearchText,
        int[] TargetGroupIds,
        IReadOnlyList<ScheduleDto> Schedule,
        IReadOnlyList<DayOfWeek> Weekdays,
        (DayOfWeek Weekday, TimeOnly Start)[] Sessions,
        (DateOnly From, DateOnly To)[] Breaks);

    /// <summary>Title, then id: the order of the database's search (ordinal, as SQLite's BINARY collation).</summary>
    private static readonly Comparison<Entry> ByTitle = (a, b) =>
        string.CompareOrdinal(a.Title, b.Title) is var c and not 0 ? c : a.Id.CompareTo(b.Id);

    private sealed class Snapshot(Entry[] teams)
    {
        public int Count => teams.Length;

        public TeamSearchResultDto Search(TeamSearchQuery q, DateTimeOffset now)
        {
            var match = Matcher.For(q);
            var skip = (q.Page - 1) * q.PageSize;
            var limit = Math.Max(q.CountLimit, skip + q.PageSize);
            var page = new List<Entry>(Math.Min(q.PageSize, 100));
            var matched = 0;

            // Title order, so the first matches are the first page; the walk stops once it has
            // counted past the limit, which a common filter reaches within a few thousand teams.
            foreach (var team in teams)
            {
                if (!match.Matches(team))
                {
                    continue;
                }

                matched++;
                if (matched > skip && page.Count < q.PageSize)
                {
                    page.Add(team);
                }

                if (matched > limit)
                {
                    break;
                }
            }

            var (total, exact) = matched > limit ? (limit, false) : (matched, true);
            var items = page.Select(t => new TeamSummaryDto(
                    t.Id, t.Title, t.ClubId, t.ClubName, t.Activity, t.Intensity, t.LowThreshold, t.FreePlaces, t.AgeFrom, t.AgeTo,
                    t.GenderMix, t.TypicalParticipants, t.Venue, t.Weekdays, t.Schedule,
                    NextSession.Find(t.Sessions, t.SeasonStart, t.SeasonEnd, t.Breaks, now)))
                .ToList();
            return new TeamSearchResultDto(items, total, exact, q.Page, q.PageSize);
        }

        public static async Task<Snapshot> BuildAsync(AppDbContext db, CancellationToken ct)
        {
            var entries = await LoadAsync(db, db.Teams.Where(t => t.Status == TeamStatus.Active), ct);
            Array.Sort(entries, ByTitle);
            return new Snapshot(entries);
        }

        /// <summary>A new snapshot with the changed teams reloaded: those that are still active come back, the rest leave.</summary>
        public async Task<Snapshot> WithChangesAsync(AppDbContext db, Changes changes, CancellationToken ct)
        {
            // The teams concerned: named ones, those the snapshot holds under a changed club, venue,
            // activity or target group, and those the database now has there. One indexed query per
            // kind, rather than one OR over all of them that would read every team.
            bool Concerned(Entry e) => changes.Clubs.Contains(e.ClubId) || changes.Venues.Contains(e.VenueId)
                || changes.Activities.Contains(e.ActivityId) || e.TargetGroupIds.Any(changes.TargetGroups.Contains);
            var ids = new HashSet<int>(changes.Teams);
            if (changes.Clubs.Count + changes.Venues.Count + changes.Activities.Count + changes.TargetGroups.Count > 0)
            {
                ids.UnionWith(teams.Where(Concerned).Select(e => e.Id));
            }

            if (changes.Clubs.Count > 0)
            {
                List<int> clubIds = [.. changes.Clubs];
                ids.UnionWith(await db.Teams.Where(t => clubIds.Contains(t.ClubId)).Select(t => t.Id).ToListAsync(ct));
            }

            if (changes.Venues.Count > 0)
            {
                List<int> venueIds = [.. changes.Venues];
                ids.UnionWith(await db.Teams.Where(t => venueIds.Contains(t.VenueId)).Select(t => t.Id).ToListAsync(ct));
            }

            if (changes.Activities.Count > 0)
            {
                List<int> activityIds = [.. changes.Activities];
                ids.UnionWith(await db.Teams.Where(t => activityIds.Contains(t.ActivityId)).Select(t => t.Id).ToListAsync(ct));
            }

            if (changes.TargetGroups.Count > 0)
            {
                List<int> groupIds = [.. changes.TargetGroups];
                ids.UnionWith(await db.Teams.SelectMany(t => t.TargetGroups, (t, g) => new { t.Id, GroupId = g.Id })
                    .Where(x => groupIds.Contains(x.GroupId)).Select(x => x.Id).ToListAsync(ct));
            }

            List<int> idList = [.. ids];
            var reloaded = await LoadAsync(db, db.Teams.Where(t => idList.Contains(t.Id) && t.Status == TeamStatus.Active), ct);
            var kept = teams.Where(e => !ids.Contains(e.Id)).ToList();
            var order = Comparer<Entry>.Create(ByTitle);
            foreach (var entry in reloaded)
            {
                var at = kept.BinarySearch(entry, order);
                kept.Insert(at < 0 ? ~at : at, entry);
            }

            return new Snapshot([.. kept]);
        }

        private static async Task<Entry[]> LoadAsync(AppDbContext db, IQueryable<Team> which, CancellationToken ct)
        {
            var rows = await which.AsNoTracking()
                .Select(t => new
                {
                    t.Id,
                    t.Title,
                    t.ClubId,
                    ClubName = t.Club.Name,
                    t.VenueId,
                    t.ActivityId,
                    Activity = t.Activity.Name,
                    t.Intensity,
                    t.LowThreshold,
                    t.FreePlaces,
                    t.AgeFrom,
                    t.AgeTo,
                    t.GenderMix,
                    t.TypicalParticipants,
                    VenueName = t.Venue.Name,
                    t.Venue.PostalCode,
                    t.Venue.Town,
                    t.Venue.TownKey,
                    t.SeasonStart,
                    t.SeasonEnd,
                    t.SearchText,
                })
                .ToListAsync(ct);
            if (rows.Count == 0)
            {
                return [];
            }

            var schedules = (await db.TeamSchedules.AsNoTracking()
                    .Where(s => which.Any(t => t.Id == s.TeamId))
                    .Select(s => new { s.TeamId, s.Weekday, s.Start, s.End })
                    .ToListAsync(ct))
                .ToLookup(s => s.TeamId, s => new ScheduleDto(s.Weekday, s.Start, s.End));
            var breaks = (await db.TeamBreaks.AsNoTracking()
                    .Where(b => which.Any(t => t.Id == b.TeamId))
                    .Select(b => new { b.TeamId, b.From, b.To })
                    .ToListAsync(ct))
                .ToLookup(b => b.TeamId, b => (b.From, b.To));
            var groups = (await which.AsNoTracking()
                    .SelectMany(t => t.TargetGroups, (t, g) => new { TeamId = t.Id, g.Id })
                    .ToListAsync(ct))
                .ToLookup(g => g.TeamId, g => g.Id);

            // Names repeat across thousands of teams: one string each.
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            string Shared(string s) => names.TryGetValue(s, out var known) ? known : names[s] = s;
            var venues = new Dictionary<(string, string, string), VenueSummaryDto>();

            return [.. rows.Select(r =>
            {
                var schedule = TeamSearch.SortSchedule(schedules[r.Id]);
                var venueKey = (r.VenueName, r.PostalCode, r.Town);
                if (!venues.TryGetValue(venueKey, out var venue))
                {
                    venues[venueKey] = venue = new VenueSummaryDto(Shared(r.VenueName), Shared(r.PostalCode), Shared(r.Town));
                }

                return new Entry(
                    r.Id, r.Title, r.ClubId, Shared(r.ClubName), r.VenueId, r.ActivityId, Shared(r.Activity), r.Intensity, r.LowThreshold,
                    r.FreePlaces, r.AgeFrom, r.AgeTo, r.GenderMix, r.TypicalParticipants is null ? null : Shared(r.TypicalParticipants),
                    venue, Shared(r.TownKey), r.SeasonStart, r.SeasonEnd, Encoding.UTF8.GetBytes(r.SearchText), [.. groups[r.Id]],
                    schedule, TeamSearch.WeekdaysOf(schedule), [.. schedule.Select(s => (s.Weekday, s.Start))], [.. breaks[r.Id]]);
            })];
        }
    }

    /// <summary>
    /// A search's filters as one test per team, cheapest first; the same rules as
    /// <see cref="TeamSearch.FilterAsync"/> (the tests hold the two to the same results).
    /// </summary>
    private sealed class Matcher
    {
        private byte[][] terms = [];
        private TeamSearchQuery query = new();
        private string? postalCode;
        private string? townPrefix;

        public static Matcher For(TeamSearchQuery q)
        {
            var m = new Matcher
            {
                query = q,
                // UTF-8 is self-synchronising: a term's bytes are found in a text's bytes exactly
                // where the term is found in the text, so the folded text is kept at half the size.
                terms = [.. SearchText.Terms(q.Q).Select(Encoding.UTF8.GetBytes)],
            };
            if (!string.IsNullOrWhiteSpace(q.Place))
            {
                var place = q.Place.Trim();
                if (TeamSearch.IsPostalCode(place))
                {
                    m.postalCode = place;
                }
                else
                {
                    m.townPrefix = SearchText.Normalize(place);
                }
            }

            return m;
        }

        public bool Matches(Entry t)
        {
            var q = query;
            if ((q.ActivityId is { } activity && t.ActivityId != activity)
                || (q.Intensity is { } intensity && t.Intensity != intensity)
                || (q.FreePlaces && !(t.FreePlaces > 0))
                || (q.LowThreshold && !t.LowThreshold)
                || (postalCode is not null && t.Venue.PostalCode != postalCode)
                || (townPrefix is not null && !t.TownKey.StartsWith(townPrefix, StringComparison.Ordinal))
                || (q.TargetGroupId is { } group && Array.IndexOf(t.TargetGroupIds, group) < 0))
            {
                return false;
            }

            if ((q.Weekday is not null || q.TimeOfDay is not null) && !t.Sessions.Any(SessionMatches))
            {
                return false;
            }

            foreach (var term in terms)
            {
                if (t.SearchText.AsSpan().IndexOf(term) < 0)
                {
                    return false;
                }
            }

            return true;
        }

        // Weekday and time of day must hold for the same session, as in the database's search.
        private bool SessionMatches((DayOfWeek Weekday, TimeOnly Start) s) =>
            (query.Weekday is not { } day || s.Weekday == day)
            && query.TimeOfDay switch
            {
                TimeOfDay.Morning => s.Start < TeamSearchQuery.Noon,
                TimeOfDay.Afternoon => s.Start >= TeamSearchQuery.Noon && s.Start < TeamSearchQuery.FivePm,
                TimeOfDay.Evening => s.Start >= TeamSearchQuery.FivePm,
                _ => true,
            };
    }
}
