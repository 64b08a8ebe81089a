using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Infrastructure;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Referrals;

public enum TaskKind
{
    FollowUpConversation,
    Retention3Months,
    Retention6Months,
    NoClubAnswer,
    /// <summary>Questionnaires are due (baseline or a follow-up): fill them in with the citizen or send the link.</summary>
    QuestionnaireDue,
    /// <summary>The citizen said "jeg kan ikke komme" on their own page.</summary>
    CitizenCantCome,
    /// <summary>The citizen asked to be called.</summary>
    CitizenCallMe,
}

/// <summary>When a task falls due, as "Mine opgaver" groups them: by today (or overdue), within the week, later.</summary>
public enum TaskWhen
{
    Due,
    ThisWeek,
    Later,
}

/// <summary>A task; ReferralId is 0 and Team empty for tasks about no referral (questionnaires, the citizen's requests, whose id is RequestId).</summary>
public sealed record TaskItem(TaskKind Kind, int ReferralId, int CitizenId, string CitizenName, string Team, string Club, DateTime DueUtc, bool Overdue, TaskWhen When, long RequestId = 0, int Months = 0)
{
    public string Text => Kind switch
    {
        TaskKind.QuestionnaireDue => Months == 0 ? "Spørgeskemaer ved start" : string.Format(System.Globalization.CultureInfo.InvariantCulture, "Spørgeskemaer efter {0} måneder", Months),
        TaskKind.CitizenCantCome => "Borgeren kan ikke komme – aftal en ny tid",
        TaskKind.CitizenCallMe => "Borgeren vil gerne ringes op",
        TaskKind.FollowUpConversation => "Opfølgende samtale efter første besøg",
        TaskKind.Retention3Months => "Tjek om borgeren stadig er aktiv efter 3 måneder",
        TaskKind.Retention6Months => "Tjek om borgeren stadig er aktiv efter 6 måneder",
        _ => "Intet svar fra foreningen i over en uge – sendt videre til koordinatoren",
    };
}

/// <summary>
/// "Mine opgaver": follow-up conversations, retention checks at 3 and 6 months and referrals the
/// club has not answered. Unanswered referrals go to the coordinator, never auto-declined: clubs are volunteers.
/// Every open task is listed, due ones first, then this week's and later ones, so a professional sees the
/// follow-up coming as soon as the club says the citizen came (it falls due 14 days after the visit; issue 13).
/// </summary>
public static class FollowUpTasks
{
    /// <summary>"Denne uge": the tasks due in the seven days after today.</summary>
    public const int LookAheadDays = 7;

    public static async Task<List<TaskItem>> ForAsync(AppDbContext db, System.Security.Claims.ClaimsPrincipal user, DateTimeOffset now, int followUpDays, int escalateAfterDays, CancellationToken ct = default)
    {
        var nowUtc = now.UtcDateTime;
        var tomorrow = DanishTime.StartUtc(DanishTime.Today(now).AddDays(1));
        var weekEnd = DanishTime.StartUtc(DanishTime.Today(now).AddDays(1 + LookAheadDays));
        var stuckBefore = nowUtc.AddDays(-escalateAfterDays);
        var rows = await db.Referrals.AsNoTracking().VisibleTo(user)
            .Where(r => (r.Status == ReferralStatus.Referred && r.CreatedAtUtc < stuckBefore)
                || (r.Status == ReferralStatus.VisitScheduled && r.VisitAtUtc < stuckBefore)
                || r.Status == ReferralStatus.Visited || r.Status == ReferralStatus.Member || r.Status == ReferralStatus.Active3Months)
            .Select(r => new
            {
                r.Id,
                r.CitizenId,
                Name = r.Citizen.FirstName + " " + r.Citizen.LastName,
                Team = r.Team.Title,
                Club = r.Team.Club.Name,
                r.Status,
                r.VisitAtUtc,
                r.MemberSinceUtc,
                r.CreatedAtUtc,
                FollowedUp = r.Citizen.Conversations.Any(c => c.Kind == ConversationKind.FollowUp && c.HeldAtUtc >= r.VisitAtUtc),
            })
            .ToListAsync(ct);

        var tasks = new List<TaskItem>();
        foreach (var r in rows)
        {
            var due = new List<(TaskKind Kind, DateTime Due)>();
            if (r.Status == ReferralStatus.Referred)
            {
                due.Add((TaskKind.NoClubAnswer, r.CreatedAtUtc.AddDays(escalateAfterDays)));
            }

            // Confirmed, but a week after the visit the club has still not said whether the citizen came.
            if (r.Status == ReferralStatus.VisitScheduled)
            {
                due.Add((TaskKind.NoClubAnswer, r.VisitAtUtc.AddDays(escalateAfterDays)));
            }

            if (r.Status is ReferralStatus.Visited or ReferralStatus.Member && !r.FollowedUp)
            {
                due.Add((TaskKind.FollowUpConversation, r.VisitAtUtc.AddDays(followUpDays)));
            }

            if (r.Status == ReferralStatus.Member && r.MemberSinceUtc is { } m3)
            {
                due.Add((TaskKind.Retention3Months, m3.AddMonths(3)));
            }

            if (r.Status == ReferralStatus.Active3Months && r.MemberSinceUtc is { } m6)
            {
                due.Add((TaskKind.Retention6Months, m6.AddMonths(6)));
            }

            tasks.AddRange(due.Select(t => new TaskItem(t.Kind, r.Id, r.CitizenId, r.Name, r.Team, r.Club, t.Due, t.Due < nowUtc,
                t.Due < tomorrow ? TaskWhen.Due : t.Due < weekEnd ? TaskWhen.ThisWeek : TaskWhen.Later)));
        }

        return [.. tasks.OrderBy(t => t.DueUtc).ThenBy(t => t.ReferralId)];
    }
}

[Authorize(Policy = Policies.WorksWithCitizens)]
public class TasksModel(AppDbContext db, TimeProvider time, IConfiguration config) : PageModel
{
    public List<TaskItem> Items { get; private set; } = [];

    public bool IsCoordinator => User.IsInRole(Roles.Coordinator);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var all = await FollowUpTasks.ForAsync(db, User, now, config.GetValue("Referrals:FollowUpDays", 14), config.GetValue("Referrals:EscalateAfterDays", 7), ct);
        // The coordinator's list is the escalations; professionals see all of their own department's tasks.
        Items = IsCoordinator ? [.. all.Where(t => t.Kind == TaskKind.NoClubAnswer)] : [.. all, .. await Outcomes.OutcomeTasks.ForAsync(db, User, now, FollowUpTasks.LookAheadDays, ct)];
        Items = [.. Items.OrderBy(t => t.DueUtc).ThenBy(t => t.ReferralId)];
        await AccessLog.WriteListAsync(db, User, now, "Mine opgaver", null, Items.Count, ct);
    }

    /// <summary>"Klaret": the citizen's request (can't come, call me) is handled; another department's is not found.</summary>
    public async Task<IActionResult> OnPostHandledAsync(long request, CancellationToken ct)
    {
        var visible = db.Citizens.VisibleTo(User).Select(c => c.Id);
        var n = await db.CitizenRequests.Where(q => q.Id == request && q.HandledAtUtc == null && visible.Contains(q.CitizenId))
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.HandledAtUtc, time.GetUtcNow().UtcDateTime).SetProperty(q => q.HandledBy, User.DisplayName()), ct);
        if (n == 0)
        {
            return NotFound();
        }

        TempData.SetMessage("Opgaven er klaret.");
        return Redirect("/mine-opgaver");
    }

    public static string Due(DateTime utc) => Labels.DateText(utc);
}
