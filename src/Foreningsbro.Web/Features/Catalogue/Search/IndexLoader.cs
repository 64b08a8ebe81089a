using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Catalogue.Search;

/// <summary>Reads teams from the database into <see cref="IndexEntry"/>s: the whole catalogue for a build, or the teams a change touched.</summary>
internal static class IndexLoader
{
    private const int Chunk = 5_000;

    /// <summary>The teams in chunks by id, so a build never holds more than a chunk's raw rows and texts.</summary>
    public static async Task<List<IndexEntry>> LoadAsync(AppDbContext db, IQueryable<Team> which, Vocabulary vocabulary, CancellationToken ct)
    {
        var entries = new List<IndexEntry>();
        // Names repeat across thousands of teams: one string each.
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        string Shared(string s) => names.TryGetValue(s, out var known) ? known : names[s] = s;
        var venues = new Dictionary<VenueSummaryDto, VenueSummaryDto>();
        var after = 0;
        while (true)
        {
            var rows = await which.AsNoTracking()
                .Where(t => t.Id > after)
                .OrderBy(t => t.Id)
                .Take(Chunk)
                .Select(TeamSummaryRow.Columns)
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
            var schedules = await TeamSummaryRow.SchedulesAsync(
                dense ? db.TeamSchedules.Where(s => s.TeamId >= first && s.TeamId <= last) : db.TeamSchedules.Where(s => ids.Contains(s.TeamId)), ct);
            var breaks = await TeamSummaryRow.BreaksAsync(
                dense ? db.TeamBreaks.Where(b => b.TeamId >= first && b.TeamId <= last) : db.TeamBreaks.Where(b => ids.Contains(b.TeamId)), ct);
            var chunk = (dense ? db.Teams.Where(t => t.Id >= first && t.Id <= last) : db.Teams.Where(t => ids.Contains(t.Id))).AsNoTracking();
            var groups = (await chunk.SelectMany(t => t.TargetGroups, (t, g) => new { TeamId = t.Id, g.Id }).ToListAsync(ct))
                .ToLookup(g => g.TeamId, g => g.Id);
            // The search text is read on its own: the rows above are what the database search reads too.
            var texts = await chunk.Select(t => new { t.Id, t.SearchText }).ToDictionaryAsync(t => t.Id, t => t.SearchText, ct);

            foreach (var r in rows)
            {
                var s = r.Summary;
                if (!venues.TryGetValue(s.Venue, out var venue))
                {
                    venues[s.Venue] = venue = new VenueSummaryDto(Shared(s.Venue.Name), Shared(s.Venue.PostalCode), Shared(s.Venue.Town));
                }

                var shown = s with
                {
                    ClubName = Shared(s.ClubName),
                    Activity = Shared(s.Activity),
                    TypicalParticipants = s.TypicalParticipants is null ? null : Shared(s.TypicalParticipants),
                    Venue = venue,
                };
                var row = r with { Summary = shown, TownKey = Shared(r.TownKey) };
                entries.Add(new IndexEntry(row, vocabulary.IdsOf(texts.GetValueOrDefault(r.Id, "")), [.. groups[r.Id]], ScheduleDto.InWeekOrder(schedules[r.Id]), [.. breaks[r.Id]]));
            }

            if (rows.Count < Chunk)
            {
                return entries;
            }
        }
    }
}
