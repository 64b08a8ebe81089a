using Foreningsbro.Web.Features.Catalogue;
using Foreningsbro.Web.Infrastructure;

namespace Foreningsbro.Tests.Catalogue;

public class NextSessionTests
{
    private static readonly (DateOnly, DateOnly)[] NoBreaks = [];

    private static DateTimeOffset Danish(int y, int m, int d, int h, int min) =>
        new(new DateTime(y, m, d, h, min, 0), DanishTime.Zone.GetUtcOffset(new DateTime(y, m, d, h, min, 0)));

    [Fact]
    public void Next_session_is_later_today_when_it_has_not_started()
    {
        // Monday 16 November 2026 at 09:00; the team meets Mondays at 10:00.
        var next = NextSession.Find([(DayOfWeek.Monday, new TimeOnly(10, 0))], null, null, NoBreaks, Danish(2026, 11, 16, 9, 0));
        next.ShouldBe(new DateTime(2026, 11, 16, 10, 0, 0));
    }

    [Fact]
    public void A_session_that_has_started_is_not_next()
    {
        var next = NextSession.Find([(DayOfWeek.Monday, new TimeOnly(10, 0))], null, null, NoBreaks, Danish(2026, 11, 16, 10, 0));
        next.ShouldBe(new DateTime(2026, 11, 23, 10, 0, 0));
    }

    [Fact]
    public void The_earliest_of_several_weekdays_wins()
    {
        var next = NextSession.Find(
            [(DayOfWeek.Thursday, new TimeOnly(18, 0)), (DayOfWeek.Tuesday, new TimeOnly(10, 0))],
            null, null, NoBreaks, Danish(2026, 11, 16, 12, 0));
        next.ShouldBe(new DateTime(2026, 11, 17, 10, 0, 0));
    }

    [Fact]
    public void Before_the_season_starts_the_first_session_is_in_the_season()
    {
        var next = NextSession.Find([(DayOfWeek.Tuesday, new TimeOnly(10, 0))], new DateOnly(2026, 8, 15), new DateOnly(2027, 6, 30), NoBreaks, Danish(2026, 7, 1, 12, 0));
        next.ShouldBe(new DateTime(2026, 8, 18, 10, 0, 0));
    }

    [Fact]
    public void After_the_season_ends_there_is_no_next_session()
    {
        var next = NextSession.Find([(DayOfWeek.Tuesday, new TimeOnly(10, 0))], new DateOnly(2026, 8, 15), new DateOnly(2027, 6, 30), NoBreaks, Danish(2027, 6, 30, 12, 0));
        next.ShouldBeNull();
    }

    [Fact]
    public void A_break_is_skipped()
    {
        // Autumn holiday, week 42 of 2026: 12–18 October.
        (DateOnly, DateOnly)[] breaks = [(new DateOnly(2026, 10, 12), new DateOnly(2026, 10, 18))];
        var next = NextSession.Find([(DayOfWeek.Tuesday, new TimeOnly(10, 0))], null, null, breaks, Danish(2026, 10, 10, 12, 0));
        next.ShouldBe(new DateTime(2026, 10, 20, 10, 0, 0));
    }

    [Fact]
    public void Sessions_keep_their_wall_clock_time_across_the_change_to_summer_time()
    {
        // Summer time starts Sunday 29 March 2026 at 02:00. Saturday evening in winter time,
        // the Sunday 10:00 session is 10:00 local, which is 08:00 UTC, not 09:00.
        var now = new DateTimeOffset(2026, 3, 28, 20, 0, 0, TimeSpan.Zero);
        var next = NextSession.Find([(DayOfWeek.Sunday, new TimeOnly(10, 0))], null, null, NoBreaks, now);
        next.ShouldBe(new DateTime(2026, 3, 29, 10, 0, 0));
    }

    [Fact]
    public void Local_time_decides_the_day_across_the_change_from_summer_time()
    {
        // 25 October 2026, 22:30 UTC is already Monday 26 October, 23:30 in winter time (UTC+1).
        // A Monday 23:00 session has therefore started; the next is a week later.
        var now = new DateTimeOffset(2026, 10, 26, 22, 30, 0, TimeSpan.Zero);
        var next = NextSession.Find([(DayOfWeek.Monday, new TimeOnly(23, 0)), (DayOfWeek.Tuesday, new TimeOnly(1, 0))], null, null, NoBreaks, now);
        next.ShouldBe(new DateTime(2026, 10, 27, 1, 0, 0));
    }

    [Fact]
    public void No_schedule_means_no_next_session() =>
        NextSession.Find([], null, null, NoBreaks, Danish(2026, 11, 16, 9, 0)).ShouldBeNull();
}
