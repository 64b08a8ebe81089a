using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue;
using Foreningsbro.Web.Features.Catalogue.Search;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Citizens;

[Authorize(Policy = Policies.WorksWithCitizens)]
public class CitizensModel(AppDbContext db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public List<Row> Items { get; private set; } = [];

    /// <summary>Why the search text was refused (see <see cref="TextInput"/>), or null.</summary>
    public string? QueryError { get; private set; }

    public sealed record Row(int Id, string Name, int BirthYear, string PostalCode, string Department, ReferralStatus? LatestStatus, string? LatestTeam);

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (TextInput.Problem(Q, maxLength: Limits.Query) is { } problem)
        {
            QueryError = problem;
            return;
        }

        var query = db.Citizens.AsNoTracking().VisibleTo(User);
        foreach (var term in SearchText.Terms(Q))
        {
            query = query.Where(c => c.NameKey.Contains(term));
        }

        Items = await query
            .OrderByDescending(c => c.CreatedAtUtc).ThenByDescending(c => c.Id)
            .Take(100)
            .Select(c => new Row(
                c.Id, c.FirstName + " " + c.LastName, c.BirthYear, c.PostalCode, c.Department.Name,
                c.Referrals.OrderByDescending(r => r.CreatedAtUtc).Select(r => (ReferralStatus?)r.Status).FirstOrDefault(),
                c.Referrals.OrderByDescending(r => r.CreatedAtUtc).Select(r => r.Team.Title).FirstOrDefault()))
            .ToListAsync(ct);
        await AccessLog.WriteListAsync(db, User, time.GetUtcNow(), "Borgerliste", Q, Items.Count, ct);
    }
}
