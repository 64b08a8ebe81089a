using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Messages;

/// <summary>The coordinator's view of the outbox: what was sent, what waits, what failed and why, and "send again".</summary>
[Authorize(Policy = Policies.Coordinator)]
public class OutboxListModel(AppDbContext db, TimeProvider time) : PageModel
{
    /// <summary>This many failed attempts in a row on a channel, with no success in between, and the page says the server is down.</summary>
    public const int FailuresForBanner = 5;

    [BindProperty(SupportsGet = true)]
    public MessageStatus? Status { get; set; }

    public List<OutboxMessage> Items { get; private set; } = [];

    /// <summary>Channels whose last attempts all failed: how many in a row and when the last was. No recipients, no texts.</summary>
    public List<(MessageChannel Channel, int Failures, DateTime LastUtc)> Down { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var q = db.OutboxMessages.AsNoTracking().VisibleTo(db.Citizens, User);
        if (Status is { } s && Enum.IsDefined(s))
        {
            q = q.Where(m => m.Status == s);
        }

        Items = await q.OrderByDescending(m => m.CreatedAtUtc).ThenByDescending(m => m.Id).Take(200).ToListAsync(ct);
        foreach (var channel in Enum.GetValues<MessageChannel>())
        {
            if (await FailuresInARowAsync(channel, ct) is { } down)
            {
                Down.Add((channel, down.Failures, down.LastUtc));
            }
        }
    }

    /// <summary>Sends a failed message again with a new attempt budget, unless its consent was withdrawn meanwhile.</summary>
    public async Task<IActionResult> OnPostResendAsync(long id, CancellationToken ct)
    {
        var message = await db.OutboxMessages.AsNoTracking().VisibleTo(db.Citizens, User).SingleOrDefaultAsync(m => m.Id == id, ct);
        if (message is null)
        {
            return NotFound();
        }

        if (message.Status != MessageStatus.Failed)
        {
            TempData["Message"] = "Beskeden er ikke fejlet og sendes ikke igen (den er måske allerede sendt igen).";
            return RedirectToPage(new { Status });
        }

        var now = time.GetUtcNow();
        if (!await OutboxDispatch.StillAllowedAsync(db, message, now.UtcDateTime, ct))
        {
            await db.OutboxMessages.Where(m => m.Id == id && m.Status == MessageStatus.Failed)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Cancelled).SetProperty(m => m.LastError, OutboxDispatch.NotAllowedReason), ct);
            TempData["Message"] = "Beskeden sendes ikke igen: borgeren har trukket samtykket tilbage, ønsker ikke at blive kontaktet, eller besøget er allerede sket. Den er annulleret.";
            return RedirectToPage(new { Status });
        }

        // Guarded by the status, so a double submit (or two coordinators at once) resets the message only once.
        var nowUtc = now.UtcDateTime;
        var reset = await db.OutboxMessages.Where(m => m.Id == id && m.Status == MessageStatus.Failed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, MessageStatus.Pending)
                .SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAtUtc, nowUtc)
                .SetProperty(m => m.ClaimedBy, (string?)null)
                .SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), ct);
        if (reset == 1 && message.CitizenId is { } citizenId)
        {
            await AccessLog.WriteViewAsync(db, User, now, citizenId, "Udbakke: besked sendt igen", ct);
        }

        TempData["Message"] = reset == 1
            ? "Beskeden sendes igen ved næste forsøg."
            : "Beskeden er ikke fejlet og sendes ikke igen (den er måske allerede sendt igen).";
        return RedirectToPage(new { Status });
    }

    private async Task<(int Failures, DateTime LastUtc)?> FailuresInARowAsync(MessageChannel channel, CancellationToken ct)
    {
        var lastSuccess = await db.OutboxMessages.Where(m => m.Channel == channel && m.Status == MessageStatus.Sent).MaxAsync(m => m.SentAtUtc, ct);
        var failing = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Channel == channel && m.Attempts > 0 && (m.Status == MessageStatus.Pending || m.Status == MessageStatus.Failed)
                && (lastSuccess == null || m.NextAttemptAtUtc > lastSuccess))
            .OrderByDescending(m => m.NextAttemptAtUtc)
            .Select(m => new { m.Status, m.Attempts, m.NextAttemptAtUtc })
            .Take(50)
            .ToListAsync(ct);
        var last = failing.Select(m => OutboxDispatch.LastAttemptAt(m.Status, m.Attempts, m.NextAttemptAtUtc)).ToList();
        var failures = failing.Select((m, i) => OutboxDispatch.FailedAttemptsAfter(m.Attempts, last[i], lastSuccess)).Sum();
        return failures >= FailuresForBanner ? (failures, last.Max()) : null;
    }
}
