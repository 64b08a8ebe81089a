using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Catalogue.Search;

/// <summary>
/// The search asked of the database: the fallback while the in-memory index (<see cref="CatalogueIndex"/>)
/// is being built, and every search when it is turned off. The same rules as <see cref="IndexFilter"/>;
/// the tests hold the two to the same results (ADR 0009).
/// </summary>
public static class DatabaseSearch
{
    /// <summary>
    /// Teams a citizen can be sent to: active ones. Paused and archived teams are not found.
    /// FewTextMatches: the free text matches few enough teams to sort them all (see RunAsync).
    /// </summary>
    public static async Task<(IQueryable<Team> Teams, bool FewTextMatches)> FilterAsync(AppDbContext db, TeamSearchQuery q, CancellationToken ct = default)
    {
        var teams = db.Teams.AsNoTracking().Where(t => t.Status == TeamStatus.Active);

        IEnumerable<string> terms = SearchText.Terms(q.Q);
        var few = false;
        if (db.Database.IsSqlite() && await FreeTextIndex.FewMatchesAsync(db, [.. terms], ct) is { } matches)
        {
            teams = teams.Where(t => matches.Ids.Contains(t.Id));
            terms = matches.NotIndexed;
            few = true;
        }

        foreach (var term in terms)
        {
            teams = teams.Where(t => t.SearchText.Contains(term));
        }

        if (db.Database.IsNpgsql() && terms.Any())
        {
            // The trigram index counts a rare word's matches in milliseconds, and a common word
            // reaches the limit within its first few thousand rows.
            few = await teams.Take(FreeTextIndex.MaxSortedMatches).CountAsync(ct) < FreeTextIndex.MaxSortedMatches;
        }

        if (q.ActivityId is { } activity)
        {
            teams = teams.Where(t => t.ActivityId == activity);
        }

        if (q.TargetGroupId is { } group)
        {
            teams = teams.Where(t => t.TargetGroups.Any(g => g.Id == group));
        }

        if (q.Intensity is { } intensity)
        {
            teams = teams.Where(t => t.Intensity == intensity);
        }

        if (q.Weekday is not null || q.TimeOfDay is not null)
        {
            // Weekday and time of day must hold for the same session: "tuesday morning" is not
            // "tuesday evening plus thursday morning".
            var sessions = db.TeamSchedules.AsQueryable();
            if (q.Weekday is { } weekday)
            {
                sessions = sessions.Where(s => s.Weekday == weekday);
            }

            sessions = q.TimeOfDay switch
            {
                TimeOfDay.Morning => sessions.Where(s => s.Start < TimesOfDay.Noon),
                TimeOfDay.Afternoon => sessions.Where(s => s.Start >= TimesOfDay.Noon && s.Start < TimesOfDay.FivePm),
                TimeOfDay.Evening => sessions.Where(s => s.Start >= TimesOfDay.FivePm),
                _ => sessions,
            };

            // With a weekday across the country, "Id IN (sessions)" lets the (Weekday, Start, TeamId)
            // index answer once (count 70 ms instead of 400 ms at 100,000 teams on SQLite). Without a
            // weekday that index does not apply, and with a place the place's index finds a few hundred
            // teams whose sessions are cheaper to check one by one than listing the whole country's
            // (town + weekday at 100,000 teams on SQLite: 100-150 ms to 8 ms, round 3).
            var teamIds = sessions.Select(s => s.TeamId);
            teams = q.Weekday is not null && string.IsNullOrWhiteSpace(q.Place)
                ? teams.Where(t => teamIds.Contains(t.Id))
                : teams.Where(t => teamIds.Any(id => id == t.Id));
        }

        if (!string.IsNullOrWhiteSpace(q.Place))
        {
            var place = q.Place.Trim();
            if (TeamSearchQuery.IsPostalCode(place))
            {
                teams = teams.Where(t => t.Venue.PostalCode == place);
            }
            else
            {
                var town = SearchText.Normalize(place);
                if (db.Database.IsSqlite() && town.Length > 0)
                {
                    // SQLite's LIKE ignores ASCII case, so it cannot use the TownKey index (BINARY);
                    // a range of the same keys can. TownKey is folded, so byte order is prefix order.
                    var after = string.Concat(town.AsSpan(0, town.Length - 1), ((char)(town[^1] + 1)).ToString());
                    teams = teams.Where(t => t.Venue.TownKey.CompareTo(town) >= 0 && t.Venue.TownKey.CompareTo(after) < 0);
                }
                else
                {
                    teams = teams.Where(t => t.Venue.TownKey.StartsWith(town));
                }
            }
        }

        if (q.FreePlaces)
        {
            teams = teams.Where(t => t.FreePlaces > 0);
        }

        if (q.LowThreshold)
        {
            teams = teams.Where(t => t.LowThreshold);
        }

        return (teams, few);
    }

