using System.Linq.Expressions;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;

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

    /// <summary>
    /// "Kom" and "Meldt sig ind" are facts about a visit that has happened: a club may report them from the
    /// visit's day (Danish time) on, never before, or the funnel counts visits that have not taken place
    /// (issue 13). "Kom ikke" and confirming the visit stay open before it.
    /// </summary>
    public static bool NeedsVisitToHaveHappened(ReferralStatus to) => to is ReferralStatus.Visited or ReferralStatus.Member;

    /// <summary>The visit's day has come: from midnight Danish time of the visit's date.</summary>
    public static bool VisitDayHasCome(DateTime visitAtUtc, DateTimeOffset now) =>
        DanishTime.Today(now) >= DateOnly.FromDateTime(DanishTime.ToDanish(visitAtUtc));

    /// <summary>Whether a club contact may report <paramref name="to"/> for a visit at <paramref name="visitAtUtc"/> now.</summary>
    public static bool ClubContactMaySetNow(ReferralStatus to, DateTime visitAtUtc, DateTimeOffset now) =>
        ClubContactMaySet(to) && (!NeedsVisitToHaveHappened(to) || VisitDayHasCome(visitAtUtc, now));

    /// <summary>The Danish refusal when a club reports the visit or the sign-up before the visit's day.</summary>
    public static string TooEarlyMessage(ReferralStatus to, DateTime visitAtUtc) =>
        $"Besøget er først {Labels.DanishDateTime(visitAtUtc)}, så det kan ikke meldes »{to.Danish()}« endnu. " +
        "Meld det på dagen for besøget eller bagefter. Kommer borgeren ikke, kan du melde »Kom ikke«.";

    public static bool IsOpen(ReferralStatus s) => s != ReferralStatus.Closed;

    /// <summary>Still waiting for the first visit: reminders make sense, the club has not answered about the visit.</summary>
    public static bool AwaitsVisit(ReferralStatus s) => s is ReferralStatus.Referred or ReferralStatus.VisitScheduled;

    /// <summary>
    /// The funnel's stages in order: a status's stage is its place in this list. NoShow and Closed are
    /// not stages. The rule in C# (<see cref="Stage(ReferralStatus)"/>) and in SQL (<see cref="StagesInDatabase"/>) are both made from it.
    /// </summary>
    public static readonly ReferralStatus[] Stages =
    [
        ReferralStatus.Referred, ReferralStatus.VisitScheduled, ReferralStatus.Visited,
        ReferralStatus.Member, ReferralStatus.Active3Months, ReferralStatus.Active6Months,
    ];

    /// <summary>The funnel stage a status stands for, or null when it is not a stage.</summary>
    public static int? Stage(ReferralStatus s) => Array.IndexOf(Stages, s) is var i and >= 0 ? i : null;

    /// <summary>For a query: <c>Stage(h.To)</c> where <c>h.To</c> may be null (no history row).</summary>
    public static int? Stage(ReferralStatus? s) => s is { } status ? Stage(status) : null;

    /// <summary>
    /// Lets the database work out <see cref="Stage(ReferralStatus?)"/>: every call to it in the query becomes a
    /// CASE over <see cref="Stages"/> (WHEN Referred THEN 0 … ELSE NULL), which SQLite and PostgreSQL both run.
    /// </summary>
    public static IQueryable<T> StagesInDatabase<T>(this IQueryable<T> query) =>
        query.Provider.CreateQuery<T>(new StageAsCase().Visit(query.Expression));

    private sealed class StageAsCase : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType != typeof(ReferralRules) || node.Method.Name != nameof(Stage))
            {
                return base.VisitMethodCall(node);
            }

            var status = Visit(node.Arguments[0]);
            if (status.Type != typeof(ReferralStatus?))
            {
                status = Expression.Convert(status, typeof(ReferralStatus?));
            }

            Expression stage = Expression.Constant(null, typeof(int?));
            for (var i = Stages.Length - 1; i >= 0; i--)
            {
                stage = Expression.Condition(
                    Expression.Equal(status, Expression.Constant(Stages[i], typeof(ReferralStatus?))),
                    Expression.Constant(i, typeof(int?)),
                    stage);
            }

            return stage;
        }
    }
}
