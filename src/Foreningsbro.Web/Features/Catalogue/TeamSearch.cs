using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Catalogue;

public enum TimeOfDay
{
    Morning,
    Afternoon,
    Evening,
}

/// <summary>
/// The catalogue search shared by the search page and GET /api/v1/teams. Values arrive as the
/// strings of a query string and are checked here, so that both callers give the same errors.
/// </summary>
public sealed record TeamSearchQuery
{
    public string? Q { get; init; }
    public int? ActivityId { get; init; }
    public DayOfWeek? Weekday { get; init; }
    public TimeOfDay? TimeOfDay { get; init; }
    public int? TargetGroupId { get; init; }
    public Intensity? Intensity { get; init; }
    /// <summary>A four-digit postal code or a town name.</summary>
    public string? Place { get; init; }
    public bool FreePlaces { get; init; }
    public bool LowThreshold { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;

    public const int MaxPageSize = 100;

    // Morning ends at noon, afternoon at five: the split caseworkers and clubs speak of.
    public static readonly TimeOnly Noon = new(12, 0);
    public static readonly TimeOnly FivePm = new(17, 0);
}

public sealed record TeamHit(
    int Id,
    string Title,
    string ClubName,
    string Activity,
    Intensity Intensity,
    bool LowThreshold,
    int? FreePlaces,
    int? AgeFrom,
    int? AgeTo,
    GenderMix GenderMix,
    string? TypicalParticipants,
    string VenueName,
    string PostalCode,
    string Town,
    IReadOnlyList<(DayOfWeek Weekday, TimeOnly Start, TimeOnly End)> Schedule,
    DateTime? NextSession);

public sealed record TeamSearchResult(IReadOnlyList<TeamHit> Items, int Total, int Page, int PageSize);

public static class TeamSearch
{
    /// <summary>Teams a citizen can be sent to: active ones. Paused and archived teams are not found.</summary>
    public static IQueryable<Team> Filter(IQueryable<Team> teams, TeamSearchQuery q)
    {
        teams = teams.Where(t => t.Status == TeamStatus.Active);

        foreach (var term in SearchText.Terms(q.Q))
        {
            teams = teams.Where(t => t.SearchText.Contains(term));
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
            var (from, to) = q.TimeOfDay switch
            {
                TimeOfDay.Morning => (TimeOnly.MinValue, TeamSearchQuery.Noon),
                TimeOfDay.Afternoon => (TeamSearchQuery.Noon, TeamSearchQuery.FivePm),
                TimeOfDay.Evening => (TeamSearchQuery.FivePm, TimeOnly.MaxValue),
                _ => (TimeOnly.MinValue, TimeOnly.MaxValue),
            };
            var weekday = q.Weekday;
            // Weekday and time of day must hold for the same session: "tuesday morning" is not
            // "tuesday evening plus thursday morning".
            teams = teams.Where(t => t.Schedules.Any(s =>
                (weekday == null || s.Weekday == weekday) && s.Start >= from && s.Start < to));
        }

        if (!string.IsNullOrWhiteSpace(q.Place))
        {
            var place = q.Place.Trim();
            if (place.Length == 4 && place.All(char.IsAsciiDigit))
            {
                teams = teams.Where(t => t.Venue.PostalCode == place);
            }
            else
            {
                var town = SearchText.Normalize(place);
                teams = teams.Where(t => t.Venue.TownKey.StartsWith(town));
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

        return teams;
    }

    public static async Task<TeamSearchResult> RunAsync(AppDbContext db, TeamSearchQuery q, DateTimeOffset now, CancellationToken ct = default)
    {
        var filtered = Filter(db.Teams.AsNoTracking(), q);
        var total = await filtered.CountAsync(ct);

        var rows = await filtered
            .OrderByDescending(t => t.LowThreshold)
            .ThenBy(t => t.Title)
            .ThenBy(t => t.Id)
            .Skip((q.Page - 1) * q.PageSize)
            .Take(q.PageSize)
            .Select(t => new
            {
                t.Id,
                t.Title,
                ClubName = t.Club.Name,
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
                t.SeasonStart,
                t.SeasonEnd,
                Schedule = t.Schedules.OrderBy(s => s.Weekday).ThenBy(s => s.Start).Select(s => new { s.Weekday, s.Start, s.End }).ToList(),
                Breaks = t.Breaks.Select(b => new { b.From, b.To }).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(ct);

        var items = rows.Select(r => new TeamHit(
                r.Id, r.Title, r.ClubName, r.Activity, r.Intensity, r.LowThreshold, r.FreePlaces, r.AgeFrom, r.AgeTo,
                r.GenderMix, r.TypicalParticipants, r.VenueName, r.PostalCode, r.Town,
                r.Schedule.Select(s => (s.Weekday, s.Start, s.End)).ToList(),
                NextSession.Find(
                    r.Schedule.Select(s => (s.Weekday, s.Start)).ToList(),
                    r.SeasonStart,
                    r.SeasonEnd,
                    r.Breaks.Select(b => (b.From, b.To)).ToList(),
                    now)))
            .ToList();

        return new TeamSearchResult(items, total, q.Page, q.PageSize);
    }
}
