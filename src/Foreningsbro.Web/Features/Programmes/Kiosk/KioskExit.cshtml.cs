using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>
/// Leaving the kiosk needs the instructor's PIN, and it signs the instructor back in. Wrong PINs
/// count towards the account's lockout (5 tries, then 15 minutes): the PIN opens the account, so
/// guessing it is treated like guessing the password.
/// </summary>
[Authorize(Policy = Policies.Kiosk)]
public class KioskExitModel(AppDbContext db, TimeProvider time, UserManager<AppUser> users, SignInManager<AppUser> signIn) : KioskPageModel(db, time)
{
    public sealed class InputModel
    {
        public string? Pin { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => await FindSessionAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await FindSessionAsync(ct);
        var pin = Input.Pin?.Trim() ?? "";
        Input = new(); // a PIN is never sent back into the form
        var instructor = User.KioskInstructorId() is { } id ? await users.FindByIdAsync(id) : null;
        if (instructor is null)
        {
            await HttpContext.SignOutAsync(KioskAuth.Scheme);
            return Redirect("/konto/log-ind");
        }

        if (await users.IsLockedOutAsync(instructor))
        {
            ModelState.AddModelError("Input.Pin", "For mange forkerte forsøg. Kiosken kan først forlades om 15 minutter.");
            return Page();
        }

        if (pin.Length == 0)
        {
            ModelState.AddModelError("Input.Pin", "Skriv instruktørens PIN.");
            return Page();
        }

        var ok = instructor.KioskPinHash is { } hash && users.PasswordHasher.VerifyHashedPassword(instructor, hash, pin) != PasswordVerificationResult.Failed;
        if (!ok)
        {
            await users.AccessFailedAsync(instructor);
            var left = users.Options.Lockout.MaxFailedAccessAttempts - await users.GetAccessFailedCountAsync(instructor);
            ModelState.AddModelError("Input.Pin", await users.IsLockedOutAsync(instructor)
                ? "Forkert PIN for mange gange. Kiosken kan først forlades om 15 minutter."
                : $"Forkert PIN. {left} forsøg tilbage.");
            return Page();
        }

        await users.ResetAccessFailedCountAsync(instructor);
        var sessionId = User.KioskSessionId();
        await HttpContext.SignOutAsync(KioskAuth.Scheme);
        await signIn.SignInAsync(instructor, isPersistent: false);
        return Redirect(sessionId is { } s ? $"/instruktoer/traening/{s}" : "/instruktoer");
    }
}
