using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Referrals;

namespace Foreningsbro.Tests.Referrals;

public class ReferralRulesTests
{
    private static readonly (ReferralStatus From, ReferralStatus To)[] Allowed =
    [
        (ReferralStatus.Referred, ReferralStatus.VisitScheduled),
        (ReferralStatus.Referred, ReferralStatus.Visited),
        (ReferralStatus.Referred, ReferralStatus.NoShow),
        (ReferralStatus.Referred, ReferralStatus.Closed),
        (ReferralStatus.VisitScheduled, ReferralStatus.Visited),
        (ReferralStatus.VisitScheduled, ReferralStatus.NoShow),
        (ReferralStatus.VisitScheduled, ReferralStatus.Closed),
        (ReferralStatus.Visited, ReferralStatus.Member),
        (ReferralStatus.Visited, ReferralStatus.Closed),
        (ReferralStatus.NoShow, ReferralStatus.Visited),
        (ReferralStatus.NoShow, ReferralStatus.Closed),
        (ReferralStatus.Member, ReferralStatus.Active3Months),
        (ReferralStatus.Member, ReferralStatus.Closed),
        (ReferralStatus.Active3Months, ReferralStatus.Active6Months),
        (ReferralStatus.Active3Months, ReferralStatus.Closed),
        (ReferralStatus.Active6Months, ReferralStatus.Closed),
    ];

    public static TheoryData<ReferralStatus, ReferralStatus> AllowedMoves() => [.. Allowed.Select(m => (m.From, m.To))];

    public static TheoryData<ReferralStatus, ReferralStatus> ForbiddenMoves() =>
        [.. Enum.GetValues<ReferralStatus>().SelectMany(f => Enum.GetValues<ReferralStatus>().Select(t => (f, t))).Where(m => !Allowed.Contains(m))];

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public void An_allowed_move_is_allowed(ReferralStatus from, ReferralStatus to) => ReferralRules.CanMove(from, to).ShouldBeTrue();

    [Theory]
    [MemberData(nameof(ForbiddenMoves))]
    public void Every_other_move_is_forbidden(ReferralStatus from, ReferralStatus to) => ReferralRules.CanMove(from, to).ShouldBeFalse();

    [Fact]
    public void Visited_cannot_go_back_to_referred_and_closed_is_final()
    {
        ReferralRules.CanMove(ReferralStatus.Visited, ReferralStatus.Referred).ShouldBeFalse();
        ReferralRules.AllowedFrom(ReferralStatus.Closed).ShouldBeEmpty();
    }

    [Fact]
    public void Club_contacts_may_only_report_the_visit_and_the_sign_up()
    {
        Enum.GetValues<ReferralStatus>().Where(ReferralRules.ClubContactMaySet)
            .ShouldBe([ReferralStatus.VisitScheduled, ReferralStatus.Visited, ReferralStatus.NoShow, ReferralStatus.Member], ignoreOrder: true);
    }
}
