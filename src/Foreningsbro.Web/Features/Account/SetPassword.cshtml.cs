using System.ComponentModel.DataAnnotations;
using Foreningsbro.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Foreningsbro.Web.Features.Account;

/// <summary>
/// /konto/adgangskode?token=…: the page an invitation or a reset e-mail links to. Showing it spends
/// nothing; choosing a password spends the link. The token is in the address (the e-mail's link), so
/// Microsoft.AspNetCore's request logging stays at Warning (appsettings.json) and pages send
/// Referrer-Policy: same-origin.
/// </summary>
[AllowAnonymous]
public class SetPasswordModel(UserAdministration admin) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public LinkState State { get; private set; }

    public AccountLinkPurpose Purpose { get; private set; }

    public string Email { get; private set; } = "";

    public bool Done { get; private set; }

    public class InputModel
    {
        [Required(ErrorMessage = "Skriv en adgangskode.")]
        [StringLength(200, ErrorMessage = "Adgangskoden må højst være {1} tegn.")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Skriv adgangskoden igen.")]
        [Compare(nameof(Password), ErrorMessage = "De to adgangskoder er ikke ens.")]
        public string Confirm { get; set; } = "";
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (State != LinkState.Usable || !ModelState.IsValid)
        {
            return Page();
        }

        var result = await admin.SetPasswordAsync(Token, Input.Password, ct);
        if (!result.Ok)
        {
            ModelState.AddModelError(result.Field ?? "", result.Error!);
            await LoadAsync(ct);
            return Page();
        }

        Done = true;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        // A refused form shows the typed password again (the rule: forms keep what was typed); no cache may keep it.
        Response.Headers.CacheControl = "no-store";
        var (state, link) = await admin.FindLinkAsync(Token, ct);
        State = state;
        Purpose = link?.Purpose ?? AccountLinkPurpose.Invitation;
        Email = state == LinkState.Usable ? link!.User.Email ?? "" : "";
    }
}
