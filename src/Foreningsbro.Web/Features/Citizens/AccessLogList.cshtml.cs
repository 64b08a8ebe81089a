using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Citizens;

/// <summary>Who has looked at this citizen's record, and when. Coordinator only.</summary>
[Authorize(Policy = Policies.Coordinator)]
public class AccessLogListModel(AppDbContext db) : PageModel
{
    public string CitizenName { get; private set; } = "";
    public int CitizenId { get; private set; }
    public List<AccessLogEntry> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var name = await db.Citizens.AsNoTracking().VisibleTo(User).Where(c => c.Id == id).Select(c => c.FirstName + " " + c.LastName).SingleOrDefaultAsync(ct);
        if (name is null)
        {
            return NotFound();
        }

        CitizenId = id;
        CitizenName = name;
        Items = await db.AccessLog.AsNoTracking().Where(a => a.CitizenId == id).OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).Take(500).ToListAsync(ct);
        return Page();
    }
}
