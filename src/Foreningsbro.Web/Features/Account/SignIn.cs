using System.Security.Claims;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Foreningsbro.Web.Features.Account;

/// <summary>What the password step leads to.</summary>
public enum PasswordStep
{
    /// <summary>Wrong e-mail, wrong password, locked, deactivated: one answer for all, so it tells nobody whether an account exists.</summary>
    Refused,
    /// <summary>Signed in (no second factor needed, or this device is remembered).</summary>
    SignedIn,
    /// <summary>The password was right; the authenticator code comes next (/konto/totrin).</summary>
    TwoFactor,
    /// <summary>The password was right, two-factor login is required and not yet set up (/konto/totrin/opsaet).</summary>
    Enrol,
}

/// <summary>
/// Signing in with a password, for the login form and the token endpoint (docs/adr/0015-sign-in.md).
/// Equal work either way: an unknown e-mail, a locked or a deactivated account verify the password
/// against a dummy hash, so the answer takes as long as a wrong password for a real account, and all
/// of them get <see cref="Refused"/>. Every attempt is written to the audit log, never the password.
/// Coordinators and professionals must use a second factor (<c>Account:RequireTwoFactor</c>, default
/// true); until they have set it up, they hold only Identity's short-lived two-factor cookie, which
/// opens nothing but the enrolment page.
/// </summary>
public sealed class PasswordSignIn(UserManager<AppUser> users, SignInManager<AppUser> signIn, AppDbContext db, TimeProvider time, IConfiguration config)
{
    public const string Refused = "E-mail eller adgangskode er forkert. Efter 5 forkerte forsøg i træk er kontoen låst i 15 minutter.";

    /// <summary>The audit log's sign-in events (the log page shows them apart from the administrative changes).</summary>
    public static readonly string[] SignInActions = ["LoginSucceeded", "LoginFailed", "LoginLockedOut", "TwoFactorFailed", "PasswordAccepted"];

    /// <summary>The roles that must sign in with a second factor when they use a password.</summary>
    public static readonly string[] TwoFactorRoles = [Roles.Coordinator, Roles.Professional];

    private static readonly AppUser Nobody = new() { DisplayName = "" };
    private static string? dummyHash;

    public bool RequireTwoFactor => config.GetValue("Account:RequireTwoFactor", true);

    /// <summary>Checks the password (counting a wrong one towards lockout) and returns the user, or null with nothing revealed.</summary>
    public async Task<AppUser?> CheckPasswordAsync(string email, string password, HttpContext http)
    {
        email = email.Trim();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            DummyWork(password);
            await AuditAsync(http, null, "LoginFailed", "Log ind med ukendt e-mail " + email);
            return null;
        }

        if (await users.IsLockedOutAsync(user))
        {
            DummyWork(password);
            await AuditAsync(http, user, "LoginLockedOut", "Log ind afvist: kontoen er låst efter for mange forkerte forsøg");
            return null;
        }

        if (!await signIn.CanSignInAsync(user) || user.PasswordHash is null)
        {
            DummyWork(password);
            await AuditAsync(http, user, "LoginFailed", user.DeactivatedAtUtc is null ? "Log ind afvist: ingen adgangskode valgt endnu" : "Log ind afvist: brugeren er deaktiveret");
            return null;
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return user;
        }

        await AuditAsync(http, user, result.IsLockedOut ? "LoginLockedOut" : "LoginFailed",
            result.IsLockedOut ? "Forkert adgangskode; kontoen er nu låst i 15 minutter" : "Forkert adgangskode");
        return null;
    }

    /// <summary>The login form: the password step, then signed in, on to the code, or on to enrolment.</summary>
    public async Task<PasswordStep> SignInAsync(string email, string password, HttpContext http)
    {
        if (await CheckPasswordAsync(email, password, http) is not { } user)
        {
            return PasswordStep.Refused;
        }

        if (await users.GetTwoFactorEnabledAsync(user))
        {
            if (await signIn.IsTwoFactorClientRememberedAsync(user))
            {
                await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "pwd")]);
                await AuditAsync(http, user, "LoginSucceeded", "Logget ind med adgangskode (enheden er husket for totrinsbekræftelse)");
                return PasswordStep.SignedIn;
            }

            await StartSecondStepAsync(http, user);
            return PasswordStep.TwoFactor;
        }

        if (await MustUseTwoFactorAsync(user))
        {
            await StartSecondStepAsync(http, user);
            await AuditAsync(http, user, "PasswordAccepted", "Adgangskode godkendt; totrinsbekræftelse skal sættes op, før brugeren kommer videre");
            return PasswordStep.Enrol;
        }

        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "pwd")]);
        await AuditAsync(http, user, "LoginSucceeded", "Logget ind med adgangskode");
        return PasswordStep.SignedIn;
    }

    public async Task<bool> MustUseTwoFactorAsync(AppUser user) =>
        RequireTwoFactor && (await users.GetRolesAsync(user)).Any(TwoFactorRoles.Contains);

    /// <summary>
    /// Identity's two-factor cookie (5 minutes, its own scheme): it names the user whose password was right
    /// and is read by <see cref="SignInManager{TUser}.GetTwoFactorAuthenticationUserAsync"/>; it signs nobody in.
    /// </summary>
    private static Task StartSecondStepAsync(HttpContext http, AppUser user) =>
        http.SignInAsync(IdentityConstants.TwoFactorUserIdScheme,
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Id)], IdentityConstants.TwoFactorUserIdScheme)));

    /// <summary>As much work as checking a real password: the configured PBKDF2 against a hash nobody has.</summary>
    private void DummyWork(string password)
    {
        dummyHash ??= users.PasswordHasher.HashPassword(Nobody, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
        _ = users.PasswordHasher.VerifyHashedPassword(Nobody, dummyHash, password);
    }

    /// <summary>A sign-in event in the audit log: who (or which e-mail), what, from which address. Never a password or code.</summary>
    public async Task AuditAsync(HttpContext http, AppUser? user, string action, string details)
    {
        var from = http.Connection.RemoteIpAddress?.ToString();
        details = from is null ? details : $"{details} (fra {from})";
        db.AuditLog.Add(new AuditLogEntry
        {
            AtUtc = time.GetUtcNow().UtcDateTime,
            ActorUserId = user?.Id,
            ActorName = user?.DisplayName ?? "Ukendt",
            MunicipalityId = user?.MunicipalityId,
            Action = action,
            TargetUserId = user?.Id,
            TargetName = user is null ? null : Truncate($"{user.DisplayName} ({user.Email})", Limits.Name),
            Details = Truncate(details, Limits.Reason),
        });
        await db.SaveChangesAsync();
    }

    private static string Truncate(string s, int max) => s.Length > max ? s[..max] : s;
}
