using System.Linq.Expressions;
using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Catalogue.Search;

public sealed record ScheduleDto(DayOfWeek Weekday, TimeOnly Start, TimeOnly End)
{
    /// <summary>Monday first, as a Danish week is read.</summary>
    public static List<ScheduleDto> InWeekOrder(IEnumerable<ScheduleDto> schedule) =>
        [.. schedule.OrderBy(s => ((int)s.Weekday + 6) % 7).ThenBy(s => s.Start)];

    public static List<DayOfWeek> WeekdaysOf(IEnumerable<ScheduleDto> sortedSchedule) =>
        [.. sortedSchedule.Select(s => s.Weekday).Distinct()];
}

public sealed record VenueSummaryDto(string Name, string PostalCode, string Town);

/// <summary>One team in a list of search results.</summary>
public sealed record TeamSummaryDto(
    int Id,
    string Title,
    int ClubId,
    string ClubName,
    string Activity,
    Intensity Intensity,
    bool LowThreshold,
    int? FreePlaces,
    int? AgeFrom,
    int? AgeTo,
    GenderMix GenderMix,
    string? TypicalParticipants,
    VenueSummaryDto Venue,
    IReadOnlyList<DayOfWeek> Weekdays,
    IReadOnlyList<ScheduleDto> Schedule,
    DateTime? NextSession);

/// <summary>
/// A page of search results. <see cref="Total"/> is exact when <see cref="TotalIsExact"/> is true;
/// otherwise more than <see cref="Total"/> teams match (the count stops there, see
/// <see cref="DatabaseSearch.RunAsync"/>), and <see cref="PageCount"/> is a lower bound too.
/// </summary>
public sealed record TeamSearchResultDto(IReadOnlyList<TeamSummaryDto> Items, int Total, bool TotalIsExact, int Page, int PageSize)
{
    public int PageCount => Total == 0 ? 0 : ((Total - 1) / PageSize) + 1;

    /// <summary>Whether a page after this one has teams.</summary>
    public bool HasNextPage => Page < PageCount || (!TotalIsExact && Items.Count > 0);
}

/// <summary>
/// A team as both searches read it: the result it shows (<see cref="Summary"/>, without the parts
/// worked out from its schedule), and what the in-memory index also filters on. One projection, so
/// the memory and the database search show the same.
/// </summary>
internal record TeamSummaryRow(TeamSummaryDto Summary, int VenueId, int ActivityId, string TownKey, DateOnly? SeasonStart, DateOnly? SeasonEnd)
{
    public static readonly Expression<Func<Team, TeamSummaryRow>> Columns = t => new TeamSummaryRow(
        new TeamSummaryDto(
            t.Id,
            t.Title,
            t.ClubId,
            t.Club.Name,
            t.Activity.Name,
            t.Intensity,
            t.LowThreshold,
            t.FreePlaces,
            t.AgeFrom,
            t.AgeTo,
            t.GenderMix,
            t.TypicalParticipants,
            new VenueSummaryDto(t.Venue.Name, t.Venue.PostalCode, t.Venue.Town),
            Array.Empty<DayOfWeek>(),
            Array.Empty<ScheduleDto>(),
            null),
        t.VenueId,
        t.ActivityId,
        t.Venue.TownKey,
        t.SeasonStart,
        t.SeasonEnd);

    public int Id => Summary.Id;

    /// <summary>The result, with the team's weekdays and next session worked out from its schedule (Monday first), season and breaks.</summary>
    public TeamSummaryDto ToSummary(IReadOnlyList<ScheduleDto> schedule, IReadOnlyCollection<(DateOnly From, DateOnly To)> breaks, DateTimeOffset now) =>
        Summary with
        {
            Weekdays = ScheduleDto.WeekdaysOf(schedule),
            Schedule = schedule,
            NextSession = NextSession.Find([.. schedule.Select(s => (s.Weekday, s.Start))], SeasonStart, SeasonEnd, breaks, now),
        };

    /// <summary>The weekly sessions of the teams <paramref name="schedules"/> holds, by team id.</summary>
    public static async Task<ILookup<int, ScheduleDto>> SchedulesAsync(IQueryable<TeamSchedule> schedules, CancellationToken ct) =>
        (await schedules.AsNoTracking()
            .Select(s => new { s.TeamId, s.Weekday, s.Start, s.End })
            .ToListAsync(ct))
        .ToLookup(s => s.TeamId, s => new ScheduleDto(s.Weekday, s.Start, s.End));

    /// <summary>The breaks of the teams <paramref name="breaks"/> holds, by team id.</summary>
    public static async Task<ILookup<int, (DateOnly From, DateOnly To)>> BreaksAsync(IQueryable<TeamBreak> breaks, CancellationToken ct) =>
        (await breaks.AsNoTracking()
            .Select(b => new { b.TeamId, b.From, b.To })
            .ToListAsync(ct))
        .ToLookup(b => b.TeamId, b => (b.From, b.To));
}
