using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Account;

/// <summary>
/// /administration/brugere/{id}: a user's roles, department, club and programmes, deactivation and a new
/// invitation. Only users of the coordinator's own municipality: any other id is a 404.
/// </summary>
[Authorize(Policy = Policies.ManagesUsers)]
public class EditUserModel(AppDbContext db, UserAdministration admin, IConfiguration config) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public AccessChoices Choices { get; private set; } = new();

    public AppUser Subject { get; private set; } = null!;

    public List<(string Role, DateTime? SinceUtc)> CurrentRoles { get; private set; } = [];

    public string? Saved { get; private set; }

    public class InputModel
    {
        public AccessInput Access { get; set; } = new();
    }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input.Access = new AccessInput
        {
            Roles = [.. CurrentRoles.Select(r => r.Role)],
            DepartmentId = Subject.DepartmentId,
            ClubId = Subject.ClubId,
            ProgrammeIds = await db.ProgrammeInstructors.Where(p => p.UserId == id).Select(p => p.ProgrammeId).ToListAsync(ct),
        };
        Saved = TempData["Saved"] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await admin.ChangeAccessAsync(Subject, Input.Access.ToAccess(), Actor.Of(User), ct);
        return Done(result, "Ændringerne er gemt. De gælder inden for et minut, også hvis brugeren er logget ind.");
    }

    public async Task<IActionResult> OnPostDeactivateAsync(string id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Done(await admin.DeactivateAsync(Subject, Actor.Of(User), ct), "Brugeren er deaktiveret. Brugerens sessioner og tokens holder op med at virke inden for et minut.") : NotFound();

    public async Task<IActionResult> OnPostReactivateAsync(string id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Done(await admin.ReactivateAsync(Subject, Actor.Of(User), ct), "Brugeren er aktiv igen.") : NotFound();

    public async Task<IActionResult> OnPostReinviteAsync(string id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Done(await admin.ReinviteAsync(Subject, Actor.Of(User), UserAdministration.BaseUrl(config, Request), ct), "En ny invitation er sendt; det gamle link virker ikke længere.") : NotFound();

    public async Task<IActionResult> OnPostResetTwoFactorAsync(string id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Done(await admin.ResetTwoFactorAsync(Subject, Actor.Of(User), ct), "Totrinsbekræftelsen er nulstillet. Brugeren sætter den op igen ved næste login.") : NotFound();

    private IActionResult Done(AdminResult result, string message)
    {
        if (!result.Ok)
        {
            AccessChoices.AddError(ModelState, result, "Input.Access.");
            return Page();
        }

        TempData["Saved"] = message;
        return Redirect($"/administration/brugere/{Subject.Id}");
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        var subject = await UserAdministration.ManagedBy(db.Users, User).SingleOrDefaultAsync(u => u.Id == id, ct);
        if (subject is null)
        {
            return false;
        }

        Subject = subject;
        Choices = await AccessChoices.LoadAsync(db, User.MunicipalityId()!.Value, ct);
        CurrentRoles = [.. (await db.UserRoles.AsNoTracking().Where(ur => ur.UserId == id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { Role = r.Name!, ur.GrantedAtUtc }).ToListAsync(ct))
            .Select(r => (r.Role, r.GrantedAtUtc))];
        if (Request.Method == HttpMethods.Post && ModelState.IsValid && Input.Access.Roles.Count == 0 && !Request.Form.ContainsKey("Input.Access.DepartmentId"))
        {
            // A button's form (deactivate, reinvite) carries no access fields: show the current ones again.
            Input.Access = new AccessInput
            {
                Roles = [.. CurrentRoles.Select(r => r.Role)],
                DepartmentId = subject.DepartmentId,
                ClubId = subject.ClubId,
                ProgrammeIds = await db.ProgrammeInstructors.Where(p => p.UserId == id).Select(p => p.ProgrammeId).ToListAsync(ct),
            };
        }

        return true;
    }
}
