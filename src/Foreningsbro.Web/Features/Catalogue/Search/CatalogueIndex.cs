using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Foreningsbro.Web.Features.Catalogue;

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
    internal void Changed(Changes changes)
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
        int[] Words,
        int[] TargetGroupIds,
        IReadOnlyList<ScheduleDto> Schedule,
        (DateOnly From, DateOnly To)[] Breaks);

    /// <summary>Title, then id: the order of the database's search (ordinal, as SQLite's BINARY collation).</summary>
    private static readonly Comparison<Entry> ByTitle = (a, b) =>
        string.CompareOrdinal(a.Title, b.Title) is var c and not 0 ? c : a.Id.CompareTo(b.Id);

    /// <summary>
    /// The words of every team's folded search text, each stored once; a team keeps the ids of its
    /// words. <see cref="SearchText.Normalize"/> leaves single spaces between words and a search
    /// term has none, so a term is in a team's text exactly when it is inside one of its words.
    /// Append-only; shared by the snapshots between two full builds.
    /// </summary>
    private sealed class Vocabulary
    {
        private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
        private string[] words = new string[4096];
        private int count;

        public int Count => Volatile.Read(ref count);

        /// <summary>Words with an id below <paramref name="upTo"/>; safe to read while words are added.</summary>
        public ReadOnlySpan<string> Words(int upTo) => Volatile.Read(ref words).AsSpan(0, upTo);

        public int[] IdsOf(string searchText)
        {
            var parts = searchText.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var result = new HashSet<int>();
            lock (ids)
            {
                foreach (var word in parts)
                {
                    if (!ids.TryGetValue(word, out var id))
                    {
                        id = count;
                        if (id == words.Length)
                        {
                            var grown = new string[words.Length * 2];
                            words.CopyTo(grown, 0);
                            Volatile.Write(ref words, grown);
                        }

                        words[id] = word;
                        ids[word] = id;
                        Volatile.Write(ref count, id + 1);
                    }

                    result.Add(id);
                }
            }

            var sorted = result.ToArray();
            Array.Sort(sorted);
            return sorted;
        }
    }

    /// <summary>What a term matches in one snapshot: the teams' positions (a rare term), or the words (a common one).</summary>
    private sealed record TermMatch(int[]? Positions, bool[]? Words);

    private sealed class Snapshot(Entry[] teams, Vocabulary vocabulary)
    {
        private const int LoadChunk = 5_000;

        // Per word, the positions (in title order) of the teams that have it; built on the first
        // free-text search of a snapshot, so a run of edits does not rebuild it each time.
        private readonly Lazy<int[][]> postings = new(() => BuildPostings(teams, vocabulary.Count));
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TermMatch> terms = new(StringComparer.Ordinal);

        // The filtered fields side by side in arrays: a scan of 100,000 teams reads them in order
        // instead of visiting 100,000 objects (10-20 ms of cache misses down to well under 1 ms).
        private readonly Lazy<Columns> columns = new(() => new Columns(teams));

        public int Count => teams.Length;

        public TeamSearchResultDto Search(TeamSearchQuery q, DateTimeOffset now)
        {
            var match = Filter.For(q, columns.Value, teams);
            var skip = (q.Page - 1) * q.PageSize;
            var limit = Math.Max(q.CountLimit, skip + q.PageSize);
            var page = new List<Entry>(Math.Min(q.PageSize, 100));
            var matched = 0;

            // Rare terms give the only teams worth looking at, in title order; common terms are
            // checked on each team against their matching words.
            int[]? candidates = null;
            var common = new List<bool[]>();
            foreach (var term in SearchText.Terms(q.Q))
            {
                var m = Match(term);
                if (m.Positions is { } positions)
                {
                    candidates = candidates is null ? positions : Intersect(candidates, positions);
                }
                else
                {
                    common.Add(m.Words!);
                }
            }

            var n = candidates?.Length ?? teams.Length;
            for (var k = 0; k < n; k++)
            {
                var at = candidates is null ? k : candidates[k];
                if (!match.Matches(at) || !HasAll(teams[at].Words, common))
                {
                    continue;
                }

                var team = teams[at];

                matched++;
                if (matched > skip && page.Count < q.PageSize)
                {
                    page.Add(team);
                }

                // Title order, so the first matches are the first page; stop once counted past
                // the limit, which a common filter reaches within a few thousand teams.
                if (matched > limit)
                {
                    break;
                }
            }

            var (total, exact) = matched > limit ? (limit, false) : (matched, true);
            var items = page.Select(t => new TeamSummaryDto(
                    t.Id, t.Title, t.ClubId, t.ClubName, t.Activity, t.Intensity, t.LowThreshold, t.FreePlaces, t.AgeFrom, t.AgeTo,
                    t.GenderMix, t.TypicalParticipants, t.Venue, TeamSearch.WeekdaysOf(t.Schedule), t.Schedule,
                    NextSession.Find([.. t.Schedule.Select(s => (s.Weekday, s.Start))], t.SeasonStart, t.SeasonEnd, t.Breaks, now)))
                .ToList();
            return new TeamSearchResultDto(items, total, exact, q.Page, q.PageSize);
        }

        private static bool HasAll(int[] words, List<bool[]> common)
        {
            foreach (var matching in common)
            {
                var found = false;
                foreach (var w in words)
                {
                    if (w < matching.Length && matching[w])
                    {
                        found = true;
                        break;
                    }
                }

                if (!found)
                {
                    return false;
                }
            }

            return true;
        }

        private TermMatch Match(string term)
        {
            if (terms.TryGetValue(term, out var known))
            {
                return known;
            }

            var byWord = postings.Value;
            var words = vocabulary.Words(byWord.Length);
            var hits = new List<int>();
            long total = 0;
            for (var w = 0; w < words.Length; w++)
            {
                if (words[w].Contains(term, StringComparison.Ordinal))
                {
                    hits.Add(w);
                    total += byWord[w].Length;
                }
            }

            TermMatch result;
            if (total > teams.Length / 8)
            {
                var matching = new bool[words.Length];
                foreach (var w in hits)
                {
                    matching[w] = true;
                }

                result = new TermMatch(null, matching);
            }
            else
            {
                var positions = hits.SelectMany(w => byWord[w]).Distinct().ToArray();
                Array.Sort(positions);
                result = new TermMatch(positions, null);
            }

            // Terms repeat (activities, towns); a snapshot remembers a bounded number of them.
            if (terms.Count > 5_000)
            {
                terms.Clear();
            }

            terms[term] = result;
            return result;
        }

        private static int[] Intersect(int[] a, int[] b)
        {
            var result = new List<int>(Math.Min(a.Length, b.Length));
            for (int i = 0, j = 0; i < a.Length && j < b.Length;)
            {
                if (a[i] == b[j])
                {
                    result.Add(a[i]);
                    i++;
                    j++;
                }
                else if (a[i] < b[j])
                {
                    i++;
                }
                else
                {
                    j++;
                }
            }

            return [.. result];
        }

        private static int[][] BuildPostings(Entry[] teams, int wordCount)
        {
            var counts = new int[wordCount];
            foreach (var team in teams)
            {
                foreach (var w in team.Words)
                {
                    counts[w]++;
                }
            }

            var byWord = new int[wordCount][];
            for (var w = 0; w < wordCount; w++)
            {
                byWord[w] = counts[w] == 0 ? [] : new int[counts[w]];
            }

            Array.Clear(counts);
            for (var i = 0; i < teams.Length; i++)
            {
                foreach (var w in teams[i].Words)
                {
                    byWord[w][counts[w]++] = i;
                }
            }

            return byWord;
        }

        public static async Task<Snapshot> BuildAsync(AppDbContext db, CancellationToken ct)
        {
            var vocabulary = new Vocabulary();
            var entries = await LoadAsync(db, db.Teams.Where(t => t.Status == TeamStatus.Active), vocabulary, ct);
            entries.Sort(ByTitle);
            return new Snapshot([.. entries], vocabulary);
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
            var reloaded = await LoadAsync(db, db.Teams.Where(t => idList.Contains(t.Id) && t.Status == TeamStatus.Active), vocabulary, ct);
            var kept = teams.Where(e => !ids.Contains(e.Id)).ToList();
            var order = Comparer<Entry>.Create(ByTitle);
            foreach (var entry in reloaded)
            {
                var at = kept.BinarySearch(entry, order);
                kept.Insert(at < 0 ? ~at : at, entry);
            }

            return new Snapshot([.. kept], vocabulary);
        }

        /// <summary>The teams in chunks by id, so a build never holds more than a chunk's raw rows and texts.</summary>
        private static async Task<List<Entry>> LoadAsync(AppDbContext db, IQueryable<Team> which, Vocabulary vocabulary, CancellationToken ct)
        {
            var entries = new List<Entry>();
            // Names repeat across thousands of teams: one string each.
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            string Shared(string s) => names.TryGetValue(s, out var known) ? known : names[s] = s;
            var venues = new Dictionary<(string, string, string), VenueSummaryDto>();
            var after = 0;
            while (true)
            {
                var rows = await which.AsNoTracking()
                    .Where(t => t.Id > after)
                    .OrderBy(t => t.Id)
                    .Take(LoadChunk)
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
                    return entries;
                }

                var (first, last) = (rows[0].Id, rows[^1].Id);
                after = last;
                List<int> ids = [.. rows.Select(r => r.Id)];
                // A full build reads ids nearly in sequence: a range is read from the TeamId index
                // (SQLite scanned the schedules for a long IN list: 15 s instead of 5 s at 100,000).
                var dense = last - first < 4 * rows.Count;
                var schedules = (await (dense
                            ? db.TeamSchedules.Where(s => s.TeamId >= first && s.TeamId <= last)
                            : db.TeamSchedules.Where(s => ids.Contains(s.TeamId)))
                        .AsNoTracking()
                        .Select(s => new { s.TeamId, s.Weekday, s.Start, s.End })
                        .ToListAsync(ct))
                    .ToLookup(s => s.TeamId, s => new ScheduleDto(s.Weekday, s.Start, s.End));
                var breaks = (await (dense
                            ? db.TeamBreaks.Where(b => b.TeamId >= first && b.TeamId <= last)
                            : db.TeamBreaks.Where(b => ids.Contains(b.TeamId)))
                        .AsNoTracking()
                        .Select(b => new { b.TeamId, b.From, b.To })
                        .ToListAsync(ct))
                    .ToLookup(b => b.TeamId, b => (b.From, b.To));
                var groups = (await (dense
                            ? db.Teams.Where(t => t.Id >= first && t.Id <= last)
                            : db.Teams.Where(t => ids.Contains(t.Id)))
                        .AsNoTracking()
                        .SelectMany(t => t.TargetGroups, (t, g) => new { TeamId = t.Id, g.Id })
                        .ToListAsync(ct))
                    .ToLookup(g => g.TeamId, g => g.Id);

                foreach (var r in rows)
                {
                    var schedule = TeamSearch.SortSchedule(schedules[r.Id]);
                    var venueKey = (r.VenueName, r.PostalCode, r.Town);
                    if (!venues.TryGetValue(venueKey, out var venue))
                    {
                        venues[venueKey] = venue = new VenueSummaryDto(Shared(r.VenueName), Shared(r.PostalCode), Shared(r.Town));
                    }

                    entries.Add(new Entry(
                        r.Id, r.Title, r.ClubId, Shared(r.ClubName), r.VenueId, r.ActivityId, Shared(r.Activity), r.Intensity, r.LowThreshold,
                        r.FreePlaces, r.AgeFrom, r.AgeTo, r.GenderMix, r.TypicalParticipants is null ? null : Shared(r.TypicalParticipants),
                        venue, Shared(r.TownKey), r.SeasonStart, r.SeasonEnd, vocabulary.IdsOf(r.SearchText), [.. groups[r.Id]],
                        schedule, [.. breaks[r.Id]]));
                }

                if (rows.Count < LoadChunk)
                {
                    return entries;
                }
            }
        }
    }

    /// <summary>The filtered fields of a snapshot's teams, by position (title order).</summary>
    private sealed class Columns
    {
        public const byte LowThreshold = 1;
        public const byte HasFreePlaces = 2;

        public Columns(Entry[] teams)
        {
            var n = teams.Length;
            (Activity, Intensity, Flags, PostalCode, Town, DayTime, Groups) = (new int[n], new byte[n], new byte[n], new int[n], new int[n], new int[n], new ulong[n]);
            var towns = new Dictionary<string, int>(StringComparer.Ordinal);
            var groups = new Dictionary<int, int>();
            foreach (var id in teams.SelectMany(t => t.TargetGroupIds).Distinct().Order())
            {
                groups[id] = groups.Count;
            }

            GroupsFit = groups.Count <= 64;
            for (var i = 0; i < n; i++)
            {
                var t = teams[i];
                Activity[i] = t.ActivityId;
                Intensity[i] = (byte)t.Intensity;
                Flags[i] = (byte)((t.LowThreshold ? LowThreshold : 0) | (t.FreePlaces > 0 ? HasFreePlaces : 0));
                PostalCode[i] = PostalCodes.TryGetValue(t.Venue.PostalCode, out var code) ? code : PostalCodes[t.Venue.PostalCode] = PostalCodes.Count;
                Town[i] = towns.TryGetValue(t.TownKey, out var town) ? town : towns[t.TownKey] = towns.Count;
                foreach (var s in t.Schedule)
                {
                    DayTime[i] |= 1 << DayTimeBit(s.Weekday, s.Start);
                }

                if (GroupsFit)
                {
                    foreach (var g in t.TargetGroupIds)
                    {
                        Groups[i] |= 1UL << groups[g];
                    }
                }
            }

            TownKeys = [.. towns.OrderBy(x => x.Value).Select(x => x.Key)];
            GroupBits = groups;
        }

        public int[] Activity { get; }
        public byte[] Intensity { get; }
        public byte[] Flags { get; }
        public int[] PostalCode { get; }
        public int[] Town { get; }
        /// <summary>Per team, a bit for each (weekday, time of day) it has a session at: weekday × 3 + time of day.</summary>
        public int[] DayTime { get; }
        public ulong[] Groups { get; }
        public Dictionary<string, int> PostalCodes { get; } = new(StringComparer.Ordinal);
        public string[] TownKeys { get; }
        public Dictionary<int, int> GroupBits { get; }
        /// <summary>At most 64 target groups in use, so each team's fit in one bit mask (otherwise each team's list is searched).</summary>
        public bool GroupsFit { get; }

        public static int DayTimeBit(DayOfWeek day, TimeOnly start) => ((int)day * 3) + (int)TimeOfDayOf(start);

        public static TimeOfDay TimeOfDayOf(TimeOnly start) =>
            start < TeamSearchQuery.Noon ? TimeOfDay.Morning : start < TeamSearchQuery.FivePm ? TimeOfDay.Afternoon : TimeOfDay.Evening;
    }

    /// <summary>
    /// A search's filters other than free text, tested on a team's position in <see cref="Columns"/>;
    /// the same rules as <see cref="TeamSearch.FilterAsync"/> (the tests hold the two to the same results).
    /// </summary>
    private sealed class Filter
    {
        private Columns c = null!;
        private Entry[]? teamsForGroups;
        private bool none;
        private int? activity;
        private int intensity = -1;
        private byte flags;
        private int postalCode = -1;
        private bool[]? towns;
        private int dayTime;
        private ulong group;
        private int? groupId;

        public static Filter For(TeamSearchQuery q, Columns columns, Entry[] teams)
        {
            var f = new Filter { c = columns, activity = q.ActivityId, intensity = q.Intensity is { } i ? (int)i : -1 };
            f.flags = (byte)((q.LowThreshold ? Columns.LowThreshold : 0) | (q.FreePlaces ? Columns.HasFreePlaces : 0));
            if (!string.IsNullOrWhiteSpace(q.Place))
            {
                var place = q.Place.Trim();
                if (TeamSearch.IsPostalCode(place))
                {
                    f.none |= !columns.PostalCodes.TryGetValue(place, out f.postalCode);
                }
                else
                {
                    var prefix = SearchText.Normalize(place);
                    f.towns = [.. columns.TownKeys.Select(k => k.StartsWith(prefix, StringComparison.Ordinal))];
                }
            }

            // Weekday and time of day must hold for the same session, as in the database's search.
            if (q.Weekday is not null || q.TimeOfDay is not null)
            {
                foreach (var day in Enum.GetValues<DayOfWeek>().Where(d => q.Weekday is null || d == q.Weekday))
                {
                    foreach (var time in Enum.GetValues<TimeOfDay>().Where(t => q.TimeOfDay is null || t == q.TimeOfDay))
                    {
                        f.dayTime |= 1 << ((int)day * 3 + (int)time);
                    }
                }
            }

            if (q.TargetGroupId is { } g)
            {
                if (!columns.GroupsFit)
                {
                    (f.groupId, f.teamsForGroups) = (g, teams);
                }
                else if (columns.GroupBits.TryGetValue(g, out var bit))
                {
                    f.group = 1UL << bit;
                }
                else
                {
                    f.none = true;
                }
            }

            return f;
        }

        public bool Matches(int i) =>
            !none
            && (activity is not { } a || c.Activity[i] == a)
            && (intensity < 0 || c.Intensity[i] == intensity)
            && (c.Flags[i] & flags) == flags
            && (postalCode < 0 || c.PostalCode[i] == postalCode)
            && (towns is null || towns[c.Town[i]])
            && (dayTime == 0 || (c.DayTime[i] & dayTime) != 0)
            && (group == 0 || (c.Groups[i] & group) != 0)
            && (groupId is not { } id || Array.IndexOf(teamsForGroups![i].TargetGroupIds, id) >= 0);
    }
}
