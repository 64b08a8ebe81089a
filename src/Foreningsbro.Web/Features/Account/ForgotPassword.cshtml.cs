using System.ComponentModel.DataAnnotations;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Foreningsbro.Web.Features.Account;

/// <summary>"Glemt adgangskode?": the same answer whether or not the e-mail belongs to an account.</summary>
[AllowAnonymous]
public class ForgotPasswordModel(UserAdministration admin, IConfiguration config) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Sent { get; private set; }

    public class InputModel
    {
        [Required(ErrorMessage = "Skriv din e-mail.")]
        [EmailAddress(ErrorMessage = "Skriv en gyldig e-mail.")]
        [StringLength(Limits.Email, ErrorMessage = "E-mailen er for lang.")]
        [PlainText]
        public string Email { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        await admin.RequestResetAsync(Input.Email, UserAdministration.BaseUrl(config, Request), ct);
        Sent = true;
        return Page();
    }
}
