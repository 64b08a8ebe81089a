using Foreningsbro.Web.Features.Messages;
using Foreningsbro.Web.Features.Outcomes;

namespace Foreningsbro.Tests.Outcomes;

/// <summary>Each instrument scored by hand: known answer sets, the cut-offs and the missing-answer rules.</summary>
public class InstrumentScoringTests
{
    [Fact]
    public void Who5_is_the_raw_sum_times_four_and_50_or_less_is_poor_well_being()
    {
        // 3+3+2+3+2 = 13 → 52: just above the cut-off.
        Instruments.Who5.Score([3, 3, 2, 3, 2]).ShouldBe(new InstrumentScore(52, null));
        // 3+3+2+2+2 = 12 → 48: poor.
        Instruments.Who5.Score([3, 3, 2, 2, 2]).ShouldBe(new InstrumentScore(48, "Lav trivsel"));
        // Exactly 50 is impossible (multiples of 4), but the rule is "≤ 50": raw 12.5 cannot occur, raw 12 → 48 is poor, 13 → 52 is not.
        Instruments.Who5Score(0).ShouldBe(new InstrumentScore(0, "Lav trivsel"));
        Instruments.Who5.Score([5, 5, 5, 5, 5]).ShouldBe(new InstrumentScore(100, null));
    }

    [Fact]
    public void Who5_with_an_item_missing_is_not_scored()
    {
        Instruments.Who5.Score([5, 5, null, 5, 5]).ShouldBe(InstrumentScore.None);
        Instruments.Who5.Score([5, 5, 5, 5]).ShouldBe(InstrumentScore.None, "four answers for five items");
    }

    [Fact]
    public void Gse_is_the_sum_of_ten_items_and_up_to_three_missing_are_filled_with_the_mean()
    {
        Instruments.Gse.Score([3, 3, 3, 3, 3, 3, 3, 3, 3, 3]).Value.ShouldBe(30);
        Instruments.Gse.Score([1, 2, 3, 4, 1, 2, 3, 4, 1, 2]).Value.ShouldBe(23);
        // Three missing: mean of seven answers (4,4,4,3,3,3,2 = 23 / 7 = 3.2857) × 10 = 32.9.
        Instruments.Gse.Score([4, 4, 4, 3, 3, 3, 2, null, null, null]).Value.ShouldBe(32.9);
        // Four missing: not scored.
        Instruments.Gse.Score([4, 4, 4, 3, 3, 3, null, null, null, null]).ShouldBe(InstrumentScore.None);
    }

    [Fact]
    public void Ucla3_is_the_sum_and_six_or_more_is_lonely()
    {
        Instruments.Ucla3.Score([1, 1, 1]).ShouldBe(new InstrumentScore(3, null));
        Instruments.Ucla3.Score([2, 2, 1]).ShouldBe(new InstrumentScore(5, null));
        Instruments.Ucla3.Score([2, 2, 2]).ShouldBe(new InstrumentScore(6, "Ensom"));
        Instruments.Ucla3.Score([3, 3, 3]).ShouldBe(new InstrumentScore(9, "Ensom"));
        Instruments.Ucla3.Score([3, null, 3]).ShouldBe(InstrumentScore.None);
        Instruments.Ucla3.HigherIsBetter.ShouldBeFalse();
    }

    [Fact]
    public void Single_items_score_their_level_and_nothing_when_unanswered()
    {
        Instruments.Health.Score([2]).ShouldBe(new InstrumentScore(2, null));
        Instruments.Health.Score([4]).Flag.ShouldBe("Mindre godt eller dårligt helbred");
        Instruments.Health.Score([null]).ShouldBe(InstrumentScore.None);
        Instruments.Activity.Score([1]).ShouldBe(new InstrumentScore(1, "Stillesiddende"));
        Instruments.Activity.Score([3]).ShouldBe(new InstrumentScore(3, null));
        Instruments.Labour.Score([5]).Value.ShouldBe(5);
        Instruments.Labour.OptionText(5).ShouldBe("I job");
        Instruments.Labour.IsStatus.ShouldBeTrue();
    }

    [Fact]
    public void Every_instrument_has_its_danish_wording_scale_rule_and_a_version()
    {
        Instruments.Current.Select(i => (i.Code, i.Items.Count, i.Options.Count)).ShouldBe(
        [
            ("who5", 5, 6), ("gse", 10, 4), ("ucla3", 3, 3), ("health", 1, 5), ("activity", 1, 4), ("labour", 1, 7),
        ]);
        Instruments.Current.ShouldAllBe(i => i.Version >= 1 && i.MissingRule.Length > 0 && i.Source.Length > 0 && i.ScoreText.Length > 0);
        Instruments.Current.Select(i => i.Code).ShouldBeUnique();
        Instruments.Who5.Items[0].ShouldBe("I de sidste 2 uger har jeg været glad og i godt humør");
        Instruments.Find("WHO5").ShouldBeSameAs(Instruments.Who5);
    }

