using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Admin;

/// <summary>Active teams whose club has not confirmed the listing in six months (or ever): whom the coordinator should call.</summary>
[Authorize(Policy = Policies.Coordinator)]
public class OverdueModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public List<Row> Teams { get; private set; } = [];

    public sealed record Row(int Id, string Title, int ClubId, string Club, string? ContactName, string? ContactPhone, string? ContactEmail, DateTime? LastConfirmedAtUtc, string? LastConfirmedBy);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Oldest first: never confirmed, then by date. The team's own contact, else the club's first contact person.
        Teams = await ListingConfirmation.Overdue(db.Teams.AsNoTracking().EditableBy(User), ListingConfirmation.OverdueBefore(clock))
            .OrderBy(t => t.LastConfirmedAtUtc != null).ThenBy(t => t.LastConfirmedAtUtc).ThenBy(t => t.Title)
            .Select(t => new Row(
                t.Id,
                t.Title,
                t.ClubId,
                t.Club.Name,
                t.ContactName ?? t.Club.ContactPersons.OrderBy(p => p.Id).Select(p => p.Name).FirstOrDefault(),
                t.ContactName != null ? t.ContactPhone : t.Club.ContactPersons.OrderBy(p => p.Id).Select(p => p.Phone).FirstOrDefault(),
                t.ContactName != null ? t.ContactEmail : t.Club.ContactPersons.OrderBy(p => p.Id).Select(p => p.Email).FirstOrDefault(),
                t.LastConfirmedAtUtc,
                t.LastConfirmedBy))
            .ToListAsync(ct);
    }
}
