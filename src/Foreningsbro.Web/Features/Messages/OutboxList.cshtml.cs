using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Messages;

/// <summary>The coordinator's view of the outbox: what was sent, what waits, what failed and why.</summary>
[Authorize(Policy = Policies.Coordinator)]
public class OutboxListModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public MessageStatus? Status { get; set; }

    public List<OutboxMessage> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var q = db.OutboxMessages.AsNoTracking();
        if (Status is { } s && Enum.IsDefined(s))
        {
            q = q.Where(m => m.Status == s);
        }

        Items = await q.OrderByDescending(m => m.CreatedAtUtc).ThenByDescending(m => m.Id).Take(200).ToListAsync(ct);
    }
}