    /// <summary>
    /// One page of the search, and how many teams match, counted up to the query's
    /// <see cref="TeamSearchQuery.CountLimit"/> (or to the end of the page asked for, if that is further).
    /// </summary>
    public static async Task<TeamSearchResultDto> RunAsync(AppDbContext db, TeamSearchQuery q, DateTimeOffset now, CancellationToken ct = default)
    {
        var (filtered, fewTextMatches) = await FilterAsync(db, q, ct);
        var skip = (q.Page - 1) * q.PageSize;

        // One query for the page's teams, then their schedules and breaks by id: the filter (which
        // may scan SearchText) runs once, not once per collection as a split query would run it.
        // Title order is what the (Status, Title) index gives, so a page is read from the index
        // instead of sorting every active team: at 100,000 teams 7 ms instead of 500 ms on SQLite.
        // But a few thousand free-text matches are cheaper to sort than to find along that index:
        // PostgreSQL's planner expects them spread evenly over it, while an activity's teams bunch
        // under a few letters ("Stavgang…": 35,000 index entries read for a page, 152 ms; sorting
        // the 3,756 matches: 17 ms). Title || '' sorts the same but cannot use the index.
        var ordered = fewTextMatches && db.Database.IsNpgsql()
            ? filtered.OrderBy(t => t.Title + "")
            : filtered.OrderBy(t => t.Title);
        var rows = await ordered
            .ThenBy(t => t.Id)
            .Skip(skip)
            .Take(q.PageSize)
            .Select(TeamSummaryRow.Columns)
            .ToListAsync(ct);

        // A short page is the last one, so its rows give the total without counting. Otherwise
        // count, but stop past the limit: an exact count of a common word ("senior" matches a fifth
        // of a national catalogue) must test every match, and "over 500 hold" tells a caseworker
        // as much as "19,893 hold" (docs/benchmarks.md, round 3).
        var (total, exact) = (skip + rows.Count, true);
        if (rows.Count == q.PageSize || (rows.Count == 0 && skip > 0))
        {
            var limit = Math.Max(q.CountLimit, skip + q.PageSize);
            var counted = await filtered.Take(limit + 1).CountAsync(ct);
            (total, exact) = counted > limit ? (limit, false) : (counted, true);
        }

        if (rows.Count == 0)
        {
            return new TeamSearchResultDto([], total, exact, q.Page, q.PageSize);
        }

        var ids = rows.Select(r => r.Id).ToList();
        var schedules = await TeamSummaryRow.SchedulesAsync(db.TeamSchedules.Where(s => ids.Contains(s.TeamId)), ct);
        var breaks = await TeamSummaryRow.BreaksAsync(db.TeamBreaks.Where(b => ids.Contains(b.TeamId)), ct);
        var items = rows.Select(r => r.ToSummary(ScheduleDto.InWeekOrder(schedules[r.Id]), [.. breaks[r.Id]], now)).ToList();

        return new TeamSearchResultDto(items, total, exact, q.Page, q.PageSize);
    }
}
