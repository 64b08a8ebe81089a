using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Foreningsbro.Web.Features.Account;

/// <summary>/konto/gendannelseskoder: the signed-in user's two-factor state, how many recovery codes are left, and new ones (shown once).</summary>
[Authorize(Policy = Policies.SignedIn)]
public class RecoveryCodesModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, PasswordSignIn passwords) : PageModel
{
    public bool Enabled { get; private set; }

    public int Left { get; private set; }

    public IReadOnlyList<string> NewCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? LocalRedirect("/konto/log-ind") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is not { } user)
        {
            return LocalRedirect("/konto/log-ind");
        }

        if (!Enabled)
        {
            ModelState.AddModelError("", "Sæt totrinsbekræftelse op først; så får du gendannelseskoder.");
            return Page();
        }

        NewCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactor.RecoveryCodeCount) ?? []];
        Left = NewCodes.Count;
        await passwords.AuditAsync(HttpContext, user, "RecoveryCodesRenewed", "Nye gendannelseskoder lavet; de gamle virker ikke længere");
        await signIn.RefreshSignInAsync(user);
        return Page();
    }

    private async Task<AppUser?> LoadAsync()
    {
        Response.Headers.CacheControl = "no-store";
        var user = await users.GetUserAsync(User);
        if (user is not null)
        {
            Enabled = user.TwoFactorEnabled;
            Left = Enabled ? await users.CountRecoveryCodesAsync(user) : 0;
        }

        return user;
    }
}
