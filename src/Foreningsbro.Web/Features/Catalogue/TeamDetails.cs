using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue.Search;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Catalogue;

public sealed record VenueDto(
    int Id,
    string Name,
    string? Address,
    string PostalCode,
    string Town,
    double? Latitude,
    double? Longitude,
    string? AccessibilityNotes);

public sealed record BreakDto(string Name, DateOnly From, DateOnly To);

public sealed record ContactDto(string? Name, string? Phone, string? Email);

/// <summary>Everything public about a team: what the team page, the leaflet and GET /api/v1/teams/{id} show.</summary>
public sealed record TeamDetailDto(
    int Id,
    string Title,
    TeamStatus Status,
    string? Description,
    string? FirstTime,
    string Activity,
    Intensity Intensity,
    bool LowThreshold,
    int? AgeFrom,
    int? AgeTo,
    GenderMix GenderMix,
    string? TypicalParticipants,
    IReadOnlyList<string> TargetGroups,
    decimal? PricePerSeason,
    bool FeeSubsidyPossible,
    int? Capacity,
    int ReservedPlaces,
    int? FreePlaces,
    ContactDto Contact,
    int ClubId,
    string ClubName,
    string? ClubWebsite,
    VenueDto Venue,
    DateOnly? SeasonStart,
    DateOnly? SeasonEnd,
    IReadOnlyList<DayOfWeek> Weekdays,
    IReadOnlyList<ScheduleDto> Schedule,
    IReadOnlyList<BreakDto> Breaks,
    DateTime? NextSession,
    string? VideoUrl,
    string? PhotoUrl,
    string? PhotoAlt,
    DateTimeOffset? LastConfirmed);

public static class TeamDetails
{
    /// <summary>The team, or null when it does not exist or is archived (archived teams are gone for the public).</summary>
    public static async Task<TeamDetailDto?> LoadAsync(AppDbContext db, int id, DateTimeOffset now, CancellationToken ct = default)
    {
        // The team with its club, venue and activity in one row, then its three short lists by the
        // team's id. Plain queries on each table, not EF's split query: that repeats the four-table
        // join in every part, and on SQLite preparing those statements was a fifth of the page's
        // CPU (round 3). One query with the lists joined in cannot be pushed down by SQLite (it read
        // the whole TeamTargetGroup table: 120 ms at 100,000 teams).
        var t = await db.Teams.AsNoTracking()
            .Where(t => t.Id == id && t.Status != TeamStatus.Archived)
            .Select(t => new
            {
                t.Id,
                t.Title,
                t.Status,
                t.Description,
                t.FirstTime,
                Activity = t.Activity.Name,
                t.Intensity,
                t.LowThreshold,
                t.AgeFrom,
                t.AgeTo,
                t.GenderMix,
                t.TypicalParticipants,
                t.PricePerSeason,
                t.FeeSubsidyPossible,
                t.Capacity,
                t.ReservedPlaces,
                t.FreePlaces,
                t.ContactName,
                t.ContactPhone,
                t.ContactEmail,
                t.ClubId,
                ClubName = t.Club.Name,
                ClubWebsite = t.Club.Website,
                Venue = new VenueDto(t.Venue.Id, t.Venue.Name, t.Venue.Address, t.Venue.PostalCode, t.Venue.Town, t.Venue.Latitude, t.Venue.Longitude, t.Venue.AccessibilityNotes),
                t.SeasonStart,
                t.SeasonEnd,
                t.VideoUrl,
                t.PhotoUrl,
                t.PhotoAlt,
                t.LastConfirmedAtUtc,
            })
            .FirstOrDefaultAsync(ct);

        if (t is null)
        {
            return null;
        }

        var targetGroups = await db.TargetGroups.AsNoTracking()
            .Where(g => g.Teams.Any(x => x.Id == id))
            .OrderBy(g => g.Name)
            .Select(g => g.Name)
            .ToListAsync(ct);
        var schedule = ScheduleDto.InWeekOrder(await db.TeamSchedules.AsNoTracking()
            .Where(s => s.TeamId == id)
            .Select(s => new ScheduleDto(s.Weekday, s.Start, s.End))
            .ToListAsync(ct));
        var breaks = await db.TeamBreaks.AsNoTracking()
            .Where(b => b.TeamId == id)
            .OrderBy(b => b.From)
            .Select(b => new BreakDto(b.Name, b.From, b.To))
            .ToListAsync(ct);

        var next = t.Status == TeamStatus.Active
            ? NextSession.Find([.. schedule.Select(s => (s.Weekday, s.Start))], t.SeasonStart, t.SeasonEnd, [.. breaks.Select(b => (b.From, b.To))], now)
            : null;

        return new TeamDetailDto(
            t.Id, t.Title, t.Status, t.Description, t.FirstTime, t.Activity, t.Intensity, t.LowThreshold, t.AgeFrom, t.AgeTo,
            t.GenderMix, t.TypicalParticipants, targetGroups, t.PricePerSeason, t.FeeSubsidyPossible, t.Capacity,
            t.ReservedPlaces, t.FreePlaces, new ContactDto(t.ContactName, t.ContactPhone, t.ContactEmail), t.ClubId,
            t.ClubName, t.ClubWebsite, t.Venue, t.SeasonStart, t.SeasonEnd, ScheduleDto.WeekdaysOf(schedule), schedule,
            breaks, next, t.VideoUrl, t.PhotoUrl, t.PhotoAlt,
            t.LastConfirmedAtUtc is { } confirmed ? new DateTimeOffset(DateTime.SpecifyKind(confirmed, DateTimeKind.Utc)) : null);
    }
}
