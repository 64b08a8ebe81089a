using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Account;

/// <summary>/administration/log: administrative changes, newest first; a coordinator sees their municipality's, the national administrator all.</summary>
[Authorize(Policy = Policies.SeesAuditLog)]
public class AuditLogModel(AppDbContext db) : PageModel
{
    public const int Shown = 300;

    public List<AuditLogEntry> Items { get; private set; } = [];

    /// <summary>?vis=log-ind: the sign-in attempts instead of the administrative changes (they would drown them).</summary>
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "vis")]
    public string? Show { get; set; }

    public bool SignIns => Show == "log-ind";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var entries = db.AuditLog.AsNoTracking();
        entries = SignIns ? entries.Where(e => PasswordSignIn.SignInActions.Contains(e.Action)) : entries.Where(e => !PasswordSignIn.SignInActions.Contains(e.Action));
        if (!User.IsInRole(Roles.NationalAdmin))
        {
            var municipalityId = User.MunicipalityId();
            entries = municipalityId is { } m ? entries.Where(e => e.MunicipalityId == m) : entries.Where(e => false);
        }

        Items = await entries.OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id).Take(Shown).ToListAsync(ct);
    }
}
