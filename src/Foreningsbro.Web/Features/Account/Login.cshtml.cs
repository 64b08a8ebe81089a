using System.ComponentModel.DataAnnotations;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Foreningsbro.Web.Features.Account;

/// <summary>
/// /konto/log-ind: e-mail and password (<see cref="PasswordSignIn"/>: one answer and equal work whether or
/// not the account exists), then the code, or the set-up of two-factor login; "Log ind med …" buttons for the
/// municipalities with single sign-on. Posts are rate limited per client address.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Security.LoginRateLimit)]
public class LoginModel(PasswordSignIn passwords, IConfiguration config) : PageModel
{
    /// <summary>The municipalities whose staff sign in with their own identity provider ("Log ind med …").</summary>
    public IReadOnlyList<SsoProvider> Providers { get; } = SingleSignOn.Providers(config);

    /// <summary>Why single sign-on was refused, from the address (a word, never a person): ukendt, fejl, afbrudt.</summary>
    [BindProperty(SupportsGet = true, Name = "sso")]
    public string? Sso { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public class InputModel
    {
        [Required(ErrorMessage = "Skriv din e-mail.")]
        [EmailAddress(ErrorMessage = "Skriv en gyldig e-mail.")]
        [StringLength(Limits.Email, ErrorMessage = "E-mailen er for lang.")]
        [PlainText]
        [Display(Name = "E-mail")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Skriv din adgangskode.")]
        [StringLength(200, ErrorMessage = "Adgangskoden er for lang.")]
        [Display(Name = "Adgangskode")]
        public string Password { get; set; } = "";
    }

    public void OnGet()
    {
        if (Sso is not null && SingleSignOn.Refusals.TryGetValue(Sso, out var refusal))
        {
            ModelState.AddModelError(string.Empty, refusal);
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var step = await passwords.SignInAsync(Input.Email, Input.Password, HttpContext);
        var returnUrl = AccountEndpoints.IsLocal(ReturnUrl) ? ReturnUrl! : "/";
        switch (step)
        {
            case PasswordStep.SignedIn:
                return LocalRedirect(returnUrl);
            case PasswordStep.TwoFactor:
                return LocalRedirect("/konto/totrin?returnUrl=" + Uri.EscapeDataString(returnUrl));
            case PasswordStep.Enrol:
                return LocalRedirect("/konto/totrin/opsaet?returnUrl=" + Uri.EscapeDataString(returnUrl));
        }

        // The same words for a wrong password, an unknown e-mail and a locked account: nothing tells whether the account exists.
        ModelState.AddModelError(string.Empty, PasswordSignIn.Refused);
        Input.Password = "";
        return Page();
    }
}
