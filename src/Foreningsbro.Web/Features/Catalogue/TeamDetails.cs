using Foreningsbro.Web.Data;
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
        // Split: in one query SQLite cannot push the team's id into the target-group join and
        // reads the whole TeamTargetGroup table (120 ms at 100,000 teams); four small queries by id are instant.
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
                TargetGroups = t.TargetGroups.OrderBy(g => g.Name).Select(g => g.Name).ToList(),
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
                Schedule = t.Schedules.Select(s => new ScheduleDto(s.Weekday, s.Start, s.End)).ToList(),
                Breaks = t.Breaks.OrderBy(b => b.From).Select(b => new BreakDto(b.Name, b.From, b.To)).ToList(),
                t.VideoUrl,
                t.PhotoUrl,
                t.PhotoAlt,
                t.LastConfirmedAtUtc,
            })
            .AsSplitQuery()
            .SingleOrDefaultAsync(ct);

        if (t is null)
        {
            return null;
        }

        var schedule = TeamSearch.SortSchedule(t.Schedule);
        var next = t.Status == TeamStatus.Active
            ? NextSession.Find([.. schedule.Select(s => (s.Weekday, s.Start))], t.SeasonStart, t.SeasonEnd, [.. t.Breaks.Select(b => (b.From, b.To))], now)
            : null;

        return new TeamDetailDto(
            t.Id, t.Title, t.Status, t.Description, t.FirstTime, t.Activity, t.Intensity, t.LowThreshold, t.AgeFrom, t.AgeTo,
            t.GenderMix, t.TypicalParticipants, t.TargetGroups, t.PricePerSeason, t.FeeSubsidyPossible, t.Capacity,
            t.ReservedPlaces, t.FreePlaces, new ContactDto(t.ContactName, t.ContactPhone, t.ContactEmail), t.ClubId,
            t.ClubName, t.ClubWebsite, t.Venue, t.SeasonStart, t.SeasonEnd, TeamSearch.WeekdaysOf(schedule), schedule,
            t.Breaks, next, t.VideoUrl, t.PhotoUrl, t.PhotoAlt,
            t.LastConfirmedAtUtc is { } confirmed ? new DateTimeOffset(DateTime.SpecifyKind(confirmed, DateTimeKind.Utc)) : null);
    }
}
