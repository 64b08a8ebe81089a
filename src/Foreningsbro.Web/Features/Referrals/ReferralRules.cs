using Foreningsbro.Web.Data;

namespace Foreningsbro.Web.Features.Referrals;

/// <summary>
/// The referral state machine: henvist → besøg aftalt → besøgt / udeblevet → tilmeldt → aktiv efter
/// 3 mdr → aktiv efter 6 mdr, or afsluttet (with a reason) from any open status.
/// </summary>
public static class ReferralRules
{
    private static readonly Dictionary<ReferralStatus, ReferralStatus[]> Next = new()
    {
        [ReferralStatus.Referred] = [ReferralStatus.VisitScheduled, ReferralStatus.Visited, ReferralStatus.NoShow, ReferralStatus.Closed],
        [ReferralStatus.VisitScheduled] = [ReferralStatus.Visited, ReferralStatus.NoShow, ReferralStatus.Closed],
        [ReferralStatus.Visited] = [ReferralStatus.Member, ReferralStatus.Closed],
        // Someone who did not come can still turn up and sign up later; a new visit is a new referral.
        [ReferralStatus.NoShow] = [ReferralStatus.Visited, ReferralStatus.Closed],
        [ReferralStatus.Member] = [ReferralStatus.Active3Months, ReferralStatus.Closed],
        [ReferralStatus.Active3Months] = [ReferralStatus.Active6Months, ReferralStatus.Closed],
        [ReferralStatus.Active6Months] = [ReferralStatus.Closed],
        [ReferralStatus.Closed] = [],
    };

    public static bool CanMove(ReferralStatus from, ReferralStatus to) => Next[from].Contains(to);

    public static IReadOnlyList<ReferralStatus> AllowedFrom(ReferralStatus from) => Next[from];

    /// <summary>Club contacts (volunteers) answer about the visit and the sign-up; closing and retention are the professional's.</summary>
    public static bool ClubContactMaySet(ReferralStatus to) =>
        to is ReferralStatus.VisitScheduled or ReferralStatus.Visited or ReferralStatus.NoShow or ReferralStatus.Member;

    public static bool IsOpen(ReferralStatus s) => s != ReferralStatus.Closed;

    /// <summary>Still waiting for the first visit: reminders make sense, the club has not answered about the visit.</summary>
    public static bool AwaitsVisit(ReferralStatus s) => s is ReferralStatus.Referred or ReferralStatus.VisitScheduled;

    /// <summary>The funnel stage a status stands for (NoShow and Closed are not stages).</summary>
    public static int? Stage(ReferralStatus s) => s switch
    {
        ReferralStatus.Referred => 0,
        ReferralStatus.VisitScheduled => 1,
        ReferralStatus.Visited => 2,
        ReferralStatus.Member => 3,
        ReferralStatus.Active3Months => 4,
        ReferralStatus.Active6Months => 5,
        _ => null,
    };

    public static readonly ReferralStatus[] Stages =
    [
        ReferralStatus.Referred, ReferralStatus.VisitScheduled, ReferralStatus.Visited,
        ReferralStatus.Member, ReferralStatus.Active3Months, ReferralStatus.Active6Months,
    ];
}