    [Fact]
    public void Answers_are_refused_outside_the_scale_naming_the_item()
    {
        var outcome = OutcomeCommands.Validate(new Dictionary<string, IReadOnlyList<int?>> { ["who5"] = [5, 5, 6, 5, 5] });
        outcome!.Field.ShouldBe("who5-3");
        outcome.Message.ShouldBe("Svaret på spørgsmål 3 i WHO-5 Trivselsindeks skal være et tal fra 0 til 5.");
        OutcomeCommands.Validate(new Dictionary<string, IReadOnlyList<int?>> { ["ucla3"] = [0, 1, 1] })!.Field.ShouldBe("ucla3-1");
        OutcomeCommands.Validate(new Dictionary<string, IReadOnlyList<int?>> { ["who6"] = [1] })!.Field.ShouldBe("instrument");
        OutcomeCommands.Validate(new Dictionary<string, IReadOnlyList<int?>> { ["gse"] = [1, 2] })!.Field.ShouldBe("gse");
        OutcomeCommands.Validate(new Dictionary<string, IReadOnlyList<int?>> { ["who5"] = [5, 5, null, 5, 5] }).ShouldBeNull("a missing answer is kept, not refused");
    }

    [Fact]
    public void Answers_are_stored_with_their_gaps()
    {
        Instruments.Format([3, null, 5]).ShouldBe("3;;5");
        Instruments.Parse("3;;5").ShouldBe([3, null, 5]);
    }
}

/// <summary>The schedule by hand: baseline at the start, follow-ups per municipality, six-week windows.</summary>
public class OutcomeScheduleTests
{
    private static readonly DateOnly Start = new(2026, 1, 15);

    [Fact]
    public void The_default_points_are_baseline_3_6_and_12_months_and_a_municipality_may_choose_others()
    {
        OutcomeSchedule.Points(null).ShouldBe([0, 3, 6, 12]);
        OutcomeSchedule.Points("6, 12").ShouldBe([0, 6, 12]);
        OutcomeSchedule.Points("12,3,3").ShouldBe([0, 3, 12]);
        OutcomeSchedule.TryParse("3,abc", out _).ShouldBeFalse();
        OutcomeSchedule.TryParse("0", out _).ShouldBeFalse();
        OutcomeSchedule.TryParse("37", out _).ShouldBeFalse();
        OutcomeSchedule.TryParse("", out _).ShouldBeFalse();
    }

    [Fact]
    public void A_point_is_due_from_its_day_for_six_weeks_until_every_instrument_is_answered()
    {
        var points = OutcomeSchedule.Points(null);
        OutcomeSchedule.DueOn(Start, Start, points, []).ShouldNotBeNull().Months.ShouldBe(0);
        OutcomeSchedule.DueOn(Start.AddDays(41), Start, points, [])!.Months.ShouldBe(0);
        OutcomeSchedule.DueOn(Start.AddDays(42), Start, points, []).ShouldBeNull("the baseline window has closed");
        // 15 April: the 3-month point.
        var april = OutcomeSchedule.DueOn(new DateOnly(2026, 4, 15), Start, points, []);
        april!.Months.ShouldBe(3);
        april.Missing.Count.ShouldBe(6);
        OutcomeSchedule.DueOn(new DateOnly(2026, 4, 14), Start, points, []).ShouldBeNull();

        // Only WHO-5 answered at 3 months: still due, the rest missing.
        var partly = OutcomeSchedule.DueOn(new DateOnly(2026, 4, 20), Start, points, [("who5", 3)]);
        partly!.Missing.ShouldBe(["gse", "ucla3", "health", "activity", "labour"]);
        var all = Instruments.Current.Select(i => (i.Code, 3)).ToList();
        OutcomeSchedule.DueOn(new DateOnly(2026, 4, 20), Start, points, all).ShouldBeNull();
        OutcomeSchedule.Next(new DateOnly(2026, 4, 20), Start, points, all)!.DueFrom.ShouldBe(new DateOnly(2026, 7, 15));
    }
}

/// <summary>SMS segments as GSM 03.38 counts them.</summary>
public class SmsSegmentTests
{
    [Fact]
    public void Danish_letters_are_in_the_gsm_basic_set_and_a_dash_is_not()
    {
        Sms.IsGsm7("Æble, øl og ål – ÆØÅ").ShouldBeFalse("the en dash is not GSM-7");
        Sms.IsGsm7("Æble, øl og ål - ÆØÅ").ShouldBeTrue();
        Sms.Segments(new string('å', 160)).ShouldBe(1);
        Sms.Segments(new string('å', 161)).ShouldBe(2);
        Sms.Segments(new string('å', 306)).ShouldBe(2);
        Sms.Segments(new string('å', 307)).ShouldBe(3);
        Sms.Segments(new string('€', 80)).ShouldBe(1, "an extension character counts twice");
        Sms.Segments(new string('€', 81)).ShouldBe(2);
        Sms.Segments(new string('–', 70)).ShouldBe(1);
        Sms.Segments(new string('–', 71)).ShouldBe(2);
    }
}
