using System.Security.Claims;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Features.Referrals;
using Foreningsbro.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Outcomes;

/// <summary>The professional's tasks from this room: due questionnaires, and what citizens said from their own page.</summary>
public static class OutcomeTasks
{
    public static async Task<List<TaskItem>> ForAsync(AppDbContext db, ClaimsPrincipal user, DateTimeOffset now, int lookAheadDays, CancellationToken ct)
    {
        var today = DanishTime.Today(now);
        var tomorrow = DanishTime.StartUtc(today.AddDays(1));
        var weekEnd = DanishTime.StartUtc(today.AddDays(1 + lookAheadDays));
        TaskWhen When(DateTime due) => due < tomorrow ? TaskWhen.Due : due < weekEnd ? TaskWhen.ThisWeek : TaskWhen.Later;

        // Only citizens with the questionnaire consent: without it nothing may be asked or kept.
        var due = await OutcomeSchedule.DueForUserAsync(db, user, today, lookAheadDays, ct);
        var ids = due.Select(d => d.CitizenId).ToList();
        var names = await db.Citizens.AsNoTracking().VisibleTo(user).Where(c => ids.Contains(c.Id) && c.Consents.AsQueryable().Any(ConsentRules.ActiveFor(ConsentPurpose.Questionnaires)))
            .ToDictionaryAsync(c => c.Id, c => c.FirstName + " " + c.LastName, ct);
        var tasks = due.Where(d => names.ContainsKey(d.CitizenId)).Select(d =>
        {
            var at = DanishTime.StartUtc(d.Point.DueFrom);
            return new TaskItem(TaskKind.QuestionnaireDue, 0, d.CitizenId, names[d.CitizenId], "", "", at, d.Point.DueFrom < today, When(at), Months: d.Point.Months);
        }).ToList();

        var requests = await db.CitizenRequests.AsNoTracking()
            .Where(q => q.HandledAtUtc == null && (q.Kind == CitizenRequestKind.CantCome || q.Kind == CitizenRequestKind.CallMe))
            .Join(db.Citizens.VisibleTo(user), q => q.CitizenId, c => c.Id, (q, c) => new { q.Id, q.Kind, q.CitizenId, Name = c.FirstName + " " + c.LastName, q.AtUtc, q.ReferralId })
            .ToListAsync(ct);
        tasks.AddRange(requests.Select(q => new TaskItem(q.Kind == CitizenRequestKind.CantCome ? TaskKind.CitizenCantCome : TaskKind.CitizenCallMe,
            0, q.CitizenId, q.Name, "", "", q.AtUtc, false, TaskWhen.Due, RequestId: q.Id)));
        return tasks;
    }
}
