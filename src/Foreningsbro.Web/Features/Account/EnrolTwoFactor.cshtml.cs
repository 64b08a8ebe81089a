using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Foreningsbro.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Foreningsbro.Web.Features.Account;

/// <summary>
/// /konto/totrin/opsaet: setting up two-factor login. Opened by a signed-in user without it, or, right
/// after a correct password, by a coordinator or professional who must have it (Identity's two-factor
/// cookie; nothing else opens for them until this is done). A pending user who already has two-factor
/// login is sent to the code instead, so a password alone can never replace the authenticator. The
/// recovery codes are shown once, on the answer to the right code, and never stored in clear.
/// </summary>
[AllowAnonymous]
public class EnrolTwoFactorModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, PasswordSignIn passwords) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string Key { get; private set; } = "";

    public string QrCode { get; private set; } = "";

    public bool AlreadyOn { get; private set; }

    public bool Required { get; private set; }

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public string Target => AccountEndpoints.IsLocal(ReturnUrl) ? ReturnUrl! : "/";

    public class InputModel
    {
        [StringLength(20, ErrorMessage = "Koden er for lang.")]
        [Display(Name = "Kode fra godkendelsesappen")]
        public string? Code { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var (user, pending) = await FindUserAsync();
        if (user is null)
        {
            return LocalRedirect(pending ? "/konto/totrin?returnUrl=" + Uri.EscapeDataString(Target) : "/konto/log-ind");
        }

        await LoadAsync(user, pending);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (user, pending) = await FindUserAsync();
        if (user is null)
        {
            return LocalRedirect(pending ? "/konto/totrin?returnUrl=" + Uri.EscapeDataString(Target) : "/konto/log-ind");
        }

        if (user.TwoFactorEnabled)
        {
            await LoadAsync(user, pending);
            return Page();
        }

        var code = TwoFactor.Normalize(Input.Code);
        if (!ModelState.IsValid || code.Length == 0
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            if (ModelState.IsValid)
            {
                ModelState.AddModelError("Input.Code", code.Length == 0
                    ? "Skriv koden fra din godkendelsesapp."
                    : "Koden passer ikke. Tjek, at du har scannet QR-koden herover, og skriv den kode, appen viser lige nu.");
            }

            await LoadAsync(user, pending);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactor.RecoveryCodeCount) ?? []];
        await passwords.AuditAsync(HttpContext, user, "TwoFactorEnabled", "Totrinsbekræftelse sat op med en godkendelsesapp");
        if (pending)
        {
            await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
            await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
            await passwords.AuditAsync(HttpContext, user, "LoginSucceeded", "Logget ind med adgangskode og kode fra godkendelsesappen (lige sat op)");
        }
        else
        {
            // Enabling renews the security stamp: the user's own cookie is re-issued so it stays valid.
            await signIn.RefreshSignInAsync(user);
        }

        AlreadyOn = true;
        return Page();
    }

    /// <summary>The signed-in user, or the user whose password was right a moment ago and who has no second factor yet.</summary>
    private async Task<(AppUser? User, bool Pending)> FindUserAsync()
    {
        Response.Headers.CacheControl = "no-store";
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is { } waiting)
        {
            // Someone who already has the authenticator must give its code; a password alone does not set up a new one.
            return waiting.TwoFactorEnabled ? (null, true) : (waiting, true);
        }

        return User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } signedIn ? (signedIn, false) : (null, false);
    }

    private async Task LoadAsync(AppUser user, bool pending)
    {
        AlreadyOn = user.TwoFactorEnabled;
        Required = pending;
        if (AlreadyOn)
        {
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
            if (!pending)
            {
                await signIn.RefreshSignInAsync(user);
            }
        }

        Key = TwoFactor.Grouped(key);
        QrCode = TwoFactor.QrDataUri(TwoFactor.AuthenticatorUri(user.Email ?? user.UserName ?? "", key));
    }
}
