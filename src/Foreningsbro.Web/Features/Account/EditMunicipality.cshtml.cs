using System.ComponentModel.DataAnnotations;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Account;

/// <summary>/administration/kommuner/{id}: a municipality's name and code, its coordinators, and inviting a coordinator.</summary>
[Authorize(Policy = Policies.NationalAdmin)]
public class EditMunicipalityModel(AppDbContext db, UserAdministration admin, IConfiguration config) : PageModel
{
    // Each form binds only its own fields (handler parameters), so the other form's are not validated.
    public MunicipalityInput Input { get; set; } = new();

    public InviteInput Invite { get; set; } = new();

    public Municipality Subject { get; private set; } = null!;

    public List<(string Name, string Email, bool Active)> Coordinators { get; private set; } = [];

    public string? Saved { get; private set; }

    public class InviteInput
    {
        [StringLength(Limits.PersonName, ErrorMessage = "Navnet må højst være {1} tegn.")]
        [PlainText]
        public string? Name { get; set; }

        [EmailAddress(ErrorMessage = "Skriv en gyldig e-mail.")]
        [StringLength(Limits.Email, ErrorMessage = "E-mailen er for lang.")]
        [PlainText]
        public string? Email { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input = new MunicipalityInput { Name = Subject.Name, Code = Subject.Code };
        Saved = TempData["Saved"] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, [Bind(Prefix = "Input")] MunicipalityInput input, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input = input;

        if (!await MunicipalityInput.CheckAsync(db, Input, id, ModelState, ct))
        {
            return Page();
        }

        var before = $"{Subject.Name} ({Subject.Code})";
        Subject.Name = Input.Name.Trim();
        Subject.Code = Input.Code!.Value;
        admin.AuditOther(Actor.Of(User), Subject.Id, "MunicipalityChanged", $"Kommune ændret: {before} → {Subject.Name} ({Subject.Code})");
        await db.SaveChangesAsync(ct);
        TempData["Saved"] = "Kommunen er gemt.";
        return Redirect($"/administration/kommuner/{id}");
    }

    public async Task<IActionResult> OnPostInviteAsync(int id, [Bind(Prefix = "Invite")] InviteInput invite, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Invite = invite;
        Input = new MunicipalityInput { Name = Subject.Name, Code = Subject.Code };
        if (string.IsNullOrWhiteSpace(Invite.Name))
        {
            ModelState.AddModelError("Invite.Name", "Skriv koordinatorens navn.");
        }

        if (string.IsNullOrWhiteSpace(Invite.Email))
        {
            ModelState.AddModelError("Invite.Email", "Skriv koordinatorens e-mail.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await admin.InviteAsync(Invite.Email!, Invite.Name!, id, new UserAccess([Roles.Coordinator], null, null, []), Actor.Of(User), UserAdministration.BaseUrl(config, Request), sendEmail: true, ct);
        if (!result.Ok)
        {
            ModelState.AddModelError(result.Field == "Email" ? "Invite.Email" : "", result.Error!);
            return Page();
        }

        TempData["Saved"] = "Invitationen er sendt.";
        return Redirect($"/administration/kommuner/{id}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var subject = await db.Municipalities.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (subject is null)
        {
            return false;
        }

        Subject = subject;
        var coordinator = await db.Roles.Where(r => r.Name == Roles.Coordinator).Select(r => r.Id).SingleAsync(ct);
        Coordinators = [.. (await db.Users.AsNoTracking()
            .Where(u => u.MunicipalityId == id && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == coordinator))
            .OrderBy(u => u.DisplayName)
            .Select(u => new { u.DisplayName, u.Email, Active = u.DeactivatedAtUtc == null })
            .ToListAsync(ct)).Select(u => (u.DisplayName, u.Email ?? "", u.Active))];
        return true;
    }
}
