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
/// /konto/totrin: the second step after a right password. Only Identity's two-factor cookie (5 minutes,
/// set by <see cref="PasswordSignIn"/>) opens it. A wrong code counts towards the account's lockout
/// (Identity); a recovery code works once. "Husk denne enhed" spares this browser the code for 30 days.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Security.LoginRateLimit)]
public class TwoFactorLoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, PasswordSignIn passwords) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int RememberDays => (int)SignInSetup.RememberDevice.TotalDays;

    public class InputModel
    {
        [StringLength(20, ErrorMessage = "Koden er for lang.")]
        [Display(Name = "Kode fra godkendelsesappen")]
        public string? Code { get; set; }

        public bool RememberDevice { get; set; }

        [StringLength(30, ErrorMessage = "Gendannelseskoden er for lang.")]
        [Display(Name = "Gendannelseskode")]
        public string? RecoveryCode { get; set; }
    }

    public async Task<IActionResult> OnGetAsync() => await PendingUserAsync() is { } user
        ? user.TwoFactorEnabled ? Page() : LocalRedirect(Continue("/konto/totrin/opsaet"))
        : LocalRedirect("/konto/log-ind");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await PendingUserAsync() is not { } user || !user.TwoFactorEnabled)
        {
            return LocalRedirect("/konto/log-ind");
        }

        var code = TwoFactor.Normalize(Input.Code);
        if (!ModelState.IsValid || code.Length == 0)
        {
            ModelState.AddModelError("Input.Code", "Skriv koden fra din godkendelsesapp.");
            return Page();
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: Input.RememberDevice);
        if (result.Succeeded)
        {
            await passwords.AuditAsync(HttpContext, user, "LoginSucceeded", "Logget ind med adgangskode og kode fra godkendelsesappen" + (Input.RememberDevice ? $"; enheden huskes i {RememberDays} dage" : ""));
            return LocalRedirect(Target);
        }

        await passwords.AuditAsync(HttpContext, user, result.IsLockedOut ? "LoginLockedOut" : "TwoFactorFailed", result.IsLockedOut ? "Forkert kode fra godkendelsesappen; kontoen er låst" : "Forkert kode fra godkendelsesappen");
        ModelState.AddModelError("Input.Code", result.IsLockedOut
            ? "For mange forkerte forsøg. Kontoen er låst i 15 minutter."
            : "Koden er forkert eller udløbet. Skriv den kode, appen viser lige nu.");
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryAsync()
    {
        if (await PendingUserAsync() is not { } user || !user.TwoFactorEnabled)
        {
            return LocalRedirect("/konto/log-ind");
        }

        var code = TwoFactor.NormalizeRecoveryCode(Input.RecoveryCode);
        if (!ModelState.IsValid || code.Length == 0)
        {
            ModelState.AddModelError("Input.RecoveryCode", "Skriv en af dine gendannelseskoder.");
            return Page();
        }

        var failedBefore = await users.GetAccessFailedCountAsync(user);
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            var left = await users.CountRecoveryCodesAsync(user);
            await passwords.AuditAsync(HttpContext, user, "LoginSucceeded", $"Logget ind med adgangskode og en gendannelseskode ({left} tilbage)");
            TempData["RecoveryCodesLeft"] = left;
            return LocalRedirect(left <= 3 ? "/konto/gendannelseskoder" : Target);
        }

        // A wrong recovery code counts towards lockout like a wrong code (where Identity has not counted it already).
        if (!result.IsLockedOut && await users.GetAccessFailedCountAsync(user) == failedBefore)
        {
            await users.AccessFailedAsync(user);
        }

        var locked = result.IsLockedOut || await users.IsLockedOutAsync(user);
        await passwords.AuditAsync(HttpContext, user, locked ? "LoginLockedOut" : "TwoFactorFailed", "Forkert eller allerede brugt gendannelseskode");
        ModelState.AddModelError("Input.RecoveryCode", locked
            ? "For mange forkerte forsøg. Kontoen er låst i 15 minutter."
            : "Gendannelseskoden er forkert eller allerede brugt. Hver kode virker én gang.");
        return Page();
    }

    private string Target => AccountEndpoints.IsLocal(ReturnUrl) ? ReturnUrl! : "/";

    private string Continue(string path) => path + "?returnUrl=" + Uri.EscapeDataString(Target);

    private async Task<AppUser?> PendingUserAsync()
    {
        Response.Headers.CacheControl = "no-store";
        return await signIn.GetTwoFactorAuthenticationUserAsync();
    }
}
