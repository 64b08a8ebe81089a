using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Programmes;

namespace Foreningsbro.Tests.Programmes;

/// <summary>The arithmetic in Progression, without a database.</summary>
public class ProgressionRulesTests
{
    private const AttendanceStatus P = AttendanceStatus.Present;
    private const AttendanceStatus N = AttendanceStatus.AbsentWithNotice;
    private const AttendanceStatus A = AttendanceStatus.Absent;

    private static readonly DateTime Now = new(2026, 11, 16, 9, 0, 0);

    [Fact]
    public void A_streak_counts_present_sessions_in_a_row_skipping_unrecorded_ones_and_any_absence_ends_it()
    {
        Progression.Streaks([P, P, null, P, A, P, P]).ShouldBe((2, 3));
        Progression.Streaks([P, N, P]).ShouldBe((1, 1));
        Progression.Streaks([null, null]).ShouldBe((0, 0));
        Progression.Streaks([P, P, A]).ShouldBe((0, 2));
    }

    [Fact]
    public void A_session_later_today_does_not_count_yet_and_a_cancelled_one_never_does()
    {
        var period = new EnrolmentPeriod(1, new DateOnly(2026, 11, 1), null);
        SessionFact[] sessions =
        [
            new(1, new DateOnly(2026, 11, 10), new TimeOnly(10, 0), false, null, null),
            new(2, new DateOnly(2026, 11, 12), new TimeOnly(10, 0), true, null, null),
            new(3, new DateOnly(2026, 11, 16), new TimeOnly(10, 0), false, null, null),
            new(4, new DateOnly(2026, 11, 16), new TimeOnly(8, 30), false, null, null),
        ];
        AttendanceFact[] marks = [new(1, 1, P, 4, null, 5, null), new(2, 1, A, null, null, null, null), new(3, 1, A, null, null, null, null)];

        var progress = Progression.ForParticipant(period, sessions, marks, Now);

        progress.Sessions.Select(s => s.SessionId).ShouldBe([1, 4]);
        progress.Recorded.ShouldBe(1);
        progress.NotRecorded.ShouldBe(1);
        progress.Rate.ShouldBe(1.0);
        progress.CurrentStreak.ShouldBe(1);
    }

    [Fact]
    public void Averages_pool_every_answer_rather_than_averaging_the_sessions_averages()
    {
        SessionFact[] sessions =
        [
            new(1, new DateOnly(2026, 11, 10), new TimeOnly(10, 0), false, null, null),
            new(2, new DateOnly(2026, 11, 12), new TimeOnly(10, 0), false, null, null),
        ];
        // Session 1: one answer (1). Session 2: three answers (5, 5, 5). Pooled: 16 / 4 = 4, not (1 + 5) / 2 = 3.
        AttendanceFact[] marks =
        [
            new(1, 1, P, 2, null, 1, "Kedeligt"),
            new(2, 1, P, 4, null, 5, null), new(2, 2, P, 4, null, 5, "Sjovt"), new(2, 3, P, 4, null, 5, null), new(2, 4, A, null, null, null, null),
        ];
        EnrolmentPeriod[] periods = [new(1, new DateOnly(2026, 11, 1), null), new(2, new DateOnly(2026, 11, 1), null), new(3, new DateOnly(2026, 11, 11), null), new(4, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30))];

        var e = Progression.ForProgramme(sessions, marks, periods, Now);

        e.AverageRating.ShouldBe(4.0);
        e.Weeks.Single().AverageRating.ShouldBe(4.0);
        e.Sessions[0].Enrolled.ShouldBe(3);
        e.Sessions[1].Enrolled.ShouldBe(4);
        e.Sessions[1].Rate.ShouldBe(0.75);
        e.Rate.ShouldBe(0.8);
        e.Participants.ShouldBe(4);
        e.Reasons.Select(r => r.Text).ShouldBe(["Sjovt", "Kedeligt"]);
    }

    [Fact]
    public void Numbers_are_shown_in_the_current_culture_with_a_dash_when_there_is_nothing_to_show()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new("da-DK");
            Progression.Percent(2 / 3.0).ShouldBe("67 %");
            Progression.Percent(null).ShouldBe("–");
            Progression.OneDecimal(11 / 3.0).ShouldBe("3,7");
            Progression.OneDecimal(null).ShouldBe("–");
            Progression.Round(2 / 3.0, 4).ShouldBe(0.6667);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void The_default_evaluation_period_is_twelve_weeks_back_but_not_before_the_start()
    {
        var today = new DateOnly(2026, 11, 16);
        Progression.DefaultPeriod(new DateOnly(2026, 10, 26), today).ShouldBe((new DateOnly(2026, 10, 26), today));
        Progression.DefaultPeriod(new DateOnly(2025, 1, 6), today).ShouldBe((new DateOnly(2026, 8, 24), today));
    }
}
