using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Account;

/// <summary>/administration/brugere: the coordinator's municipality's users, who has which role and since when.</summary>
[Authorize(Policy = Policies.ManagesUsers)]
public class UsersModel(AppDbContext db) : PageModel
{
    public sealed record RoleRow(string Role, DateTime? SinceUtc);

    public sealed record UserRow(string Id, string Name, string Email, bool HasPassword, DateTime? DeactivatedAtUtc, string? Department, string? Club, List<RoleRow> Roles);

    public List<UserRow> Items { get; private set; } = [];

    public string Municipality { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var municipalityId = User.MunicipalityId();
        Municipality = await db.Municipalities.Where(m => m.Id == municipalityId).Select(m => m.Name).SingleAsync(ct);
        var users = await UserAdministration.ManagedBy(db.Users.AsNoTracking(), User)
            .OrderBy(u => u.DisplayName)
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                u.Email,
                HasPassword = u.PasswordHash != null,
                u.DeactivatedAtUtc,
                Department = u.Department == null ? null : u.Department.Name,
                Club = u.Club == null ? null : u.Club.Name,
            })
            .ToListAsync(ct);
        var ids = users.Select(u => u.Id).ToList();
        var roles = await db.UserRoles.AsNoTracking().Where(ur => ids.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, Role = r.Name!, ur.GrantedAtUtc })
            .ToListAsync(ct);
        Items = [.. users.Select(u => new UserRow(u.Id, u.DisplayName, u.Email ?? "", u.HasPassword, u.DeactivatedAtUtc, u.Department, u.Club,
            [.. roles.Where(r => r.UserId == u.Id).OrderBy(r => Array.IndexOf(Roles.All, r.Role)).Select(r => new RoleRow(r.Role, r.GrantedAtUtc))]))];
    }
}
