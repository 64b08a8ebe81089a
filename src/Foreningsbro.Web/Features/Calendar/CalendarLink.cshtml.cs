using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Calendar;

/// <summary>
/// "Kalender": the user's own feed address. It is shown once, when made (only its hash is kept); a new
/// one replaces the old, and "Stop kalenderlinket" ends it (CalendarFeeds).
/// </summary>
[Authorize(Policy = Policies.PersonalCalendar)]
public class CalendarLinkModel(AppDbContext db, IConfiguration config) : PageModel
{
    public bool HasFeed { get; private set; }

    /// <summary>The new address, shown on the answer to "Lav kalenderlink" and never again.</summary>
    public string? NewFeedUrl { get; private set; }

    public bool Stopped { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => HasFeed = await Me().AnyAsync(u => u.CalendarFeedTokenHash != null, ct);

    private IQueryable<AppUser> Me()
    {
        var id = User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        return db.Users.Where(u => u.Id == id);
    }

    public async Task OnPostCreateAsync(CancellationToken ct)
    {
        var token = CalendarFeeds.NewToken();
        var hash = CalendarFeeds.Hash(token);
        await Me().ExecuteUpdateAsync(s => s.SetProperty(u => u.CalendarFeedTokenHash, hash), ct);
        NewFeedUrl = CalendarFeeds.FeedUrl(Request, config, token);
        HasFeed = true;
    }

    public async Task OnPostStopAsync(CancellationToken ct)
    {
        await Me().ExecuteUpdateAsync(s => s.SetProperty(u => u.CalendarFeedTokenHash, (string?)null), ct);
        Stopped = true;
    }
}
