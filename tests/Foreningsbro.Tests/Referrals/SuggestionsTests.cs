using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue;
using Foreningsbro.Web.Features.Referrals;

namespace Foreningsbro.Tests.Referrals;

public class SuggestionsTests
{
    private static TeamFacts Team(string title, DayOfWeek day, int hour, Intensity intensity, string postal = "2630", double? km = null, int activityId = 1, int? free = 5, string club = "Taastrup Motionsforening") =>
        new(1, title, club, activityId, "Stavgang", intensity, [(day, new TimeOnly(hour, 0))], postal, "Taastrup", km,
            ["Uden for arbejdsmarkedet"], free, 150, true, 40, 80, true, new DateTime(2026, 11, 17, 10, 0, 0));

    private static readonly Wishes TuesdayMorningLight = new([1], [DayOfWeek.Tuesday], [TimeOfDay.Morning], Intensity.Light, Barriers.None, null, 50, "2630", CitizenTargetGroup.OutsideLabourMarketAtRisk);

    [Fact]
    public void A_matching_team_is_explained_in_a_caseworkers_words()
    {
        var s = Suggestions.Score(TuesdayMorningLight, Team("Stavgang for alle", DayOfWeek.Tuesday, 10, Intensity.Light));
        string.Join(", ", s.Reasons).ShouldBe("stavgang, tirsdag formiddag, let intensitet, samme postnummer, holdet er for borgerens målgruppe");
    }

    [Fact]
    public void The_wished_day_and_intensity_rank_above_other_days_and_hard_teams()
    {
        var match = Suggestions.Score(TuesdayMorningLight, Team("A", DayOfWeek.Tuesday, 10, Intensity.Light));
        var otherDay = Suggestions.Score(TuesdayMorningLight, Team("B", DayOfWeek.Friday, 10, Intensity.Light));
        var hard = Suggestions.Score(TuesdayMorningLight, Team("C", DayOfWeek.Tuesday, 10, Intensity.Hard));
        match.Score.ShouldBeGreaterThan(otherDay.Score);
        match.Score.ShouldBeGreaterThan(hard.Score);
    }

    [Fact]
    public void Distance_is_given_in_whole_kilometres_when_the_postal_code_differs()
    {
        var s = Suggestions.Score(TuesdayMorningLight, Team("A", DayOfWeek.Tuesday, 10, Intensity.Light, postal: "2640", km: 6.4));
        s.Reasons.Select(r => r.ToString()).ShouldContain("ca. 6 km");
        s.Reasons.Select(r => r.ToString()).ShouldNotContain("samme postnummer");
    }

    [Fact]
    public void The_club_the_citizen_named_comes_first_and_a_full_team_is_marked()
    {
        var named = TuesdayMorningLight with { ImaginedClub = "motionsforening" };
        var s = Suggestions.Score(named, Team("A", DayOfWeek.Friday, 19, Intensity.Moderate, free: 0));
        s.Reasons.Select(r => r.ToString()).ShouldContain("den forening, borgeren selv nævnte");
        s.Reasons.Select(r => r.ToString()).ShouldContain("ingen ledige pladser lige nu");
    }

    [Fact]
    public void Kilometres_between_taastrup_and_hedehusene_are_about_six()
    {
        Suggestions.Kilometres(55.6517, 12.2927, 55.6530, 12.1980).ShouldBe(5.95, 0.1);
    }
}
