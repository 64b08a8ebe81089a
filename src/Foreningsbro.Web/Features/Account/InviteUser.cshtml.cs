using System.ComponentModel.DataAnnotations;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Foreningsbro.Web.Features.Account;

/// <summary>/administration/brugere/inviter: a coordinator invites a colleague or club contact of their own municipality by e-mail.</summary>
[Authorize(Policy = Policies.ManagesUsers)]
public class InviteUserModel(AppDbContext db, UserAdministration admin, IConfiguration config) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public AccessChoices Choices { get; private set; } = new();

    public class InputModel
    {
        [Required(ErrorMessage = "Skriv brugerens navn.")]
        [StringLength(Limits.PersonName, ErrorMessage = "Navnet må højst være {1} tegn.")]
        [PlainText]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Skriv brugerens e-mail.")]
        [EmailAddress(ErrorMessage = "Skriv en gyldig e-mail.")]
        [StringLength(Limits.Email, ErrorMessage = "E-mailen er for lang.")]
        [PlainText]
        public string Email { get; set; } = "";

        public AccessInput Access { get; set; } = new();
    }

    public async Task OnGetAsync(CancellationToken ct) => Choices = await AccessChoices.LoadAsync(db, User.MunicipalityId()!.Value, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Choices = await AccessChoices.LoadAsync(db, User.MunicipalityId()!.Value, ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await admin.InviteAsync(Input.Email, Input.Name, User.MunicipalityId(), Input.Access.ToAccess(), Actor.Of(User), UserAdministration.BaseUrl(config, Request), sendEmail: true, ct);
        if (!result.Ok)
        {
            AccessChoices.AddError(ModelState, result, result.Field is "Email" ? "Input." : "Input.Access.");
            return Page();
        }

        TempData["Saved"] = "Invitationen er sendt.";
        return Redirect($"/administration/brugere/{result.UserId}");
    }
}
