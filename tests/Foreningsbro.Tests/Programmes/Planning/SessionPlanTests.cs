using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Programmes;

namespace Foreningsbro.Tests.Programmes;

public class SessionPlanTests
{
    private static Programme Programme(int? weeks) => new()
    {
        Name = "Test",
        CreatedBy = "Test",
        StartDate = new DateOnly(2026, 11, 16),
        Weeks = weeks,
        Schedules =
        [
            new() { Weekday = DayOfWeek.Thursday, Start = new(10, 0), End = new(11, 30) },
            new() { Weekday = DayOfWeek.Tuesday, Start = new(10, 0), End = new(11, 30) },
        ],
    };

    [Fact]
    public void A_fixed_length_programme_has_every_slot_of_its_weeks_and_no_more()
    {
        var programme = Programme(weeks: 3);

        SessionPlan.LastDay(programme).ShouldBe(new DateOnly(2026, 12, 6));
        var slots = SessionPlan.Slots(programme, programme.StartDate, new DateOnly(2027, 6, 1)).ToList();

        slots.Select(s => s.Date).ShouldBe([
            new DateOnly(2026, 11, 17), new DateOnly(2026, 11, 19), new DateOnly(2026, 11, 24),
            new DateOnly(2026, 11, 26), new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 3)]);
        slots.ShouldAllBe(s => s.ScheduledDate == s.Date && s.ScheduledStart == s.Start);
    }

    [Fact]
    public void An_open_ended_programme_is_planned_eight_weeks_ahead_of_today()
    {
        var programme = Programme(weeks: null);

        SessionPlan.LastDay(programme).ShouldBeNull();
        var horizon = SessionPlan.Horizon(programme, new DateTimeOffset(2026, 11, 16, 8, 0, 0, TimeSpan.Zero));
        horizon.ShouldBe(new DateOnly(2027, 1, 11));
        SessionPlan.Slots(programme, programme.StartDate, horizon).Count().ShouldBe(16);
    }
}
