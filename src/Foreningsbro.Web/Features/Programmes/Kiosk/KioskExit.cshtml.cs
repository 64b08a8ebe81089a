using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>
/// Leaving the kiosk needs the instructor's PIN, and it signs the instructor back in. Wrong PINs are
/// counted on their own (<see cref="MaxFailures"/> tries, then <see cref="LockMinutes"/> minutes without
/// the PIN), not towards the account's password lockout: the participants at the tablet must not be
/// able to lock their instructor out of Foreningsbro (issue 12). The instructor can still sign in with
/// their password meanwhile, which ends the kiosk on that device.
/// </summary>
[Authorize(Policy = Policies.Kiosk)]
public class KioskExitModel(AppDbContext db, TimeProvider time, UserManager<AppUser> users, SignInManager<AppUser> signIn) : KioskPageModel(db, time)
{
    public const int MaxFailures = 5;

    public const int LockMinutes = 15;

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

        var now = Time.GetUtcNow().UtcDateTime;
        if (instructor.KioskPinLockedUntilUtc > now)
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
            instructor.KioskPinFailedCount++;
            var left = MaxFailures - instructor.KioskPinFailedCount;
            if (left <= 0)
            {
                instructor.KioskPinFailedCount = 0;
                instructor.KioskPinLockedUntilUtc = now.AddMinutes(LockMinutes);
            }

            await Db.SaveChangesAsync(ct);
            ModelState.AddModelError("Input.Pin", left <= 0
                ? "Forkert PIN for mange gange. Kiosken kan først forlades om 15 minutter."
                : $"Forkert PIN. {left} forsøg tilbage.");
            return Page();
        }

        instructor.KioskPinFailedCount = 0;
        instructor.KioskPinLockedUntilUtc = null;
        await Db.SaveChangesAsync(ct);
        var sessionId = User.KioskSessionId();
        await HttpContext.SignOutAsync(KioskAuth.Scheme);
        await signIn.SignInAsync(instructor, isPersistent: false);
        return Redirect(sessionId is { } s ? $"/instruktoer/traening/{s}" : "/instruktoer");
    }
}
